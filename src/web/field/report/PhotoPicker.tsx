import { useEffect, useMemo, useRef } from 'react';
import { Toast } from 'antd-mobile';
import { CameraOutlined, PictureOutlined } from '@ant-design/icons';
import { t } from '../i18n.js';
import type { PhotoEntry } from '../offline/db.js';
import { preparePhoto } from './photos.js';

const MAX = 9;

/**
 * Take or pick photos (optional). They are kept on the phone as Blobs with the
 * draft; `uploading` marks the ones going to the server right now.
 */
export function PhotoPicker({
  photos,
  onAdd,
  onRemove,
  uploading,
  testid = 'photo-input',
}: {
  photos: PhotoEntry[];
  onAdd: (p: PhotoEntry[]) => void;
  onRemove: (key: string) => void;
  uploading: Set<string>;
  testid?: string;
}) {
  const urls = useObjectUrls(photos);

  async function picked(el: HTMLInputElement) {
    const files = el.files;
    if (!files?.length) return;
    const list = [...files].slice(0, MAX - photos.length);
    const prepared = await Promise.all(
      list
        .filter((f) => f.type.startsWith('image/') || /\.(heic|heif|jpe?g|png|webp)$/i.test(f.name))
        .map(preparePhoto),
    );
    if (prepared.length < list.length) Toast.show({ content: 'JPEG / PNG / WebP / HEIC' });
    onAdd(prepared);
    el.value = '';
  }

  return (
    <div className="photos" data-testid="photo-picker">
      {photos.map((p) => (
        <div className="photo" key={p.key} data-testid="photo-thumb">
          {urls.get(p.key) && <img src={urls.get(p.key)} alt="" />}
          <button
            type="button"
            className="remove"
            aria-label={t('removePhoto')}
            onClick={() => onRemove(p.key)}
          >
            ×
          </button>
          <span className="badge">
            {uploading.has(p.key) ? t('photoUploading') : p.serverId ? t('photoUploaded') : t('photoSaved')}
          </span>
        </div>
      ))}
      {photos.length < MAX && (
        <>
          <label className="photo-add">
            <CameraOutlined className="plus" />
            {t('takePhoto')}
            <input
              data-testid={testid}
              type="file"
              accept="image/*"
              capture="environment"
              onChange={(e) => void picked(e.target)}
            />
          </label>
          <label className="photo-add">
            <PictureOutlined className="plus" />
            {t('pickPhoto')}
            <input
              data-testid={`${testid}-album`}
              type="file"
              accept="image/*"
              multiple
              onChange={(e) => void picked(e.target)}
            />
          </label>
        </>
      )}
    </div>
  );
}

/** Object URLs of the photos' Blobs, revoked when no longer shown. */
function useObjectUrls(photos: PhotoEntry[]): Map<string, string> {
  const cache = useRef(new Map<string, string>());
  const urls = useMemo(() => {
    const next = new Map<string, string>();
    for (const p of photos) next.set(p.key, cache.current.get(p.key) ?? URL.createObjectURL(p.blob));
    for (const [k, u] of cache.current) if (!next.has(k)) URL.revokeObjectURL(u);
    cache.current = next;
    return next;
  }, [photos]);
  useEffect(
    () => () => {
      for (const u of cache.current.values()) URL.revokeObjectURL(u);
      cache.current = new Map();
    },
    [],
  );
  return urls;
}
