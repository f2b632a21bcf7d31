import type { FuzzRequest, Outcome } from './fuzz.js';

/**
 * Defects being fixed in parallel (see the "Trust…" issue). A problem the fuzzer finds must match
 * one of these, or the test fails; and each must still be found, so that when its fix lands the
 * entry has to be removed here.
 */
export const KNOWN_FUZZ_DEFECTS: {
  name: string;
  matches: (req: FuzzRequest, o: Outcome) => boolean;
  /** requests that reproduce it every time: the test checks they still do */
  probes: FuzzRequest[];
}[] = [
  {
    // framework error shapes: the router refuses some URLs before the error handler runs — a path
    // parameter longer than maxParamLength (100): FST_ERR_MAX_PARAM_LENGTH, echoing the whole URL back;
    // a percent-encoding that is not UTF-8 (%ED%A0%80): FST_ERR_BAD_URL — as Fastify's own
    // {"error":"Bad Request","code":"FST_ERR_…","message",…}, not the catalogue's shape (Open311's too)
    name: 'framework error shapes (FST_ERR_MAX_PARAM_LENGTH, FST_ERR_BAD_URL)',
    matches: (_req, o) => /"code":"FST_ERR_(MAX_PARAM_LENGTH|BAD_URL)"/.test(o.problem ?? ''),
    probes: [
      { method: 'GET', url: `/api/v1/cases/${'x'.repeat(200)}`, who: 'anonymous' },
      { method: 'GET', url: '/api/v1/cases/%ED%A0%80', who: 'admin' },
    ],
  },
  {
    // NEW, found by this fuzzer (reported in the tproof branch's report): a `within` of digits that is
    // no region code (e.g. 1853945953) answers 500 INTERNAL on the summary routes instead of 400/404.
    // Reproduce: GET /api/v1/visits/summary?within=1853945953 (also /wishes/stats, /errands/stats) as admin.
    name: 'summary routes: `within` that is no region code → 500',
    matches: (req, o) =>
      o.status === 500 && /^\/api\/v1\/(visits\/summary|wishes\/stats|errands\/stats)\?/.test(req.url),
    probes: [
      { method: 'GET', url: '/api/v1/visits/summary?within=1853945953', who: 'admin' },
      { method: 'GET', url: '/api/v1/wishes/stats?within=1617285397', who: 'admin' },
      { method: 'GET', url: '/api/v1/errands/stats?within=1200171997', who: 'admin' },
    ],
  },
];
