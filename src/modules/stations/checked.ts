import { AppError, type ErrorCode } from '../../platform/errors.js';

/**
 * Runs a statement whose CHECK constraint is the last word on a rule (capacity, stock): a
 * violation of `constraint` (SQLSTATE 23514) — two requests raced past the use case's own test —
 * answers `code` instead of a server error. The transaction is rolled back whole by the throw.
 */
export async function checked<T>(constraint: string, code: ErrorCode, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const e = err as { code?: string; constraint?: string } | null;
    if (e?.code === '23514' && e.constraint === constraint) throw new AppError(code);
    throw err;
  }
}
