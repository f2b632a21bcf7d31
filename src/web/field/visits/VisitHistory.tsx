import { DotLoading } from 'antd-mobile';
import { when } from '../cases/bits.js';
import { t } from '../i18n.js';
import { go } from '../router.js';
import { words } from './bits.js';
import type { VisitItem } from './types.js';

/** The household's visits, newest first: when, who, how it went, what they need, photos, the case it led to. */
export function VisitHistory({ items, loading }: { items: VisitItem[]; loading: boolean }) {
  if (loading) return <DotLoading />;
  if (!items.length) return <div className="muted">{t('visitsNoHistory')}</div>;
  return (
    <ul className="timeline" data-testid="visit-history">
      {items.map((v) => (
        <li key={v.id} data-testid="visit-entry">
          <div className="what">
            {words('visitsOutcome', v.outcome)} · {words('visitsKind', v.kind)}
          </div>
          <div className="muted">
            {when(v.visitedAt)} · {v.workerName}
          </div>
          {v.needs.length > 0 && <div>{v.needs.map((n) => words('visitsNeed', n)).join('、')}</div>}
          {v.notes && <div>{v.notes}</div>}
          {v.photos.length > 0 && (
            <div className="photos" style={{ marginTop: 6 }}>
              {v.photos.map((p) => (
                <a key={p.id} className="photo" href={p.url} target="_blank" rel="noreferrer">
                  <img src={p.thumbUrl} alt="" loading="lazy" />
                </a>
              ))}
            </div>
          )}
          {v.caseId !== null && (
            <button
              type="button"
              className="muted"
              style={{
                border: 0,
                background: 'none',
                padding: '4px 0',
                textDecoration: 'underline',
                fontSize: 16,
              }}
              onClick={() => go(`/cases/${v.caseId}`)}
            >
              {t('visitsLinked', { number: v.caseNumber ?? String(v.caseId) })}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
