import type { FuzzRequest, Outcome } from './fuzz.js';

/**
 * Defects being fixed in parallel (see the "Trust…" issue). A problem the fuzzer finds must match
 * one of these, or the test fails; and each must still be found, so that when its fix lands the
 * entry has to be removed here.
 */
export const KNOWN_FUZZ_DEFECTS: { name: string; matches: (req: FuzzRequest, o: Outcome) => boolean }[] = [
  {
    // framework error shapes: a path parameter longer than Fastify's maxParamLength (100) is refused
    // by the router before the error handler, as {"error":"Bad Request","code":"FST_ERR_MAX_PARAM_LENGTH",
    // "message": <the whole URL echoed back>} — not the catalogue's shape (and Open311's routes too)
    name: 'framework error shapes: FST_ERR_MAX_PARAM_LENGTH',
    matches: (_req, o) => (o.problem ?? '').includes('FST_ERR_MAX_PARAM_LENGTH'),
  },
];
