/**
 * The audit log as sentences (issue 12): who did what to which object, when and why, in both
 * languages, never a raw action code or JSON; filterable by person, object and action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGrid } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

type H = { authorization: string };
let t: TestApp;
let admin: H, reporter: H;
let caseId: number, reporterId: number, reporterName: string;

type Item = {
  actorId: number | null;
  action: string;
  entityId: string | null;
  sentence: { zh: string; en: string };
  actionName: { zh: string; en: string };
};
const audit = async (query: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit?${query}`, headers: admin });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Item[] }>().items;
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  reporter = await signIn(t.app, 'resident');
  const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: reporter })).json();
  reporterId = me.id ?? me.accountId;
  reporterName = me.displayName;
  const at = await pointInGrid(t.db, me.scope.code);
  caseId = (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: reporter,
      payload: { source: 'resident_app', categoryCode: 'E0102', description: '路边垃圾没人清', ...at },
    })
  ).json().id;
});
afterAll(async () => t?.close());

describe('GET /audit', () => {
  it('names the object and filters by it; the row reads as a sentence in both languages', async () => {
    const items = await audit(`entityType=case&entityId=${caseId}`);
    const report = items.find((i) => i.action === 'case.report');
    expect(report).toBeDefined();
    expect(report!.sentence.zh).toMatch(
      new RegExp(`^${reporterName} 于 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d 上报了 事件 #${caseId}$`),
    );
    expect(report!.sentence.en).toMatch(new RegExp(`^${reporterName} reported case #${caseId} on `));
    expect(report!.actionName.zh).toBe('上报了…');
    for (const i of items) expect(i.sentence.zh).not.toMatch(/[a-z_]+\.[a-z_]+|[{}"]/);
    expect(items.every((i) => i.entityId === String(caseId))).toBe(true);
  });

  it('filters by person and by action', async () => {
    const mine = await audit(`actorId=${reporterId}`);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.actorId === reporterId)).toBe(true);
    const reports = await audit('action=case.report&limit=20');
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((i) => i.action === 'case.report')).toBe(true);
    expect(await audit('action=no.such_action')).toEqual([]);
  });

  it('refuses bad filters and lists the action names for the filter', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=%EF%BC%91', headers: admin });
    expect(bad.statusCode).toBe(400);
    const names = await t.app.inject({ method: 'GET', url: '/api/v1/audit/actions', headers: admin });
    const body = names.json<{ actions: Array<{ action: string; zh: string }> }>();
    expect(body.actions.find((a) => a.action === 'resident.reveal')?.zh).toBe('查看了居民的身份证号');
    const denied = await t.app.inject({ method: 'GET', url: '/api/v1/audit/actions', headers: reporter });
    expect(denied.statusCode).toBe(403);
  });
});
