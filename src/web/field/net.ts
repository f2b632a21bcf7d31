import { errorText, type ApiError } from '../shared/api.js';

/** A failed API call: `status` 0 means the network failed (no answer at all). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | undefined,
  ) {
    super(body?.error.code ?? 'NETWORK');
  }
  get code(): string {
    return this.body?.error.code ?? 'NETWORK';
  }
  /** worth trying again later: no answer, server trouble, rate limit */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

const unauthorized = new Set<() => void>();

/** Called when any call answers 401 (the session ended). */
export function onUnauthorized(fn: () => void): () => void {
  unauthorized.add(fn);
  return () => unauthorized.delete(fn);
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Unwraps an openapi-fetch call: the data, or an ApiFailure (network errors included). */
export async function ok<T>(call: Promise<Result<T>>): Promise<T> {
  let res: Result<T>;
  try {
    res = await call;
  } catch {
    throw new ApiFailure(0, undefined);
  }
  if (res.response.ok) return res.data as T;
  if (res.response.status === 401) unauthorized.forEach((fn) => fn());
  const body = res.error as ApiError | undefined;
  throw new ApiFailure(res.response.status, body?.error ? body : undefined);
}

/** The message to show for any error. */
export function failText(err: unknown): string {
  return errorText(err instanceof ApiFailure ? err.body : undefined);
}

/** An abort signal that fires after `ms` (weak signal: never wait forever). */
export function timeout(ms: number): AbortSignal {
  return AbortSignal.timeout(ms);
}
