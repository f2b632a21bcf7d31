import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, TEST_DEMO_PASSWORD, type TestApp } from '../../../test/helpers.js';

/**
 * Issue 14 walked through the API with the demo accounts, as a party organiser, an in-service party
 * member and a villager would: each screen's call answers, and its figures agree with each other.
 */
let t: TestApp;
const h: Record<string, { authorization: string }> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['party', 'resident', 'village']) h[u] = await signIn(t.app, u);
  h.inservice = await signIn(t.app, 'inservice', TEST_DEMO_PASSWORD);
}, 120_000);
afterAll(async () => t?.close());

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });
const get = async (who: string, url: string) => {
  const r = await call(who, 'GET', url);
  expect(r.statusCode, `${who} GET ${url}: ${r.body.slice(0, 200)}`).toBe(200);
  return r.json();
};

describe('a party organiser (组织部, the county)', () => {
  it('sees the organisation, its figures agreeing, organisational life, lessons and the hall', async () => {
    const summary = await get('party', '/party/summary');
    expect(summary.members).toBeGreaterThan(0);
    const values = await get('party', '/indicators/values?codes=party.members');
    expect(values.items[0].value).toBe(summary.members);
    const orgs = await get('party', '/party/orgs');
    const list = (Array.isArray(orgs) ? orgs : orgs.items) as {
      parentId: number | null;
      totalMemberCount: number;
    }[];
    const roots = list.filter((o) => o.parentId === null);
    expect(roots.reduce((s, o) => s + o.totalMemberCount, 0)).toBe(summary.members);
    await get('party', '/org-life/board');
    expect((await get('party', '/party-lessons')).items.length).toBeGreaterThan(0);
    await get('party', '/lesson-orders');
    const counts = await get('party', '/meetings/counts');
    // the seed: 20+ meetings solved 30+ hard problems
    expect(counts.held).toBeGreaterThanOrEqual(20);
    expect(counts.settled).toBeGreaterThanOrEqual(30);
    expect((await get('party', '/major-matters')).items.length).toBeGreaterThan(0);
    await get('party', '/party/links/grids');
    await get('party', '/in-service/hours');
    await get('party', '/stations/coverage');
  });
});

describe('an in-service party member (在职党员)', () => {
  it('sees their registration and hours, wishes and errands near home, and the online lessons', async () => {
    const me = await get('inservice', '/in-service/me');
    expect(me.registration.status).toBe('approved');
    await get('inservice', '/wishes');
    await get('inservice', '/errands');
    const lessons = (await get('inservice', '/party-lessons')).items as { id: number; format: string }[];
    const online = lessons.find((l) => l.format === 'online');
    expect(online).toBeTruthy();
    const watch = await call('inservice', 'POST', `/party-lessons/${online!.id}/watch`, {
      seconds: 60,
      positionPct: 10,
    });
    expect(watch.statusCode, watch.body).toBeLessThan(300);
  });
});

describe('a villager (村民)', () => {
  it('reads the 四议两公开 publications of the village and their own loans', async () => {
    const list = (await get('resident', '/disclosures?limit=100')).items as { title: string }[];
    expect(list.length).toBeGreaterThan(0);
    await get('resident', '/me/station-loans');
    await get('resident', '/party-lessons');
  });
});
