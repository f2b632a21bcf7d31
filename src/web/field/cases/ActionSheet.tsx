import { useState } from 'react';
import { Button, Popup, Selector, Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { label, ACTION_TEXT, RATING_TEXT, t } from '../i18n.js';
import { ApiFailure, failText, ok, timeout } from '../net.js';
import type { PhotoEntry } from '../offline/db.js';
import { uploadMissing } from '../report/photos.js';
import { PhotoPicker } from '../report/PhotoPicker.js';
import type { ActionBody, CaseAction, CaseDetail } from '../types.js';
import { useFormOpen } from '../forms.js';

type Form = {
  note: 'optional' | 'required';
  photo?: boolean;
  /** a photo may be added (not required) */
  evidence?: boolean;
  /** 核查: fixed or not */
  verdict?: boolean;
  rating?: boolean;
  delay?: boolean;
  danger?: boolean;
};

/** The actions the field app offers, and what each asks for. Only those in the case's `actions` are shown. */
export const FORMS: Partial<Record<CaseAction, Form>> = {
  file: { note: 'optional' },
  escalate: { note: 'required' },
  handle_on_spot: { note: 'optional', photo: true },
  close: { note: 'optional' },
  verify: { note: 'optional', verdict: true, evidence: true },
  rework: { note: 'required' },
  reject: { note: 'required', danger: true },
  request_delay: { note: 'required', delay: true },
  evaluate: { note: 'optional', rating: true },
  reopen: { note: 'required' },
  cancel: { note: 'optional', danger: true },
};

type Rating = NonNullable<ActionBody['evaluation']>;

/** Bottom sheet for one action: reason/note, after-photo, rating …; nothing typed is lost on an error. */
export function ActionSheet({
  c,
  action,
  onClose,
  onDone,
}: {
  c: CaseDetail;
  action: CaseAction;
  onClose: () => void;
  onDone: (stale: boolean) => void;
}) {
  useFormOpen();
  const form = FORMS[action] ?? { note: 'optional' };
  const [version] = useState(c.version); // the version I saw
  const [note, setNote] = useState('');
  const [rating, setRating] = useState<Rating | null>(null);
  const [fixed, setFixed] = useState<boolean | null>(null);
  const [days, setDays] = useState(1);
  const [photos, setPhotos] = useState<PhotoEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setError(null);
    if (form.rating && !rating) return setError(t('rateRequired'));
    if (form.verdict && fixed === null) return setError(t('verifyRequired'));
    if (form.note === 'required' && !note.trim()) return setError(t('reasonRequired'));
    if (form.photo && !photos.length) return setError(t('afterPhotoRequired'));
    if (!navigator.onLine) return setError(t('needNetwork'));
    setBusy(true);
    try {
      const copies = photos.map((p) => ({ ...p }));
      const photoIds = await uploadMissing(copies, () => undefined);
      setPhotos(copies); // ids kept: a retry does not upload again
      const body: ActionBody = {
        version,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(photoIds.length ? { photoIds } : {}),
      };
      if (form.rating && rating) body.evaluation = rating;
      if (form.verdict && fixed !== null) body.fixed = fixed;
      if (form.delay) body.delay = { amount: days, unit: 'workday' };
      await ok(
        api.POST('/api/v1/cases/{id}/actions/{action}', {
          params: { path: { id: c.id, action } },
          body,
          signal: timeout(45_000),
        }),
      );
      Toast.show({ icon: 'success', content: t('done') });
      onDone(false);
    } catch (err) {
      setError(failText(err));
      if (
        err instanceof ApiFailure &&
        (err.code === 'CASE_VERSION_CONFLICT' || err.code === 'CASE_ILLEGAL_TRANSITION')
      )
        onDone(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Popup
      visible
      onMaskClick={busy ? undefined : onClose}
      bodyStyle={{
        borderTopLeftRadius: 16,
        borderTopRightRadius: 16,
        maxHeight: '88vh',
        overflowY: 'auto',
        padding: 16,
      }}
    >
      <div data-testid={`sheet-${action}`}>
        <h3 style={{ fontSize: 20, margin: '0 0 12px' }}>
          {form.rating ? t('rateTitle') : label(ACTION_TEXT, action)}
        </h3>
        {form.rating && (
          <div className="rate" role="radiogroup">
            {(['satisfied', 'basically_satisfied', 'dissatisfied'] as const).map((r) => (
              <button
                type="button"
                key={r}
                role="radio"
                aria-checked={rating === r}
                className={rating === r ? 'on' : ''}
                onClick={() => setRating(r)}
                data-testid={`rate-${r}`}
              >
                {label(RATING_TEXT, r)}
              </button>
            ))}
          </div>
        )}
        {form.verdict && (
          <div className="rate" role="radiogroup" aria-label={t('verifyQuestion')}>
            {([true, false] as const).map((v) => (
              <button
                type="button"
                key={String(v)}
                role="radio"
                aria-checked={fixed === v}
                className={fixed === v ? 'on' : ''}
                onClick={() => setFixed(v)}
                data-testid={v ? 'verify-fixed' : 'verify-not-fixed'}
              >
                {v ? t('verifyFixed') : t('verifyNotFixed')}
              </button>
            ))}
          </div>
        )}
        {form.delay && (
          <>
            <div className="field-label">{t('delayDays')}</div>
            <Selector
              options={[1, 2, 3, 5].map((n) => ({ label: String(n), value: n }))}
              value={[days]}
              onChange={(v) => v[0] && setDays(v[0])}
            />
          </>
        )}
        {(form.photo || form.evidence) && (
          <>
            <div className="field-label">{form.photo ? t('afterPhoto') : t('verifyPhoto')}</div>
            <PhotoPicker
              photos={photos}
              uploading={new Set()}
              onAdd={(p) => setPhotos((s) => [...s, ...p])}
              onRemove={(k) => setPhotos((s) => s.filter((p) => p.key !== k))}
              testid="action-photo-input"
            />
          </>
        )}
        <div className="field-label">
          {form.rating ? t('rateComment') : form.note === 'required' ? t('reason') : t('note')}
        </div>
        <textarea
          className="input"
          data-testid="note"
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        {error && (
          <div className="error-text" role="alert" data-testid="action-error">
            {error}
          </div>
        )}
        <div className="row" style={{ marginTop: 16, flexWrap: 'nowrap' }}>
          <Button className="grow" size="large" onClick={onClose} disabled={busy} data-testid="cancel">
            {t('cancel')}
          </Button>
          <Button
            className="grow"
            size="large"
            color={form.danger ? 'danger' : 'primary'}
            loading={busy}
            onClick={() => void confirm()}
            data-testid="confirm"
          >
            {t('confirm')}
          </Button>
        </div>
      </div>
    </Popup>
  );
}
