import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { fuzz } from '../../../test/fuzz/fuzz.js';

/**
 * The suite's fuzz runs as admin, who may not change cadres or enterprises; this focused run
 * signs in as those who may (party organiser, township centre), so that hostile values in
 * otherwise valid requests reach the use cases: no 5xx, only well-formed errors.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('fuzzing the cadre and enterprise routes as their keepers', () => {
  for (const [who, seed] of [
    ['party', 20_261_207],
    ['township', 20_261_208],
  ] as const)
    it(`as ${who}`, async () => {
      const { authorization } = await signIn(t.app, who);
      const r = await fuzz(t.app, authorization, {
        seed,
        numRuns: 400,
        paths: /^\/api\/v1\/(cadres|enterprises)/,
      });
      // 24 routes plus the two filtered-list exports (cadres/export.xlsx, enterprises/export.xlsx, issue 11)
      expect(r.operations).toBe(26);
      const show = r.problems.map((p) => `${p.req.method} ${p.req.url.slice(0, 100)} → ${p.outcome.problem}`);
      expect(show).toEqual([]);
      // the valid parts got through: some requests were answered, not all refused at the door
      expect(r.statuses.get(200) ?? 0).toBeGreaterThan(0);
    }, 240_000);
});
