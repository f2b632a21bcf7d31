import { useState } from 'react';
import { Button, DotLoading, Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { pick, t } from '../i18n.js';
import { failText, ok, timeout } from '../net.js';
import { go } from '../router.js';
import { BackButton } from '../ListBits.js';
import { useFetch } from '../useFetch.js';
import type { Me } from '../types.js';
import { ServiceGuide } from './ServiceGuide.js';
import type { ServiceItem } from './bits.js';
import { useFormOpen } from '../forms.js';

/**
 * Ask for help in two plain steps: tap what you need (errands and proxy
 * services in two groups), read what it takes, then say what exactly and send.
 * The clientRequestId is made once per form, so a resend never asks twice.
 */
export function AskErrand({ me }: { me: Me }) {
  const items = useFetch(
    `${me.username}.service-items`,
    () => ok(api.GET('/api/v1/service-items', { signal: timeout(20_000) })).then((r) => r.items),
    [],
  );
  const [chosen, setChosen] = useState<ServiceItem | null>(null);
  useFormOpen(!!chosen);
  const [detail, setDetail] = useState('');
  const [contactName, setContactName] = useState('');
  const [phone, setPhone] = useState('');
  const [requestId] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (!chosen) return;
    setError(null);
    if (detail.trim().length < 2) return setError(t('errandsDetailRequired'));
    if (phone.trim() && !/^1\d{10}$/.test(phone.trim())) return setError(t('errandsPhoneWrong'));
    setBusy(true);
    try {
      const body = {
        serviceCode: chosen.code,
        detail: detail.trim(),
        clientRequestId: requestId,
        ...(contactName.trim() ? { contactName: contactName.trim() } : {}),
        ...(phone.trim() ? { contactPhone: phone.trim() } : {}),
      };
      const made = await ok(api.POST('/api/v1/errands', { body, signal: timeout(30_000) }));
      Toast.show({ icon: 'success', content: t('errandsSent') });
      go(`/errands/${made.id}`);
    } catch (err) {
      setError(failText(err));
    } finally {
      setBusy(false);
    }
  }

  const groups = (['errand', 'proxy'] as const).map((kind) => ({
    kind,
    items: (items.data ?? []).filter((i) => i.kind === kind),
  }));
  return (
    <div className="page" data-testid="errand-ask">
      <div className="page-title">
        <BackButton to="/errands" onClick={chosen ? () => setChosen(null) : undefined} />
        <h1 className="grow">{t('errandsAsk')}</h1>
      </div>
      {items.error && <div className="card error-text">{failText(items.error)}</div>}
      {items.loading && !items.data && <DotLoading />}
      {!chosen &&
        groups.map((g) => (
          <div className="card" key={g.kind}>
            <h3 style={{ margin: '0 0 4px' }}>
              {t(g.kind === 'errand' ? 'errandsKindErrand' : 'errandsKindProxy')}
            </h3>
            <div className="muted">{t('errandsChoose')}</div>
            {g.items.map((i) => (
              <button
                type="button"
                key={i.code}
                className="cat-option"
                onClick={() => setChosen(i)}
                data-testid={`item-${i.code}`}
              >
                {pick(i.nameZh, i.nameEn)}
              </button>
            ))}
          </div>
        ))}
      {chosen && (
        <>
          <div className="card">
            <div className="cat-chosen">
              <span className="grow" data-testid="chosen-item">
                {pick(chosen.nameZh, chosen.nameEn)}
              </span>
              <Button size="small" onClick={() => setChosen(null)} data-testid="change-item">
                {t('errandsChange')}
              </Button>
            </div>
            <ServiceGuide item={chosen} />
          </div>
          <div className="card">
            <div className="field-label">{t('errandsDetail')}</div>
            <textarea
              className="input"
              rows={3}
              maxLength={1000}
              placeholder={t('errandsDetailHint')}
              value={detail}
              onChange={(e) => setDetail(e.target.value)}
              data-testid="errand-detail"
            />
            <div className="field-label">{t('errandsContactName')}</div>
            <input
              className="input"
              maxLength={40}
              value={contactName}
              onChange={(e) => setContactName(e.target.value)}
              data-testid="errand-contact-name"
            />
            <div className="field-label">{t('errandsContactPhone')}</div>
            <input
              className="input"
              type="tel"
              inputMode="numeric"
              maxLength={11}
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              data-testid="errand-contact-phone"
            />
            {error && (
              <div className="error-text" role="alert" data-testid="errand-error">
                {error}
              </div>
            )}
            <Button
              block
              color="primary"
              size="large"
              style={{ marginTop: 16 }}
              loading={busy}
              onClick={() => void submit()}
              data-testid="errand-submit"
            >
              {t('errandsSubmit')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
