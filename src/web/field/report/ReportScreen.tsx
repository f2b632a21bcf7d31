import { useEffect, useRef, useState } from 'react';
import { Button, Dialog, NoticeBar, Toast } from 'antd-mobile';
import { t } from '../i18n.js';
import { errorText } from '../../shared/api.js';
import { failText } from '../net.js';
import type { PhotoEntry } from '../offline/db.js';
import type { Me } from '../types.js';
import { AttributeFields } from './AttributeFields.js';
import { warmCategories } from './categories.js';
import { CategoryPicker } from './CategoryPicker.js';
import { LocationPicker } from './LocationPicker.js';
import { PhotoPicker } from './PhotoPicker.js';
import { uploadPhoto } from './photos.js';
import { ReportDone, type Done } from './ReportDone.js';
import { confirmSimilar } from './SimilarDialog.js';
import { buildBody, findSimilar, submitReport, validate, type FormErrors, type Source } from './submit.js';
import { useDraft } from './useDraft.js';
import { useHouseholdPrefill } from './household.js';
import { caseReported } from '../visits/link.js';
import { useFormOpen } from '../forms.js';

/**
 * 随手拍 (residents) and 巡查上报 (grid workers, source "patrol"): one form.
 * Opened from a household on a visit (`householdId`), it starts from the
 * household (its own draft, so a half-written patrol report is left alone) and
 * the case it makes is linked to the visit.
 */
