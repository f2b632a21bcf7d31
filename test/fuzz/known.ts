import type { FuzzRequest, Outcome } from './fuzz.js';

/**
 * Defects being fixed in parallel (see the "Trust…" issue). A problem the fuzzer finds must match
 * one of these, or the test fails; and each must still be found, so that when its fix lands the
 * entry has to be removed here.
 */
export const KNOWN_FUZZ_DEFECTS: { name: string; matches: (req: FuzzRequest, o: Outcome) => boolean }[] = [];
