import { t } from '../i18n.js';
import type { CaseDetail } from '../types.js';

/** Before / after photos (thumbnails; tap for the EXIF-free public copy). */
export function CasePhotos({
  photos,
  onPhoto,
}: {
  photos: CaseDetail['photos'];
  onPhoto: (url: string) => void;
}) {
  if (!photos.length) return null;
  const groups: Array<[string, CaseDetail['photos']]> = [
    [t('photosBefore'), photos.filter((p) => p.phase === 'before')],
    [t('photosAfter'), photos.filter((p) => p.phase === 'after')],
    [t('photosOther'), photos.filter((p) => p.phase !== 'before' && p.phase !== 'after')],
  ];
  return (
    <div className="card" data-testid="photos">
      {groups
        .filter(([, list]) => list.length)
        .map(([title, list]) => (
          <div key={title} style={{ marginBottom: 8 }}>
            <h3>{title}</h3>
            <div className="photos">
              {list.map((p) => (
                <button
                  type="button"
                  key={p.id}
                  className="photo"
                  style={{ border: 0, padding: 0 }}
                  onClick={() => onPhoto(p.url)}
                  data-testid={`photo-${p.phase}`}
                >
                  <img src={p.thumbUrl} alt={title} loading="lazy" />
                </button>
              ))}
            </div>
          </div>
        ))}
    </div>
  );
}
