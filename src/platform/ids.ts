import { z } from 'zod';

/**
 * An object id in a URL (path or query): decimal digits only, no sign, no leading
 * zero, no spaces, no exponent, no hex, no full-width digits; 1 … 2^53−1 (ids are
 * bigint identities; beyond JavaScript's safe integers an id cannot be exact).
 * `z.coerce.number()` read `0x10` as 16, `1e3` as 1000 and ` 1` as 1 — a caller
 * must not reach object 16 by writing `0x10`. OpenAPI shows it as an integer.
 */
export const Id = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, 'an id is a positive decimal integer without leading zeros')
  .transform(Number)
  .pipe(z.number().int().max(Number.MAX_SAFE_INTEGER))
  .meta({ type: 'integer', format: 'int64', minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

/** `{ id }` path parameters. */
export const IdParams = z.object({ id: Id });
