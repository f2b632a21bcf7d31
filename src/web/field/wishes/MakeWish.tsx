import { useState } from 'react';
import { Button, Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { failText, ok, timeout } from '../net.js';
import { go } from '../router.js';
import { BackButton } from '../ListBits.js';
import { useFetch } from '../useFetch.js';
import type { Me } from '../types.js';
import { BENEFICIARY_KINDS, hasNumbers, tk, type BeneficiaryKind } from './bits.js';
import { useFormOpen } from '../forms.js';

/**
 * Make a wish in one short form: who it is for (a name the public may read and
 * their situation in plain words), what is needed, a few words more. Grid
 * workers and village staff pick the household of their grid. The
 * clientRequestId is made once per form, so a resend never makes two wishes.
 */
export function MakeWish({ me }: { me: Me }) {
  useFormOpen();
  const staff = me.role !== 'resident';
  const households = useFetch(
    staff ? `${me.username}.wish-households` : null,
    () =>
      staff
        ? ok(
            api.GET('/api/v1/households', { params: { query: { limit: 500 } }, signal: timeout(20_000) }),
          ).then((r) => r.items)
        : Promise.resolve([]),
    [staff],
  );
  const [beneficiary, setBeneficiary] = useState('');
  const [kind, setKind] = useState<BeneficiaryKind | null>(null);
  const [title, setTitle] = useState('');
  const [detail, setDetail] = useState('');
  const [householdId, setHouseholdId] = useState('');
  const [requestId] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setError(null);
    if (staff && !householdId) return setError(t('wishesHouseholdRequired'));
    if (!beneficiary.trim()) return setError(t('wishesForRequired'));
    if (!kind) return setError(t('choose'));
    if (title.trim().length < 2) return setError(t('wishesWhatRequired'));
    if ([beneficiary, title, detail].some(hasNumbers)) return setError(t('wishesNoNumbers'));
    setBusy(true);
    try {
      const body = {
        beneficiary: beneficiary.trim(),
        beneficiaryKind: kind,
        title: title.trim(),
        clientRequestId: requestId,
        ...(detail.trim() ? { detail: detail.trim() } : {}),
        ...(staff ? { householdId: Number(householdId) } : {}),
      };
      const made = await ok(api.POST('/api/v1/wishes', { body, signal: timeout(30_000) }));
      Toast.show({ icon: 'success', content: t('wishesSent') });
      go(`/wishes/${made.id}`);
    } catch (err) {
      setError(failText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page" data-testid="wish-make">
      <div className="page-title">
        <BackButton to="/wishes" />
        <h1 className="grow">{t('wishesMake')}</h1>
      </div>
      <div className="card">
        {staff && (
          <>
            <div className="field-label">{t('wishesHousehold')}</div>
            <select
              className="input"
              value={householdId}
              onChange={(e) => setHouseholdId(e.target.value)}
              data-testid="wish-household"
            >
              <option value="">{households.data ? t('choose') : '…'}</option>
              {(households.data ?? []).map((h) => (
                <option key={h.id} value={h.id}>
                  {h.address} · {t('wishesHouseholdMembers', { n: h.memberCount })}
                </option>
              ))}
            </select>
          </>
        )}
        <div className="field-label">{t('wishesFor')}</div>
        <input
          className="input"
          maxLength={20}
          placeholder={t('wishesForHint')}
          value={beneficiary}
          onChange={(e) => setBeneficiary(e.target.value)}
          data-testid="wish-beneficiary"
        />
        <div className="field-label">{t('wishesKindLabel')}</div>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
          {BENEFICIARY_KINDS.map((k) => (
            <button
              type="button"
              key={k}
              className="cat-option"
              aria-pressed={kind === k}
              style={{
                marginTop: 0,
                textAlign: 'center',
                ...(kind === k ? { borderColor: '#c8102e', background: '#fff1f0', fontWeight: 700 } : {}),
              }}
              onClick={() => setKind(k)}
              data-testid={`wish-kind-${k}`}
            >
              {tk('wishesKind', k)}
            </button>
          ))}
        </div>
        <div className="field-label">{t('wishesWhat')}</div>
        <input
          className="input"
          maxLength={60}
          placeholder={t('wishesWhatHint')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="wish-title"
        />
        <div className="field-label">{t('wishesDetail')}</div>
        <textarea
          className="input"
          rows={3}
          maxLength={1000}
          value={detail}
          onChange={(e) => setDetail(e.target.value)}
          data-testid="wish-detail"
        />
        <div className="muted" style={{ marginTop: 6 }}>
          {t('wishesNoNumbers')}
        </div>
        {error && (
          <div className="error-text" role="alert" data-testid="wish-error">
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
          data-testid="wish-submit"
        >
          {t('wishesSubmit')}
        </Button>
      </div>
    </div>
  );
}
