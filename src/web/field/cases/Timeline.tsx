import { ACTION_TEXT, getLang, label, STATE_TEXT, t, TIER_TEXT } from '../i18n.js';
import type { CaseDetail } from '../types.js';
import { when } from './bits.js';

/**
 * 办理经过: every step with who, when, the note and its photos. Who: "me" for my own steps,
 * else the department or person the server names; a resident is told the tier only.
 */
export function Timeline({
  history,
  onPhoto,
}: {
  history: CaseDetail['history'];
  onPhoto: (url: string) => void;
}) {
  return (
    <ol className="timeline" data-testid="timeline">
      {history.map((h, i) => (
        <li key={`${h.at}-${i}`} data-testid={`timeline-${h.action}`}>
          <div className="what">
            {getLang() === 'zh' ? h.actionName : label(ACTION_TEXT, h.action)}
            <span className="muted" style={{ fontWeight: 400 }}>
              {' '}
              · {when(h.at)}
            </span>
          </div>
          <div className="muted" data-testid="timeline-who">
            {h.mine ? t('stepMine') : (h.departmentName ?? h.actorName ?? label(TIER_TEXT, h.tier))}
          </div>
          {h.note && <div>{h.note}</div>}
          <div className="muted">→ {label(STATE_TEXT, h.toState)}</div>
          {h.photoIds.length > 0 && (
            <div className="photos small" style={{ marginTop: 6 }}>
              {h.photoIds.map((id, n) => (
                <button
                  type="button"
                  key={id}
                  className="photo"
                  style={{ border: 0, padding: 0 }}
                  onClick={() => onPhoto(`/api/v1/photos/${id}/public`)}
                >
                  <img
                    src={`/api/v1/photos/${id}/thumb`}
                    alt={t('timelinePhotoAlt', {
                      what: getLang() === 'zh' ? h.actionName : label(ACTION_TEXT, h.action),
                      n: n + 1,
                    })}
                    loading="lazy"
                  />
                </button>
              ))}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
