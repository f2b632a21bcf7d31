import { AppError } from '../../platform/errors.js';

/** An Open311-style extra question of a category. */
export type CategoryAttribute = {
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  description: string;
  values?: Array<{ key: string; name: string }>;
};

export type AttributeAnswers = Record<string, string | number | string[]>;

/** Checks answers against the category's questions; answers only to known questions are kept. */
export function checkAttributes(defs: CategoryAttribute[], answers: AttributeAnswers = {}): AttributeAnswers {
  const out: AttributeAnswers = {};
  const fail = (code: string, zh: string, en: string) => {
    throw new AppError('ATTRIBUTE_INVALID', { detail: `${code}: ${zh}`, detailEn: `${code}: ${en}` });
  };
  for (const code of Object.keys(answers)) {
    if (!defs.some((d) => d.code === code)) fail(code, '没有这个问题', 'no such question');
  }
  for (const d of defs) {
    const v = answers[d.code];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) {
      if (d.required) fail(d.code, `必填：${d.description}`, 'required');
      continue;
    }
    const keys = new Set((d.values ?? []).map((x) => x.key));
    switch (d.datatype) {
      case 'singlevaluelist':
        if (typeof v !== 'string' || !keys.has(v))
          fail(d.code, '不是可选值之一', 'not one of the listed values');
        break;
      case 'multivaluelist': {
        const list = Array.isArray(v) ? v : [String(v)];
        if (list.some((x) => !keys.has(x))) fail(d.code, '含有非可选值', 'contains a value not listed');
        out[d.code] = [...new Set(list)];
        continue;
      }
      case 'number':
        if (!Number.isFinite(Number(v)) || Array.isArray(v)) fail(d.code, '须为数字', 'must be a number');
        out[d.code] = Number(v);
        continue;
      case 'datetime':
        if (typeof v !== 'string' || Number.isNaN(Date.parse(v)))
          fail(d.code, '须为日期时间', 'must be a date-time');
        break;
      default:
        if (typeof v !== 'string' || v.length > (d.datatype === 'text' ? 2000 : 200))
          fail(d.code, '须为文字且不过长', 'must be text of reasonable length');
    }
    out[d.code] = v;
  }
  return out;
}
