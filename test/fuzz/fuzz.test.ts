import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../helpers.js';
import { fuzz, send } from './fuzz.js';
import { FIXED_PROBES, KNOWN_FUZZ_DEFECTS } from './known.js';

/** A bounded run: a fixed seed and a small count (`npm run fuzz` is the long run). */
const SEED = 20_261_206;
const RUNS = 2000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('fuzzing every route with hostile input', () => {
  it('answers no 5xx and only well-formed errors, signed in as admin and anonymously', async () => {
    const admin = await signIn(t.app, 'admin');
    const r = await fuzz(t.app, admin.authorization, { seed: SEED, numRuns: RUNS });
    expect(r.requests).toBeGreaterThan(RUNS * 0.9);
    const unknown = r.problems.filter((p) => !KNOWN_FUZZ_DEFECTS.some((k) => k.matches(p.req, p.outcome)));
    const show = (p: (typeof unknown)[number]) =>
      `${p.req.who} ${p.req.method} ${p.req.url.slice(0, 100)} [${p.req.body?.slice(0, 60) ?? ''}] → ${p.outcome.problem?.slice(0, 160)}`;
    expect(unknown.map(show), `${unknown.length} new problems`).toEqual([]);
    for (const k of KNOWN_FUZZ_DEFECTS)
      for (const probe of k.probes) {
        const o = await send(t.app, probe, admin.authorization);
        expect(
          Boolean(o.problem) && k.matches(probe, o),
          `known defect "${k.name}" no longer reproduces (${probe.url.slice(0, 80)}): remove it from test/fuzz/known.ts`,
        ).toBe(true);
      }
    for (const probe of FIXED_PROBES) {
      const o = await send(t.app, probe, admin.authorization);
      expect(o.problem, `${probe.method} ${probe.url.slice(0, 80)}: a fixed defect is back`).toBeUndefined();
      expect(o.status, probe.url.slice(0, 80)).toBeLessThan(500);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 240_000);
});
