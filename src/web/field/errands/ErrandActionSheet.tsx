import { useState } from 'react';
import { Button, Popup, Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { ApiFailure, failText, ok, timeout } from '../net.js';
import type { PhotoEntry } from '../offline/db.js';
import { uploadMissing } from '../report/photos.js';
import { PhotoPicker } from '../report/PhotoPicker.js';
import { tk, type ErrandAction, type ErrandDetail, type Rating } from './bits.js';
import { useFormOpen } from '../forms.js';

const RATINGS: Rating[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];

/**
 * Bottom sheet for one step: accept and cancel just ask "sure?"; decline asks
 * the reason, done the result (and an optional photo), confirm a rating.
 * What was typed stays on an error; a step someone else took first refreshes.
 */
export function ErrandActionSheet({
  e,
  action,
  onClose,
  onDone,
}: {
  e: ErrandDetail;
  action: ErrandAction;
  onClose: () => void;
  onDone: () => void;
}) {
  useFormOpen();
  const [version] = useState(e.version);
  const [text, setText] = useState('');
  const [rating, setRating] = useState<Rating | null>(null);
  const [photos, setPhotos] = useState<PhotoEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsText = action === 'decline' || action === 'done';

  async function confirm() {
    setError(null);
    if (needsText && !text.trim()) return setError(t('errandsFieldRequired'));
    if (action === 'confirm' && !rating) return setError(t('errandsRateRequired'));
    setBusy(true);
    try {
      const copies = photos.map((p) => ({ ...p }));
      const photoIds = action === 'done' ? await uploadMissing(copies, () => undefined) : [];
      setPhotos(copies); // ids kept: a retry does not upload again
      const words = text.trim() || undefined;
      const body =
        action === 'decline'
          ? { version, reason: words }
          : action === 'done'
            ? { version, note: words, photoIds }
            : action === 'confirm'
              ? { version, rating: rating ?? undefined, comment: words }
              : { version };
      await ok(
        api.POST('/api/v1/errands/{id}/actions/{action}', {
          params: { path: { id: e.id, action } },
          body,
          signal: timeout(45_000),
        }),
      );
      Toast.show({ icon: 'success', content: t('done') });
      onDone();
    } catch (err) {
      const stale =
        err instanceof ApiFailure &&
        (err.code === 'ERRAND_VERSION_CONFLICT' || err.code === 'ERRAND_ILLEGAL_TRANSITION');
      if (stale) {
        Toast.show({ content: t('errandsStale') });
        onDone();
      } else setError(failText(err));
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
      <div data-testid={`errand-sheet-${action}`}>
        <h3 style={{ fontSize: 20, margin: '0 0 12px' }}>
          {action === 'cancel' ? t('errandsActCancelAsk') : tk('errandsAct', action)}
        </h3>
        {action === 'confirm' && (
          <div className="rate" role="radiogroup">
            {RATINGS.map((r) => (
              <button
                type="button"
                key={r}
                role="radio"
                aria-checked={rating === r}
                className={rating === r ? 'on' : ''}
                onClick={() => setRating(r)}
                data-testid={`rate-${r}`}
              >
                {tk('errandsRate', r)}
              </button>
            ))}
          </div>
        )}
        {action === 'done' && (
          <>
            <div className="field-label">{t('errandsPhoto')}</div>
            <PhotoPicker
              photos={photos}
              uploading={new Set()}
              onAdd={(p) => setPhotos((s) => [...s, ...p])}
              onRemove={(k) => setPhotos((s) => s.filter((p) => p.key !== k))}
              testid="errand-photo-input"
            />
          </>
        )}
        {(needsText || action === 'confirm') && (
          <>
            <div className="field-label">
              {t(
                action === 'decline' ? 'errandsReason' : action === 'done' ? 'errandsNote' : 'errandsComment',
              )}
            </div>
            <textarea
              className="input"
              data-testid="errand-note"
              rows={3}
              maxLength={action === 'decline' ? 200 : 500}
              value={text}
              onChange={(ev) => setText(ev.target.value)}
            />
          </>
        )}
        {error && (
          <div className="error-text" role="alert" data-testid="errand-action-error">
            {error}
          </div>
        )}
        <div className="row" style={{ marginTop: 16, flexWrap: 'nowrap' }}>
          <Button
            className="grow"
            size="large"
            onClick={onClose}
            disabled={busy}
            data-testid="errand-sheet-cancel"
          >
            {t('cancel')}
          </Button>
          <Button
            className="grow"
            size="large"
            color={action === 'decline' || action === 'cancel' ? 'danger' : 'primary'}
            loading={busy}
            onClick={() => void confirm()}
            data-testid="errand-sheet-ok"
          >
            {t('confirm')}
          </Button>
        </div>
      </div>
    </Popup>
  );
}
