import { useState } from 'react';
import { Button, Dialog, ImageViewer, Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { when } from '../cases/bits.js';
import { t } from '../i18n.js';
import { failText, ok, timeout } from '../net.js';
import { useFetch } from '../useFetch.js';
import { touch, useLive } from '../messages/live.js';
import type { Me } from '../types.js';
import { DetailHead, StepList } from '../ListBits.js';
import { tk, WishStatusTag, type WishAction, type WishDetail } from './bits.js';
import { ServeWish } from '../inservice/ServeWish.js';

/** Claiming and fulfilling take forms of the desktop; the phone offers the simple steps. */
const ON_PHONE: WishAction[] = ['close', 'withdraw', 'publish', 'reject', 'unclaim'];
/** Steps that take a few words; the others only a confirmation. */
const WITH_TEXT: WishAction[] = ['close', 'reject'];

/** One wish: what, for whom, its status in plain words, who helps, the photo, the steps and my buttons. */
export function WishDetailScreen({ id, me }: { id: number; me: Me }) {
  const { tick } = useLive();
  const [viewing, setViewing] = useState<string | null>(null);
  const [writing, setWriting] = useState<WishAction | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const res = useFetch(
    `${me.username}.wish.${id}`,
    () => ok(api.GET('/api/v1/wishes/{id}', { params: { path: { id } }, signal: timeout(20_000) })),
    [id, tick],
  );
  const w = res.data;

  async function act(action: WishAction, words?: string) {
    if (!w) return;
    setBusy(true);
    try {
      const body = {
        version: w.version,
        ...(action === 'close' ? { thanksNote: words || t('wishesThanksDefault') } : {}),
        ...(action === 'reject' ? { reason: words } : {}),
      };
      await ok(
        api.POST('/api/v1/wishes/{id}/actions/{action}', {
          params: { path: { id, action } },
          body,
          signal: timeout(30_000),
        }),
      );
      setWriting(null);
      touch();
      await res.reload();
    } catch (err) {
      Toast.show({ content: failText(err) });
    } finally {
      setBusy(false);
    }
  }

  async function press(action: WishAction) {
    if (WITH_TEXT.includes(action)) {
      setText(action === 'close' ? t('wishesThanksDefault') : '');
      return setWriting(action);
    }
    const content = action === 'withdraw' ? t('wishesWithdrawConfirm') : tk('wishesAct', action);
    if (await Dialog.confirm({ content, confirmText: t('wishesDone'), cancelText: t('cancel') }))
      await act(action);
  }

  const offered = w?.actions.filter((a) => ON_PHONE.includes(a)) ?? [];
  // an in-service party member claims and fulfils on the phone (ServeWish)
  const serving = me.role === 'in_service_member';
  const onPhone = (a: WishAction) => ON_PHONE.includes(a) || (serving && (a === 'claim' || a === 'fulfil'));
  return (
    <div className="page" data-testid="wish-detail-screen">
      <DetailHead fallback="/wishes" loading={res.loading} error={res.error} />
      {w && (
        <>
          <Summary w={w} onPhoto={setViewing} />
          {offered.length > 0 && !writing && (
            <div className="card" style={{ display: 'grid', gap: 10 }}>
              {offered.map((a) => (
                <Button
                  key={a}
                  block
                  size="large"
                  color={a === 'withdraw' || a === 'reject' || a === 'unclaim' ? 'default' : 'primary'}
                  loading={busy}
                  onClick={() => void press(a)}
                  data-testid={`wish-action-${a}`}
                >
                  {tk('wishesAct', a)}
                </Button>
              ))}
            </div>
          )}
          {writing && (
            <div className="card">
              <div className="field-label">
                {writing === 'close' ? t('wishesThanksHint') : t('wishesReason')}
              </div>
              <textarea
                className="input"
                rows={2}
                maxLength={500}
                value={text}
                onChange={(e) => setText(e.target.value)}
                data-testid="wish-text"
              />
              <Button
                block
                color="primary"
                size="large"
                style={{ marginTop: 12 }}
                loading={busy}
                onClick={() => {
                  if (writing === 'reject' && text.trim().length < 2)
                    Toast.show({ content: t('wishesReasonRequired') });
                  else void act(writing, text.trim());
                }}
                data-testid="wish-text-submit"
              >
                {tk('wishesAct', writing)}
              </Button>
              <Button
                block
                size="large"
                fill="none"
                style={{ marginTop: 8 }}
                onClick={() => setWriting(null)}
              >
                {t('cancel')}
              </Button>
            </div>
          )}
          {serving && (
            <ServeWish
              w={w}
              onDone={() => {
                touch();
                void res.reload();
              }}
            />
          )}
          {w.actions.some((a) => !onPhone(a)) && <div className="card muted">{t('wishesUseCentre')}</div>}
          <StepList
            title={t('wishesSteps')}
            testId="wish-steps"
            steps={w.history.map((h) => ({ ...h, label: tk('wishesStep', h.action) }))}
          />
        </>
      )}
      <ImageViewer image={viewing ?? ''} visible={!!viewing} onClose={() => setViewing(null)} />
    </div>
  );
}

function Summary({ w, onPhoto }: { w: WishDetail; onPhoto: (url: string) => void }) {
  const active = w.claims.filter((c) => c.status === 'active');
  return (
    <>
      <div className="card">
        <div style={{ fontSize: 20, fontWeight: 700 }}>{w.title}</div>
        <div style={{ margin: '8px 0' }}>
          <WishStatusTag status={w.status} />
        </div>
        <Kv k={t('wishesFor')} v={`${w.beneficiary} · ${tk('wishesKind', w.beneficiaryKind)}`} />
        {w.detail && <p style={{ margin: '8px 0', whiteSpace: 'pre-wrap' }}>{w.detail}</p>}
        <Kv k={t('wishesMadeAt')} v={when(w.createdAt)} />
        {w.rejectReason && <Kv k={t('wishesReason')} v={w.rejectReason} />}
        <div className="muted">
          {w.number} · {w.gridName}
        </div>
      </div>
      {(w.status === 'published' || active.length > 0) && (
        <div className="card" data-testid="wish-claimers">
          <h3 style={{ margin: '0 0 6px' }}>{t('wishesClaimers')}</h3>
          {active.length === 0 && <div className="muted">{t('wishesNoClaimer')}</div>}
          {active.map((c) => (
            <div key={c.id} className="kv">
              <b>{c.claimerName}</b>
              <span className="muted">{tk('wishesClaimer', c.claimerKind)}</span>
            </div>
          ))}
          {w.maxClaimers > 1 && (
            <div className="muted">{t('wishesShare', { n: active.length, max: w.maxClaimers })}</div>
          )}
        </div>
      )}
      {(w.fulfilNote || w.photos.length > 0) && (
        <div className="card" data-testid="wish-fulfilment">
          {w.fulfilNote && <Kv k={t('wishesFulfilNote')} v={w.fulfilNote} />}
          <div className="photos">
            {w.photos.map((p) => (
              <button
                type="button"
                key={p.id}
                className="photo"
                onClick={() => onPhoto(p.url)}
                style={{ border: 0, padding: 0 }}
              >
                <img
                  src={p.thumbUrl}
                  alt=""
                  style={{ width: '100%', height: '100%', objectFit: 'cover' }}
                  data-testid="wish-photo"
                />
              </button>
            ))}
          </div>
          {w.thanksNote && <Kv k={t('wishesThanks')} v={w.thanksNote} />}
        </div>
      )}
    </>
  );
}

function Kv({ k, v }: { k: string; v: string }) {
  return (
    <div className="kv">
      <span className="k">{k}</span>
      <span>{v}</span>
    </div>
  );
}
