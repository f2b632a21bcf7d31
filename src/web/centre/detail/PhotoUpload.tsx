import { CloseCircleFilled, UploadOutlined } from '@ant-design/icons';
import { Alert, Space, Spin } from 'antd';
import { useRef, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import type { Uploaded } from '../types.js';

/**
 * Uploads photos one by one (POST /photos, multipart field `file`) as they are
 * chosen and reports their ids. A plain file input, so tests can set files on it.
 */
export function PhotoUpload({
  value = [],
  onChange,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
}) {
  const { t, lang } = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [thumbs, setThumbs] = useState<Record<string, string>>({});
  const input = useRef<HTMLInputElement>(null);

  async function pick(files: FileList | null) {
    if (!files?.length) return;
    setBusy(true);
    setError(null);
    const ids = [...value];
    for (const file of Array.from(files)) {
      const form = new FormData();
      form.append('file', file);
      const r = await api
        .POST('/api/v1/photos', { body: form as never, bodySerializer: () => form })
        .catch((e: unknown) => ({ data: undefined, error: e }));
      if (r.data) {
        const p = r.data as Uploaded;
        ids.push(p.id);
        setThumbs((m) => ({ ...m, [p.id]: p.thumbUrl }));
      } else setError(errorText(r.error, lang));
    }
    setBusy(false);
    onChange?.(ids);
    if (input.current) input.current.value = '';
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {value.map((id) => (
          <span key={id} style={{ position: 'relative', display: 'inline-block' }}>
            <img
              src={thumbs[id] ?? `/api/v1/photos/${id}/thumb`}
              alt=""
              width={72}
              height={72}
              style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #d9d9d9' }}
              data-testid="uploaded-photo"
            />
            <CloseCircleFilled
              style={{ position: 'absolute', top: -6, right: -6, color: '#c8102e', cursor: 'pointer' }}
              onClick={() => onChange?.(value.filter((x) => x !== id))}
            />
          </span>
        ))}
        <label
          style={{
            display: 'inline-grid',
            placeItems: 'center',
            width: 72,
            height: 72,
            border: '1px dashed #d9d9d9',
            borderRadius: 4,
            cursor: 'pointer',
            color: '#595959',
            background: '#fafafa',
          }}
        >
          {busy ? <Spin size="small" /> : <UploadOutlined style={{ fontSize: 20 }} />}
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/heic,.heic"
            multiple
            style={{ display: 'none' }}
            onChange={(e) => void pick(e.target.files)}
            data-testid="photo-input"
          />
        </label>
      </Space>
      {busy && <span style={{ color: '#595959' }}>{t('act.uploading')}</span>}
      {error && <Alert type="error" showIcon title={error} />}
    </Space>
  );
}
