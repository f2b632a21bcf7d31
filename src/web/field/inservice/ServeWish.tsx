import { useState } from 'react';
import { Button, Dialog, Popup, Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { failText, ok, timeout } from '../net.js';
import type { PhotoEntry } from '../offline/db.js';
import { uploadMissing } from '../report/photos.js';
import { PhotoPicker } from '../report/PhotoPicker.js';
import type { WishDetail } from '../wishes/bits.js';
import { useFormOpen } from '../forms.js';

const HOURS = [0.5, 1, 1.5, 2, 3, 4, 6, 8];

/**
 * An in-service party member's two steps on a wish near home: claim it (as 在职党员), and say it is
 * fulfilled with the hours served and an optional photo (the wish's photo rules: POST /photos, then
 * its id in the step). The hours are recorded by the server in the same step.
 */
export function ServeWish({ w, onDone }: { w: WishDetail; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [fulfilling, setFulfilling] = useState(false);
  const can = (a: 'claim' | 'fulfil') => w.actions.includes(a);
  if (!can('claim') && !can('fulfil')) return null;

  async function claim() {
    if (
      !(await Dialog.confirm({
        content: t('isvClaimConfirm'),
        confirmText: t('isvClaim'),
        cancelText: t('cancel'),
      }))
    )
      return;
    setBusy(true);
    try {
      await ok(
        api.POST('/api/v1/wishes/{id}/actions/{action}', {
          params: { path: { id: w.id, action: 'claim' } },
          body: { version: w.version, claimerKind: 'in_service_member' },
          signal: timeout(30_000),
        }),
      );
      onDone();
    } catch (err) {
      Toast.show({ content: failText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card" style={{ display: 'grid', gap: 10 }}>
      {can('claim') && (
        <Button
          block
          size="large"
          color="primary"
          loading={busy}
          onClick={() => void claim()}
          data-testid="isv-claim"
        >
          {t('isvClaim')}
        </Button>
      )}
      {can('fulfil') && (
        <Button
          block
          size="large"
          color="primary"
          onClick={() => setFulfilling(true)}
          data-testid="isv-fulfil"
        >
          {t('isvFulfil')}
        </Button>
      )}
      {fulfilling && <FulfilSheet w={w} onClose={() => setFulfilling(false)} onDone={onDone} />}
    </div>
  );
}

function FulfilSheet({ w, onClose, onDone }: { w: WishDetail; onClose: () => void; onDone: () => void }) {
  useFormOpen();
  const [version] = useState(w.version);
  const [note, setNote] = useState('');
  const [hours, setHours] = useState(1);
  const [photos, setPhotos] = useState<PhotoEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send() {
    if (note.trim().length < 2) return setError(t('isvFulfilNoteRequired'));
    setBusy(true);
    setError(null);
    try {
      const copies = photos.map((p) => ({ ...p }));
      const photoIds = await uploadMissing(copies, () => undefined);
      setPhotos(copies); // ids kept: a retry does not upload again
      await ok(
        api.POST('/api/v1/wishes/{id}/actions/{action}', {
          params: { path: { id: w.id, action: 'fulfil' } },
          body: { version, note: note.trim(), hours, photoIds },
          signal: timeout(45_000),
        }),
      );
      Toast.show({ icon: 'success', content: t('done') });
      onClose();
      onDone();
    } catch (err) {
      setError(failText(err));
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
      <div data-testid="isv-fulfil-sheet">
        <h3 style={{ fontSize: 20, margin: '0 0 12px' }}>{t('isvFulfil')}</h3>
        <div className="field-label">{t('isvFulfilHours')}</div>
        <div className="rate" role="radiogroup">
          {HOURS.map((h) => (
            <button
              type="button"
              key={h}
              role="radio"
              aria-checked={hours === h}
              className={hours === h ? 'on' : ''}
              onClick={() => setHours(h)}
              data-testid={`isv-hours-${h}`}
            >
              {h}
            </button>
          ))}
        </div>
        <div className="field-label">{t('isvFulfilNote')}</div>
        <textarea
          className="input"
          rows={3}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="isv-fulfil-note"
        />
        <div className="field-label">{t('isvFulfilPhoto')}</div>
        <PhotoPicker
          photos={photos}
          uploading={new Set()}
          onAdd={(p) => setPhotos((s) => [...s, ...p])}
          onRemove={(k) => setPhotos((s) => s.filter((p) => p.key !== k))}
          testid="isv-photo-input"
        />
        {error && (
          <div className="error-text" role="alert" data-testid="isv-fulfil-error">
            {error}
          </div>
        )}
        <div className="row" style={{ marginTop: 16, flexWrap: 'nowrap' }}>
          <Button className="grow" size="large" onClick={onClose} disabled={busy}>
            {t('cancel')}
          </Button>
          <Button
            className="grow"
            size="large"
            color="primary"
            loading={busy}
            onClick={() => void send()}
            data-testid="isv-fulfil-ok"
          >
            {t('confirm')}
          </Button>
        </div>
      </div>
    </Popup>
  );
}