export function ReportScreen({ me, source, householdId }: { me: Me; source: Source; householdId?: number }) {
  const { draft, update, reset, ready, restored, generation } = useDraft(
    householdId ? `${me.username}:${source}:household:${householdId}` : `${me.username}:${source}`,
  );
  const householdError = useHouseholdPrefill(me, householdId, ready, draft, update);
  const [errors, setErrors] = useState<FormErrors>({ attrs: {} });
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  useFormOpen(!done);
  const [uploading, setUploading] = useState<Set<string>>(new Set());
  const inFlight = useRef(new Map<string, Promise<string | undefined>>());

  useEffect(() => void warmCategories(), []);

  const setPhotoId = (key: string, id: string | undefined) =>
    update((d) => ({ ...d, photos: d.photos.map((p) => (p.key === key ? { ...p, serverId: id } : p)) }));

  // photos go up in the background while the person writes (when there is a network)
  function addPhotos(list: PhotoEntry[]) {
    update((d) => ({ ...d, photos: [...d.photos, ...list].slice(0, 9) }));
    if (!navigator.onLine) return;
    for (const p of list) {
      setUploading((s) => new Set(s).add(p.key));
      const job = uploadPhoto(p)
        .then((id) => (setPhotoId(p.key, id), id))
        .catch(() => undefined) // kept on the phone; sent with the report
        .finally(() => {
          inFlight.current.delete(p.key);
          setUploading((s) => new Set([...s].filter((k) => k !== p.key)));
        });
      inFlight.current.set(p.key, job);
    }
  }

  async function submit() {
    const e = validate(draft);
    setRefusal(null);
    if (e) {
      setErrors(e);
      Toast.show({ content: e.category ?? e.description ?? e.location ?? Object.values(e.attrs)[0] });
      return;
    }
    setErrors({ attrs: {} });
    update((x) => ({ ...x, refusal: undefined }));
    const body = buildBody(draft, me, source);
    setBusy(true);
    try {
      // photos still going up in the background: wait for their ids rather than upload twice
      const ids = new Map(
        await Promise.all([...inFlight.current].map(async ([k, job]) => [k, await job] as const)),
      );
      const d = {
        ...draft,
        refusal: undefined,
        photos: draft.photos.map((p) => (p.serverId ? p : { ...p, serverId: ids.get(p.key) })),
      };
      const similar = await findSimilar(body);
      if (similar.length && !(await confirmSimilar(similar))) return;
      const res = await submitReport(d, body, setPhotoId);
      if (res.kind === 'refused') {
        setRefusal(failText(res.error));
        return;
      }
      if (res.kind === 'auth') return; // the sign-in screen takes over; the draft stays
      if (res.kind === 'sent' && d.household)
        await caseReported(me.username, d.household.id, res).catch(() => undefined);
      await reset();
      setDone(res.kind === 'sent' ? res : { kind: 'queued' });
    } finally {
      setBusy(false);
    }
  }

  async function startOver() {
    if (
      await Dialog.confirm({
        content: t('clearForm') + '？',
        confirmText: t('confirm'),
        cancelText: t('cancel'),
      })
    )
      await reset();
  }

  if (done) return <ReportDone done={done} again={() => setDone(null)} householdId={householdId} />;
  if (!ready) return <div className="page" />;
  const cat = draft.category;
  return (
    <div className="page" data-testid="report-form">
      <div className="page-title">
        <span className="grow">{source === 'patrol' ? t('patrolTitle') : t('reportTitle')}</span>
        <Button size="small" fill="none" onClick={() => void startOver()} data-testid="clear-form">
          {t('clearForm')}
        </Button>
      </div>
      {restored && !draft.refusal && (
        <NoticeBar content={t('draftRestored')} color="info" data-testid="draft-restored" />
      )}
      {draft.refusal && (
        <div className="card error-text" role="alert" data-testid="refusal">
          {t('queueAttention')}：{errorText(draft.refusal)}
        </div>
      )}

      <div className="card">
        <h3>{t('photos')}</h3>
        <PhotoPicker
          photos={draft.photos}
          uploading={uploading}
          onAdd={addPhotos}
          onRemove={(k) => update((d) => ({ ...d, photos: d.photos.filter((p) => p.key !== k) }))}
        />
      </div>

      <div className="card">
        <h3>
          {t('category')} <span className="req error-text">*</span>
        </h3>
        <CategoryPicker
          key={generation}
          value={cat}
          error={errors.category}
          onChange={(c) =>
            update((d) => ({ ...d, category: c, answers: c?.code === d.category?.code ? d.answers : {} }))
          }
        />
        {cat && cat.attributes.length > 0 && (
          <AttributeFields
            attributes={cat.attributes}
            answers={draft.answers}
            errors={errors.attrs}
            onChange={(a) => update((d) => ({ ...d, answers: a }))}
          />
        )}
      </div>

      <div className="card">
        <h3>
          {t('description')} <span className="req error-text">*</span>
        </h3>
        <textarea
          className="input"
          data-testid="description"
          rows={4}
          maxLength={2000}
          placeholder={t('descriptionPlaceholder')}
          value={draft.description}
          onChange={(e) => update((d) => ({ ...d, description: e.target.value }))}
        />
        {errors.description && <div className="error-text">{errors.description}</div>}
      </div>

      {householdId ? (
        <div className="card" data-testid="report-household">
          <h3>{t('location')}</h3>
          {draft.household ? (
            <div style={{ fontSize: 18 }}>
              {t('visitsFromHousehold', { address: draft.household.address })}
            </div>
          ) : (
            <div className="error-text">{householdError}</div>
          )}
        </div>
      ) : (
        <div className="card">
          <h3>{t('location')}</h3>
          <LocationPicker
            key={generation}
            me={me}
            spot={draft.spot}
            useMyGrid={draft.useMyGrid}
            error={errors.location}
            onSpot={(s) => update((d) => ({ ...d, spot: s }))}
            onUseMyGrid={(v) => update((d) => ({ ...d, useMyGrid: v }))}
          />
        </div>
      )}

      {refusal && (
        <div className="card error-text" role="alert" data-testid="submit-error">
          {refusal}
        </div>
      )}
      <Button
        block
        color="primary"
        size="large"
        loading={busy}
        loadingText={t('submitting')}
        onClick={() => void submit()}
        data-testid="submit"
      >
        {t('submit')}
      </Button>
    </div>
  );
}
