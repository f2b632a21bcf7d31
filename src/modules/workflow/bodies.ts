import type { z } from 'zod';
import { AppError, type ErrorCode } from '../../platform/errors.js';

/**
 * Parses an action's body with that action's own schema, before anything is
 * touched: 400 and nothing changed. A missing field that has its own error
 * code (a reason, an after-photo) answers with that code.
 */
export function parseActionBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  fieldCodes: Partial<Record<string, ErrorCode>> = {},
): z.output<S> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: `body/${i.path.join('/')}`, message: i.message }));
  const first = r.error.issues[0];
  const field = String(first?.path[0] ?? '');
  const absent = (body as Record<string, unknown> | null | undefined)?.[field] === undefined;
  const code = fieldCodes[field];
  if (code && first && (first.code === 'too_small' || (first.code === 'invalid_type' && absent)))
    throw new AppError(code, { details: issues });
  const detail = issues[0] ? `${issues[0].path}: ${issues[0].message}` : undefined;
  throw new AppError('VALIDATION_FAILED', { detail, detailEn: detail, details: issues });
}
