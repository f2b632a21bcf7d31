import { useState } from 'react';
import { Button, Selector, Toast } from 'antd-mobile';
import { errorText } from '../../shared/api.js';
import { t } from '../i18n.js';
import { failText } from '../net.js';
import { PhotoPicker } from '../report/PhotoPicker.js';
import type { Me } from '../types.js';
import { words } from './bits.js';
import { pendingCase } from './link.js';
import { saveVisit } from './save.js';
import type { VisitBody } from './types.js';
import { useVisitDraft } from './useVisitDraft.js';
import { useFormOpen } from '../forms.js';

const KINDS: VisitBody['kind'][] = ['routine', 'care', 'follow_up', 'campaign'];
const OUTCOMES: VisitBody['outcome'][] = ['all_well', 'needs_help', 'issue_reported', 'not_home'];
const NEEDS: NonNullable<VisitBody['needs']> = [
  'medical',
  'living',
  'housing',
  'daily_care',
  'schooling',
  'employment',
  'legal',
  'safety',
  'other',
];
const NO_UPLOADS = new Set<string>();

/**
 * 记录这次走访: kind, how it went, needs, a few words, photos if the person
 * wants (never required). Kept on the phone while typing; saved online or
 * queued offline; a case reported from this household is linked.
 */
export function VisitForm({
  me,
  householdId,
  address,
  onSaved,
}: {
  me: Me;
  householdId: number;
  address: string;
  onSaved: () => void;
}) {
  useFormOpen();
  const { draft, update, reset, ready } = useVisitDraft(
    `${me.username}:visit:${householdId}`,
    householdId,
    address,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const linked = pendingCase(me.username, householdId);
  const outcome = draft.outcome ?? (linked ? 'issue_reported' : null);

  async function save() {
    setError(null);
    if (!outcome) {
      setError(t('visitsChooseOutcome'));
      return;
    }
    setBusy(true);
    try {
      const res = await saveVisit(me.username, { ...draft, outcome });
      if (res.kind === 'refused') return setError(failText(res.error));
      if (res.kind === 'auth') return;
      await reset();
      Toast.show({
        icon: res.kind === 'sent' ? 'success' : undefined,
        content: res.kind === 'sent' ? t('visitsSaved') : t('visitsQueued'),
        duration: 3000,
      });
      onSaved();
    } finally {
      setBusy(false);
    }
  }

  if (!ready) return null;
  return (
    <div className="card" data-testid="visit-form">
      <h3>{t('visitsRecord')}</h3>
      {draft.refusal && <div className="error-text">{errorText(draft.refusal)}</div>}
      {linked && (
        <div className="muted" data-testid="visit-linked-case" style={{ marginBottom: 8 }}>
          {t('visitsLinked', { number: linked.number ?? String(linked.id) })}
        </div>
      )}
      <div className="field-label">{t('visitsKind')}</div>
      <Selector
        columns={2}
        value={[draft.kind]}
        onChange={(v) => v[0] && update((d) => ({ ...d, kind: v[0]! }))}
        options={KINDS.map((k) => ({ label: words('visitsKind', k), value: k }))}
        data-testid="visit-kind"
      />
      <div className="field-label" style={{ marginTop: 12 }}>
        {t('visitsOutcome')} <span className="req error-text">*</span>
      </div>
      <Selector
        columns={2}
        value={outcome ? [outcome] : []}
        onChange={(v) => update((d) => ({ ...d, outcome: v[0] ?? null }))}
        options={OUTCOMES.map((o) => ({
          label: <span data-testid={`outcome-${o}`}>{words('visitsOutcome', o)}</span>,
          value: o,
        }))}
      />
      <div className="field-label" style={{ marginTop: 12 }}>
        {t('visitsNeeds')}
      </div>
      <Selector
        columns={3}
        multiple
        value={draft.needs}
        onChange={(v) => update((d) => ({ ...d, needs: v }))}
        options={NEEDS.map((n) => ({
          label: <span data-testid={`need-${n}`}>{words('visitsNeed', n)}</span>,
          value: n,
        }))}
      />
      <div className="field-label" style={{ marginTop: 12 }}>
        {t('visitsNotes')}
      </div>
      <textarea
        className="input"
        data-testid="visit-notes"
        rows={3}
        maxLength={2000}
        placeholder={t('visitsNotesPlaceholder')}
        value={draft.notes}
        onChange={(e) => update((d) => ({ ...d, notes: e.target.value }))}
      />
      <div className="field-label" style={{ marginTop: 12 }}>
        {t('visitsPhotosOptional')}
      </div>
      <PhotoPicker
        testid="visit-photo-input"
        photos={draft.photos}
        uploading={NO_UPLOADS}
        onAdd={(list) => update((d) => ({ ...d, photos: [...d.photos, ...list].slice(0, 9) }))}
        onRemove={(k) => update((d) => ({ ...d, photos: d.photos.filter((p) => p.key !== k) }))}
      />
      {error && (
        <div className="error-text" role="alert" data-testid="visit-error">
          {error}
        </div>
      )}
      <Button
        block
        color="primary"
        size="large"
        style={{ marginTop: 12 }}
        loading={busy}
        onClick={() => void save()}
        data-testid="visit-save"
      >
        {t('visitsSave')}
      </Button>
    </div>
  );
}
