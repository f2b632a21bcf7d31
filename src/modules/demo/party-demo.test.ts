import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, TEST_DEMO_PASSWORD, type TestApp } from '../../../test/helpers.js';

/**
 * The demo shows issue 14's party work in the demo village (test template, scale 0.01): in-service
 * party members who registered months ago, approved, with the wishes near home they fulfilled and
 * their hours; and 全程代办 relay items in flight at each tier, one back at the village, one overdue.
 */
let t: TestApp;
const h: Record<string, { authorization: string }> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['village', 'township', 'county']) h[u] = await signIn(t.app, u);
}, 120_000);
afterAll(async () => t?.close());

const get = async (url: string, headers: { authorization: string }) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
  expect(res.statusCode, url).toBe(200);
  return res.json();
};

type Errand = { status: string; tier: string | null; tierOverdue: boolean; serviceCode: string };

describe('the demo of in-service members and relay errands', () => {
  it('has approved in-service members with months of fulfilled wishes and hours', async () => {
    const report = await get('/in-service/hours', h.village!);
    expect(report.items.length).toBeGreaterThanOrEqual(3);
    for (const m of report.items as { status: string; hours: number; wishes: number }[]) {
      expect(m.status).toBe('approved');
      expect(m.hours).toBeGreaterThan(0);
      expect(m.wishes).toBeGreaterThanOrEqual(4);
    }
    expect(report.units.length).toBeGreaterThanOrEqual(3);
    // the journey's member signs in with the demo password and sees their own hours and wishes
    const me = await signIn(t.app, 'inservice', TEST_DEMO_PASSWORD);
    const mine = await get('/in-service/me', me);
    expect(mine.registration.status).toBe('approved');
    const months = new Set(mine.entries.map((e: { servedOn: string }) => e.servedOn.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(5);
    const total = mine.entries.reduce((s: number, e: { hours: number }) => s + e.hours, 0);
    expect(total).toBe(mine.registration.hours);
    // near home: the wishes they fulfilled are readable to them (their home subtree)
    const wish = mine.entries[0] as { wishId: number };
    const shown = await get(`/wishes/${wish.wishId}`, me);
    expect(shown.status).toBe('fulfilled');
  });

  it('has relay items at the township and the county, one returned to the villager, one overdue', async () => {
    const all = (await get('/errands?relay=true&limit=200', h.village!)).items as Errand[];
    expect(all.some((e) => e.status === 'returned' && e.tier === 'village')).toBe(true);
    const township = (await get('/errands?relay=true&tier=township&limit=200', h.township!))
      .items as Errand[];
    expect(township.some((e) => e.status === 'at_township' && !e.tierOverdue)).toBe(true);
    expect(township.some((e) => e.status === 'at_township' && e.tierOverdue)).toBe(true);
    const county = (await get('/errands?relay=true&tier=county&limit=200', h.county!)).items as Errand[];
    expect(county.some((e) => e.status === 'at_county')).toBe(true);
  });
});
