import { Selector } from 'antd-mobile';
import { getLang, pick, t } from '../i18n.js';
import type { Answers, Attribute } from '../types.js';

/** The category's extra questions (Open311 attributes). */
export function AttributeFields({
  attributes,
  answers,
  onChange,
  errors,
}: {
  attributes: Attribute[];
  answers: Answers;
  onChange: (a: Answers) => void;
  errors: Record<string, string>;
}) {
  const set = (code: string, v: string | number | string[] | undefined) => {
    const next = { ...answers };
    if (v === undefined || v === '' || (Array.isArray(v) && !v.length)) delete next[code];
    else next[code] = v;
    onChange(next);
  };
  return (
    <>
      {attributes.map((a) => (
        <div key={a.code} data-testid={`attr-${a.code}`}>
          <div className="field-label">
            {pick(a.description, a.descriptionEn)}
            {a.required && <span className="req">（{t('required')}）</span>}
          </div>
          <Field a={a} value={answers[a.code]} set={(v) => set(a.code, v)} />
          {errors[a.code] && <div className="error-text">{errors[a.code]}</div>}
        </div>
      ))}
    </>
  );
}

function Field({
  a,
  value,
  set,
}: {
  a: Attribute;
  value: Answers[string] | undefined;
  set: (v: string | number | string[] | undefined) => void;
}) {
  const options = (a.values ?? []).map((v) => ({
    label: getLang() === 'en' && v.nameEn ? v.nameEn : v.name,
    value: v.key,
  }));
  switch (a.datatype) {
    case 'singlevaluelist':
      return (
        <Selector
          options={options}
          value={typeof value === 'string' ? [value] : []}
          onChange={(v) => set(v[0])}
        />
      );
    case 'multivaluelist':
      return (
        <Selector
          multiple
          options={options}
          value={Array.isArray(value) ? value : []}
          onChange={(v) => set(v)}
        />
      );
    case 'number':
      return (
        <input
          className="input"
          type="number"
          inputMode="decimal"
          value={value === undefined ? '' : String(value)}
          onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
    case 'text':
      return (
        <textarea
          className="input"
          maxLength={2000}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'datetime':
      return (
        <input
          className="input"
          type="datetime-local"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value)}
        />
      );
    default:
      return (
        <input
          className="input"
          maxLength={200}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value)}
        />
      );
  }
}

/** Missing required answers → messages by question code. */
export function checkAnswers(attributes: Attribute[], answers: Answers): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const a of attributes) {
    const v = answers[a.code];
    const empty =
      v === undefined ||
      v === '' ||
      (Array.isArray(v) && !v.length) ||
      (a.datatype === 'number' && !Number.isFinite(Number(v)));
    if (a.required && empty) errors[a.code] = t('attrRequired', { q: pick(a.description, a.descriptionEn) });
  }
  return errors;
}

/** Answers as the server wants them (date-times with their offset; only this category's questions). */
export function answersForServer(attributes: Attribute[], answers: Answers): Answers {
  const out: Answers = {};
  for (const a of attributes) {
    const v = answers[a.code];
    if (v === undefined || v === '' || (Array.isArray(v) && !v.length)) continue;
    out[a.code] = a.datatype === 'datetime' && typeof v === 'string' ? new Date(v).toISOString() : v;
  }
  return out;
}
