import { Empty, Image, Space, Typography } from 'antd';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import type { Photo } from '../types.js';

const PHASES = ['before', 'after', 'evidence'] as const;

/** Before / after / other photos: thumbnails, click to enlarge the public (EXIF-free) copy. */
export function CasePhotos({ photos }: { photos: Photo[] }) {
  const { t, label } = useLang();
  if (!photos.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.noPhotos')} />;
  return (
    <Image.PreviewGroup>
      <Space size={32} wrap align="start" style={{ width: '100%' }}>
        {PHASES.map((phase) => {
          const list = photos.filter(
            (p) =>
              p.phase === phase ||
              (phase === 'evidence' && !PHASES.includes(p.phase as (typeof PHASES)[number])),
          );
          if (!list.length) return null;
          return (
            <div key={phase}>
              <Typography.Text type="secondary">{label('photo', phase)}</Typography.Text>
              <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginTop: 4 }}>
                {list.map((p) => (
                  <span
                    key={p.id}
                    data-testid={`photo-thumb-${p.id}`}
                    className="wg-photo-thumb"
                    title={p.takenAt ? fmtTime(p.takenAt) : undefined}
                  >
                    <Image
                      src={p.thumbUrl}
                      preview={{ src: p.url }}
                      width={104}
                      height={104}
                      style={{ objectFit: 'cover', borderRadius: 4 }}
                      alt={label('photo', phase)}
                    />
                  </span>
                ))}
              </div>
            </div>
          );
        })}
      </Space>
    </Image.PreviewGroup>
  );
}
