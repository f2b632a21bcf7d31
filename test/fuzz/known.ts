import type { FuzzRequest, Outcome } from './fuzz.js';

/**
 * Defects being fixed in parallel (see the "Trust…" issue). A problem the fuzzer finds must match
 * one of these, or the test fails; and each must still be found, so that when its fix lands the
 * entry has to be removed here. Empty: the framework error shapes, NUL bytes, out-of-scope filters
 * and the summary routes' `within` are fixed; FIXED_PROBES keeps them fixed.
 */
export const KNOWN_FUZZ_DEFECTS: {
  name: string;
  matches: (req: FuzzRequest, o: Outcome) => boolean;
  /** requests that reproduce it every time: the test checks they still do */
  probes: FuzzRequest[];
}[] = [];

/** Requests that once found a defect (now fixed): each must answer without a problem. */
export const FIXED_PROBES: FuzzRequest[] = [
  // framework error shapes: a path parameter past maxParamLength, a percent-encoding that is not UTF-8
  { method: 'GET', url: `/api/v1/cases/${'x'.repeat(200)}`, who: 'anonymous' },
  { method: 'GET', url: '/api/v1/cases/%ED%A0%80', who: 'admin' },
  // NUL bytes in a query and in a body
  { method: 'GET', url: '/api/v1/residents?name=a%00b', who: 'admin' },
  { method: 'POST', url: '/api/v1/inbox/read', body: '{"ids":["\\u0000"]}', who: 'admin' },
  // a `within` of digits that is no region code (was 500 on the summary routes)
  { method: 'GET', url: '/api/v1/visits/summary?within=1853945953', who: 'admin' },
  { method: 'GET', url: '/api/v1/wishes/stats?within=1617285397', who: 'admin' },
  { method: 'GET', url: '/api/v1/errands/stats?within=1200171997', who: 'admin' },
];
