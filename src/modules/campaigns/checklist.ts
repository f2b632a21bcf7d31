import { AppError } from '../../platform/errors.js';
import { Checklist, DateOnly, type ChecklistInput } from './schemas.js';
import './errors.js'; // registers this module's codes (ADR 0005)

type Answer = boolean | number | string;

function fits(type: string, options: string[] | undefined, v: Answer): boolean {
  switch (type) {
    case 'boolean':
      return typeof v === 'boolean';
    case 'number':
      return typeof v === 'number';
    case 'text':
      return typeof v === 'string' && v.length > 0;
    case 'choice':
      return typeof v === 'string' && (options ?? []).includes(v);
    default:
      return typeof v === 'string' && DateOnly.safeParse(v).success;
  }
}

/**
 * The answers of a target against its campaign's checklist: only its fields, each of its type,
 * every required one present — otherwise 400 with the fields at fault and nothing saved.
 */
export function checkAnswers(checklist: unknown, answers: Record<string, Answer>): ChecklistInput {
  const c = Checklist.parse(checklist);
  const byKey = new Map(c.fields.map((f) => [f.key, f]));
  const wrong: string[] = [];
  for (const [k, v] of Object.entries(answers)) {
    const f = byKey.get(k);
    if (!f || !fits(f.type, f.options, v)) wrong.push(k);
  }
  for (const f of c.fields) if (f.required && answers[f.key] === undefined) wrong.push(f.key);
  if (wrong.length)
    throw new AppError('CAMPAIGN_ANSWERS_INVALID', {
      detail: `字段：${wrong.join('、')}`,
      detailEn: `fields: ${wrong.join(', ')}`,
    });
  return c;
}
