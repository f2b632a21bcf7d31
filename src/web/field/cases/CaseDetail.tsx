import { useState } from 'react';
import { isStaffRole } from '../session.js';
import { ImageViewer } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { label, pick, RATING_TEXT, t } from '../i18n.js';
import { ok, timeout } from '../net.js';
import { useFetch } from '../useFetch.js';
import { touch, useLive } from '../messages/live.js';
import type { Me } from '../types.js';
import { ActionPanel } from './ActionPanel.js';
import { CasePhotos } from './CasePhotos.js';
import { StateTag, WarningTag, when } from './bits.js';
import { DetailHead } from '../ListBits.js';
import { Timeline } from './Timeline.js';
import { CaseSpot } from './CaseSpot.js';
import { ReporterContact } from './ReporterContact.js';

/** One case: what, where, its state in plain words, photos, the timeline and my actions. */
export function CaseDetailScreen({ id, me }: { id: number; me: Me }) {
  const { tick } = useLive();
  const [viewing, setViewing] = useState<string | null>(null);
  const res = useFetch(
    `${me.username}.case.${id}`,
    () => ok(api.GET('/api/v1/cases/{id}', { params: { path: { id } }, signal: timeout(20_000) })),
    [id, tick],
  );
  const c = res.data;
  const worker = isStaffRole(me);
  const citizen = me.role === 'resident';

  return (
    <div className="page" data-testid="detail">
      <DetailHead fallback="/cases" loading={res.loading} error={res.error} />
      {c && (
        <>
          <div className="card">
            <div className="row">
              <h1 className="grow" style={{ fontSize: 20, fontWeight: 700, margin: 0 }}>
                {pick(c.categoryName, c.categoryNameEn)}
              </h1>
              {worker && !c.closedAt && <WarningTag warning={c.warning} />}
            </div>
            <div style={{ margin: '8px 0' }}>
              <StateTag state={c.state} />
            </div>
            <p style={{ margin: '8px 0', whiteSpace: 'pre-wrap' }} data-testid="detail-description">
              {c.open311 ? c.open311.originalText : c.description}
            </p>
            {c.open311 && (
              <div data-testid="open311-origin">
                <div className="kv">
                  <span className="k">{t('open311From')}</span>
                  <span>{c.open311.client}</span>
                </div>
                {c.open311.mediaUrls.map((u) => (
                  <div className="kv" key={u}>
                    <span className="k">{t('open311Media')}</span>
                    <a
                      href={u}
                      target="_blank"
                      rel="noopener noreferrer nofollow"
                      style={{ wordBreak: 'break-all' }}
                    >
                      {u}
                    </a>
                  </div>
                ))}
              </div>
            )}
            <div className="kv">
              <span className="k">{t('reportedAt')}</span>
              <span>{when(c.reportedAt)}</span>
            </div>
            <div className="kv">
              <span className="k">{t('place')}</span>
              <span>{c.address ?? c.gridName}</span>
            </div>
            {c.departmentName && (
              <div className="kv">
                <span className="k">{t('handledBy')}</span>
                <span>{c.departmentName}</span>
              </div>
            )}
            {worker && c.deadlineAt && !c.closedAt && (
              <div className="kv">
                <span className="k">{t('deadline')}</span>
                <span>{when(c.deadlineAt)}</span>
              </div>
            )}
            <div className="muted">{c.number}</div>
            {c.evaluation && (
              <p data-testid="evaluation">
                <b>
                  {t(c.evaluatedByMe ? 'evaluated' : 'evaluatedByReporter', {
                    v: label(RATING_TEXT, c.evaluation),
                  })}
                </b>
                {c.evaluationComment && ` — ${c.evaluationComment}`}
              </p>
            )}
          </div>

          {worker && c.state === 'handled' && c.actions.includes('verify') && (
            <div className="card verify" role="note" data-testid="verify-hint">
              <h2 className="card-title">{t('verifyTitle')}</h2>
              <p style={{ margin: 0 }}>{t('verifyHint')}</p>
            </div>
          )}

          <ActionPanel c={c} onChanged={touch} />

          {worker && <CaseSpot c={c} />}
          {!citizen && <ReporterContact c={c} canReveal={me.abilities.includes('cases.reveal_contact')} />}

          <CasePhotos photos={c.photos} onPhoto={setViewing} />

          <div className="card">
            <h3>{t('timeline')}</h3>
            <Timeline history={c.history} onPhoto={setViewing} />
          </div>
        </>
      )}
      <ImageViewer image={viewing ?? ''} visible={!!viewing} onClose={() => setViewing(null)} />
    </div>
  );
}
