/** Shared by the exchange tests (not a test file itself). */
import type { TestApp } from '../helpers.js';
import { actOn, jpeg, upload } from '../fixtures.js';
import { signIn } from '../helpers.js';

/** 铁岭县, the demo grid worker's grid and township, an active category. */
export const COUNTY = '211221';
export const TOWNSHIP = '211221101';
export const GRID = '211221101200001';
export const CATEGORY = 'E0102';

export type System = { id: number; key: string; name: string };
type H = { authorization: string };

export async function makeSystem(
  t: TestApp,
  admin: H,
  operations: string[],
  scopeCode = COUNTY,
  name = '12345 政务服务便民热线',
): Promise<System> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/exchange/systems',
    headers: admin,
    payload: { name, scopeCode, operations },
  });
  if (res.statusCode !== 201) throw new Error(`system not made: ${res.body}`);
  return res.json();
}

export const bearer = (s: System | string) => ({
  authorization: `Bearer ${typeof s === 'string' ? s : s.key}`,
});

/** A grid of the county outside `TOWNSHIP`. */
export async function gridElsewhere(t: TestApp): Promise<string> {
  const r = await t.db
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'grid')
    .where('county_code', '=', COUNTY)
    .where('code', 'not like', `${TOWNSHIP}%`)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  return r.code;
}

export function ticket(t: TestApp, s: System, externalRef: string, gridCode = GRID, extra: object = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/exchange/cases',
    headers: bearer(s),
    payload: {
      externalRef,
      categoryCode: CATEGORY,
      description: '市民来电：路灯不亮，请尽快修复',
      gridCode,
      ...extra,
    },
  });
}

/** Takes a reported case to closed through the real steps: fixed on the spot by the grid worker, closed by the village. */
export async function closeCase(t: TestApp, id: number, answer: string): Promise<void> {
  const worker = await signIn(t.app, 'gridworker');
  const village = await signIn(t.app, 'village');
  const photo = await upload(t.app, worker, await jpeg('#9a9a9a'));
  const fixed = await actOn(t.app, worker, id, 'handle_on_spot', { note: answer, photoIds: [photo] });
  if (fixed.statusCode !== 200) throw new Error(`handle_on_spot: ${fixed.body}`);
  const closed = await actOn(t.app, village, id, 'close', {});
  if (closed.statusCode !== 200) throw new Error(`close: ${closed.body}`);
}
