import type { FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors.js';

/**
 * Control characters refused in any input: NUL always (PostgreSQL cannot store it in
 * text or jsonb, so it used to surface as a 500), and every other C0 control except
 * tab, line feed and carriage return, which free text (descriptions, notes) may hold.
 * DEL and C1 controls are printable-safe for the database and left alone.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const REFUSED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** Where the first refused control character sits (`body.description`, `query.q`), or undefined. */
export function findControlCharacter(value: unknown, root: string): string | undefined {
  // iterative: a deeply nested JSON body must not overflow the stack
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [v, where] = stack.pop()!;
    if (typeof v === 'string') {
      if (REFUSED.test(v)) return where;
    } else if (v instanceof Map) {
      // parsed forms (Open311) are Maps of key → value or values
      for (const [k, item] of v) {
        if (typeof k === 'string' && REFUSED.test(k)) return where;
        stack.push([item, `${where}.${String(k)}`]);
      }
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], `${where}[${i}]`]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, item] of Object.entries(v)) {
        if (REFUSED.test(k)) return where;
        stack.push([item, `${where}.${k}`]);
      }
    }
  }
  return undefined;
}

/**
 * One gate every route passes: path parameters, query and parsed body (JSON or form)
 * are checked before validation, so no handler, repository or log line ever sees a
 * refused control character. Answers 400 INPUT_CONTROL_CHARACTER naming the field.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const where =
      findControlCharacter(req.params, 'params') ??
      findControlCharacter(req.query, 'query') ??
      findControlCharacter(req.body, 'body');
    if (where) {
      const detail = where.replace(/[^\w.[\]-]/g, '?');
      throw new AppError('INPUT_CONTROL_CHARACTER', { detail, detailEn: detail });
    }
  });
}
