import { Button, Selector, Toast } from 'antd-mobile';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { failText, ok, timeout } from '../net.js';
import type { PhotoEntry } from '../offline/db.js';
import { uploadMissing } from '../report/photos.js';
import { PhotoPicker } from '../report/PhotoPicker.js';
import { back } from '../router.js';
import { useFetch } from '../useFetch.js';

/**
 * 评理记录表 on the phone: the village's open disputes; for one, where and by whom it was mediated,
 * the facts, each side's claims, the agreement, and a photo of the signed paper. Needs network
 * (like a case action): the photo is uploaded, then the sheet is recorded.
 */
export function MediationRecord() {
  const list = useFetch(
    null,
    () => ok(api.GET('/api/v1/disputes', { params: { query: { open: 'true', limit: 50 } } })),
    [],
  );
  const places = useFetch(null, () => ok(api.GET('/api/v1/mediation/places', {})), []);
  const mediators = useFetch(null, () => ok(api.GET('/api/v1/mediation/mediators', {})), []);
  const [disputeId, setDisputeId] = useState<number | undefined>();
  const [placeId, setPlaceId] = useState<number | undefined>();
  const [mediatorId, setMediatorId] = useState<number | undefined>();
  const [facts, setFacts] = useState('');
  const [applicantClaim, setApplicant] = useState('');
  const [respondentClaim, setRespondent] = useState('');
  const [agreement, setAgreement] = useState('');
  const [photos, setPhotos] = useState<PhotoEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const village = (list.data?.items ?? []).filter((d) => d.tier === 'village');

  async function send() {
    if (!disputeId || !placeId || !mediatorId) return;
    setError(null);
    setBusy(true);
    try {
      const copies = photos.map((p) => ({ ...p }));
      const photoIds = await uploadMissing(copies, () => undefined);
      setPhotos(copies);
      await ok(
        api.POST('/api/v1/disputes/{id}/sessions', {
          params: { path: { id: disputeId } },
          body: {
            heldOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
            placeId,
            mediatorIds: [mediatorId],
            partiesPresent: '双方当事人',
            facts,
            applicantClaim,
            respondentClaim,
            outcome: 'agreed',
            agreement,
            photoIds,
          },
          signal: timeout(45_000),
        }),
      );
      Toast.show({ icon: 'success', content: t('mediationSaved') });
      back('/');
    } catch (err) {
      setError(failText(err));
    } finally {
      setBusy(false);
    }
  }
  const field = (label: string, value: string, set: (v: string) => void, testid: string) => (
    <>
      <div className="field-label">{label}</div>
      <textarea
        className="input"
        rows={2}
        value={value}
        onChange={(e) => set(e.target.value)}
        data-testid={testid}
      />
    </>
  );
  return (
    <div className="page" data-testid="mediation-record">
      <div className="page-title">{t('mediationTitle')}</div>
      <div className="field-label">{t('mediationDispute')}</div>
      <Selector
        columns={1}
        options={village.map((d) => ({ value: d.id, label: `${d.number} ${d.summary}` }))}
        value={disputeId ? [disputeId] : []}
        onChange={(v) => setDisputeId(v[0])}
      />
      <div className="field-label">{t('mediationPlace')}</div>
      <Selector
        columns={1}
        options={(places.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
        value={placeId ? [placeId] : []}
        onChange={(v) => setPlaceId(v[0])}
      />
      <div className="field-label">{t('mediationMediator')}</div>
      <Selector
        columns={2}
        options={(mediators.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
        value={mediatorId ? [mediatorId] : []}
        onChange={(v) => setMediatorId(v[0])}
      />
      {field(t('mediationFacts'), facts, setFacts, 'mediation-facts')}
      {field(t('mediationApplicant'), applicantClaim, setApplicant, 'mediation-applicant')}
      {field(t('mediationRespondent'), respondentClaim, setRespondent, 'mediation-respondent')}
      {field(t('mediationAgreement'), agreement, setAgreement, 'mediation-agreement')}
      <div className="field-label">{t('mediationSigned')}</div>
      <PhotoPicker
        photos={photos}
        uploading={new Set()}
        onAdd={(p) => setPhotos((s) => [...s, ...p])}
        onRemove={(k) => setPhotos((s) => s.filter((p) => p.key !== k))}
        testid="mediation-photo-input"
      />
      {error && <div className="error">{error}</div>}
      <Button
        block
        color="primary"
        size="large"
        loading={busy}
        onClick={() => void send()}
        data-testid="mediation-send"
      >
        {t('disputeSend')}
      </Button>
    </div>
  );
}
