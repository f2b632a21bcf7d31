import { Image, Tag, Timeline, Typography } from 'antd';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import type { CaseDetail } from '../types.js';

/** The whole history: time, action, actor and role, department, note, photos, on time or late. */
export function CaseTimeline({ c }: { c: CaseDetail }) {
  const { t, label, lang } = useLang();
  const items = c.history.map((h, i) => ({
    key: i,
    color: h.onTime === false ? 'red' : i === c.history.length - 1 ? '#c8102e' : 'gray',
    content: (
      <div data-testid="timeline-item">
        <div>
          <Typography.Text
            type="secondary"
            style={{ marginInlineEnd: 8, fontVariantNumeric: 'tabular-nums' }}
          >
            {fmtTime(h.at)}
          </Typography.Text>
          <Typography.Text strong>{lang === 'zh' ? h.actionName : label('action', h.action)}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
            {label('state', h.toState)} · {label('tier', h.tier)}
          </Typography.Text>
          {h.onTime === true && (
            <Tag color="green" style={{ marginInlineStart: 8 }}>
              {t('tl.onTime')}
            </Tag>
          )}
          {h.onTime === false && (
            <Tag color="red" style={{ marginInlineStart: 8 }}>
              {t('tl.late')}
            </Tag>
          )}
        </div>
        <div style={{ fontSize: 13 }}>
          {t('tl.actor')}
          {t('common.colon')}
          {h.actorName ?? '—'}
          {h.actorRole && <Typography.Text type="secondary"> ({label('role', h.actorRole)})</Typography.Text>}
          {h.departmentName && h.departmentName !== h.actorName && (
            <span>
              {' '}
              · {t('case.department')}
              {t('common.colon')}
              {h.departmentName}
            </span>
          )}
        </div>
        {h.deadlineAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tl.deadline')}
            {t('common.colon')}
            {fmtTime(h.deadlineAt)}
          </Typography.Text>
        )}
        {h.note && (
          <div
            style={{
              marginTop: 4,
              padding: '4px 8px',
              background: '#fafafa',
              borderInlineStart: '3px solid #d9d9d9',
              whiteSpace: 'pre-wrap',
            }}
          >
            {h.note}
          </div>
        )}
        {h.photoIds.length > 0 && (
          <Image.PreviewGroup>
            <div style={{ display: 'flex', gap: 4, marginTop: 4 }}>
              {h.photoIds.map((id, n) => (
                <Image
                  key={id}
                  alt={t('tl.photoAlt', {
                    action: lang === 'zh' ? h.actionName : label('action', h.action),
                    n: n + 1,
                    time: fmtTime(h.at),
                  })}
                  src={`/api/v1/photos/${id}/thumb`}
                  preview={{ src: `/api/v1/photos/${id}/public` }}
                  width={48}
                  height={48}
                  style={{ objectFit: 'cover' }}
                />
              ))}
            </div>
          </Image.PreviewGroup>
        )}
      </div>
    ),
  }));
  return (
    <div data-testid="timeline">
      <Timeline items={items} />
    </div>
  );
}
