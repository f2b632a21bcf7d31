import type { FastifyRouteSchemaDef, FastifyValidationResult } from 'fastify/types/schema.js';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';
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

/**
 * The validator compiler of a `POST …/actions/{action}` route: params and query as usual; the
 * body's schema (a union of the action bodies) documents it, and the handler parses it with the
 * action's own schema (`parseActionBody`), where a missing reason or after-photo has its own code.
 */
export function actionRouteValidator<S>(route: FastifyRouteSchemaDef<S>): FastifyValidationResult {
  if (route.httpPart === 'body') return (data: unknown) => ({ value: data });
  return validatorCompiler(route as unknown as FastifyRouteSchemaDef<$ZodType>);
}
