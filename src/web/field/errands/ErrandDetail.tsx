import { useState } from 'react';
import { Button, ImageViewer, Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { when } from '../cases/bits.js';
import { pick, t } from '../i18n.js';
import { failText, ok, timeout } from '../net.js';
import { useFetch } from '../useFetch.js';
import { touch, useLive } from '../messages/live.js';
import type { Me } from '../types.js';
import { ErrandActionSheet } from './ErrandActionSheet.js';
import { ServiceGuide } from './ServiceGuide.js';
import { DetailHead, StepList } from '../ListBits.js';
import { ErrandStatusTag, tk, type ErrandAction } from './bits.js';

/** One errand: what, its status in plain words, who is doing it, the steps, and the buttons I may press. */
export function ErrandDetailScreen({ id, me }: { id: number; me: Me }) {
  const { tick } = useLive();
  const [acting, setActing] = useState<ErrandAction | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const res = useFetch(
    `${me.username}.errand.${id}`,
    () => ok(api.GET('/api/v1/errands/{id}', { params: { path: { id } }, signal: timeout(20_000) })),
    [id, tick],
  );
  const e = res.data;

  async function reveal() {
    try {
      const r = await ok(
        api.POST('/api/v1/errands/{id}/reveal-phone', {
          params: { path: { id } },
          body: { reason: t('errandsShowPhoneReason') },
        }),
      );
      setPhone(r.contactPhone);
    } catch (err) {
      Toast.show({ content: failText(err) });
    }
  }

  return (
    <div className="page" data-testid="errand-detail-screen">
      <DetailHead fallback="/errands" loading={res.loading} error={res.error} />
      {e && (
        <>
          <div className="card">
            <div style={{ fontSize: 20, fontWeight: 700 }}>{pick(e.serviceName, e.serviceNameEn)}</div>
            <div style={{ margin: '8px 0' }}>
              <ErrandStatusTag status={e.status} />
              {e.overdue && (
                <span className="warn overdue" style={{ marginLeft: 8 }}>
                  {t('errandsOverdue')}
                </span>
              )}
            </div>
            <p style={{ margin: '8px 0', whiteSpace: 'pre-wrap' }}>{e.detail}</p>
            <Kv k={t('errandsAskedAt')} v={when(e.createdAt)} />
            {(e.status === 'requested' || e.status === 'accepted') && (
              <Kv k={t('errandsDueAt')} v={when(e.dueAt)} />
            )}
            {e.assigneeName && <Kv k={t('errandsDoer')} v={e.assigneeName} testid="errand-doer" />}
            {!me.abilities.includes('errands.request') && (
              <Kv k={t('errandsRequester')} v={`${e.contactName ?? e.requesterName} · ${e.gridName}`} />
            )}
            {e.contactPhone && (
              <div className="kv">
                <span className="k">{t('errandsContact')}</span>
                <span className="grow">{phone ? <a href={`tel:${phone}`}>{phone}</a> : e.contactPhone}</span>
                {e.canRevealPhone && !phone && (
                  <Button size="mini" onClick={() => void reveal()} data-testid="errand-reveal">
                    {t('errandsShowPhone')}
                  </Button>
                )}
              </div>
            )}
            {e.resultNote && <Kv k={t('errandsResult')} v={e.resultNote} testid="errand-result" />}
            {e.declineReason && <Kv k={t('errandsDeclined')} v={e.declineReason} />}
            {e.rating && (
              <p data-testid="errand-rating">
                <b>{t('errandsRated', { v: tk('errandsRate', e.rating) })}</b>
                {e.ratingComment && ` — ${e.ratingComment}`}
              </p>
            )}
            <div className="muted">{e.number}</div>
          </div>

          {e.actions.length > 0 && (
            <div className="card" style={{ display: 'grid', gap: 10 }}>
              {e.actions.map((a) => (
                <Button
                  key={a}
                  block
                  size="large"
                  color={a === 'decline' || a === 'cancel' ? 'default' : 'primary'}
                  onClick={() => setActing(a)}
                  data-testid={`errand-action-${a}`}
                >
                  {tk('errandsAct', a)}
                </Button>
              ))}
            </div>
          )}

          {e.photos.length > 0 && (
            <div className="card photos">
              {e.photos.map((p) => (
                <button
                  type="button"
                  key={p.id}
                  className="photo"
                  onClick={() => setViewing(p.url)}
                  style={{ border: 0, padding: 0 }}
                >
                  <img
                    src={p.thumbUrl}
                    alt=""
                    style={{ width: '100%', height: '100%', objectFit: 'cover' }}
                  />
                </button>
              ))}
            </div>
          )}

          <StepList
            title={t('errandsSteps')}
            testId="errand-steps"
            steps={e.steps.map((s) => ({ ...s, label: tk('errandsStep', s.action) }))}
          />

          <div className="card">
            <ServiceGuide item={e.service} />
          </div>
          {acting && (
            <ErrandActionSheet
              e={e}
              action={acting}
              onClose={() => setActing(null)}
              onDone={() => {
                setActing(null);
                touch();
              }}
            />
          )}
        </>
      )}
      <ImageViewer image={viewing ?? ''} visible={!!viewing} onClose={() => setViewing(null)} />
    </div>
  );
}

function Kv({ k, v, testid }: { k: string; v: string; testid?: string }) {
  return (
    <div className="kv">
      <span className="k">{k}</span>
      <span data-testid={testid}>{v}</span>
    </div>
  );
}
