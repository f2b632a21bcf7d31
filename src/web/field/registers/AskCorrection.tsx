import { useState } from 'react';
import { Toast } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { t, type StringKey } from '../i18n.js';
import { ok } from '../net.js';
import { FormError, SubmitButton, useSubmit } from '../FormBits.js';

const FIELDS = [
  'name',
  'gender',
  'birthDate',
  'idNumber',
  'phone',
  'relation',
  'address',
  'maritalStatus',
  'careTags',
  'other',
] as const;

export const fieldName = (f: string) => t(`fld_${f}` as StringKey);

/** Asks the village to correct my record (更正): which fields, and what is right. */
export function AskCorrection({ onSent }: { onSent: () => void }) {
  const [fields, setFields] = useState<Array<(typeof FIELDS)[number]>>([]);
  const [detail, setDetail] = useState('');
  const { busy, error, setError, run } = useSubmit();

  async function send(e: React.FormEvent) {
    e.preventDefault();
    if (!fields.length || detail.trim().length < 2) return setError(t('regMissing'));
    await run(async () => {
      const r = await ok(api.POST('/api/v1/me/corrections', { body: { fields, detail: detail.trim() } }));
      Toast.show({ icon: 'success', content: t('myDataSent', { due: r.dueAt.slice(0, 10) }) });
      setFields([]);
      setDetail('');
      onSent();
    });
  }

  return (
    <form className="card" onSubmit={(e) => void send(e)} data-testid="ask-correction">
      <h3>{t('myDataAsk')}</h3>
      <div className="field-label">
        {t('myDataWhich')}
        <span className="req"> *</span>
      </div>
      <div className="row" style={{ flexWrap: 'wrap', gap: 8 }}>
        {FIELDS.map((f) => (
          <label
            key={f}
            className="chip"
            style={{ minHeight: 44, display: 'inline-flex', alignItems: 'center', gap: 4 }}
          >
            <input
              type="checkbox"
              data-testid={`corr-field-${f}`}
              checked={fields.includes(f)}
              onChange={(e) => setFields(e.target.checked ? [...fields, f] : fields.filter((x) => x !== f))}
            />
            {fieldName(f)}
          </label>
        ))}
      </div>
      <label className="field-label" htmlFor="corr-detail">
        {t('myDataDetail')}
        <span className="req"> *</span>
      </label>
      <textarea
        id="corr-detail"
        className="input"
        data-testid="corr-detail"
        rows={3}
        maxLength={1000}
        value={detail}
        onChange={(e) => setDetail(e.target.value)}
      />
      <FormError error={error} testId="corr-error" />
      <SubmitButton busy={busy} testId="corr-send" label="myDataSend" marginTop={16} />
    </form>
  );
}
