import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { kit } from '../../../test/kits/disclosures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2030-02-10T02:00:00Z');
});
afterAll(() => t.close());
const { call, finance, publish, inbox } = kit(() => t);

const row = (id: number) =>
  t.db.selectFrom('disclosure').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const listIds = async (username: string, query = '') =>
  (await call(username, 'GET', `/disclosures?limit=200${query}`))
    .json<{ items: { id: number }[] }>()
    .items.map((i) => i.id);

describe('drafts and publishing', () => {
  it('keeps a draft from villagers until it is published, then tells the village’s residents', async () => {
    const id = await publish('village', finance(), false);
    expect(await listIds('village')).toContain(id);
    expect(await listIds('resident')).not.toContain(id);
    expect((await call('resident', 'GET', `/disclosures/${id}`)).statusCode).toBe(404);
    expect((await call('county', 'GET', `/disclosures/${id}`)).statusCode).toBe(404); // drafts are the village's own work

    const res = await call('village', 'POST', `/disclosures/${id}/publish`, { version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', version: 2 });
    expect(await listIds('resident', '&kind=finance')).toContain(id);
    expect(await listIds('gridworker')).toContain(id);
    expect(await listIds('resident', '&kind=party')).not.toContain(id);
    expect(await listIds('resident', '&period=2030')).toContain(id);
    expect(await listIds('resident', '&period=2030-02')).not.toContain(id);
    expect(
      (await inbox('resident')).some(
        (n) => n.kind === 'disclosure.published' && n.title.includes('2030年1月财务收支公开'),
      ),
    ).toBe(true);
    // 张家村's villager is told nothing about another village
    expect((await inbox('zhangjia')).some((n) => n.title.includes('2030年1月财务收支公开'))).toBe(false);

    const detail = (await call('resident', 'GET', `/disclosures/${id}`)).json();
    expect(detail.totals).toEqual({ income: 12000.6, expense: 800.45, balance: 11200.15 });
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(['created', 'published']);
    expect(detail.actions).toEqual(['ask']);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'disclosure')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['disclosure.create', 'disclosure.publish']);
  });

  it('answers 404 to a villager or the staff of another village', async () => {
    const id = await publish();
    expect((await call('zhangjia', 'GET', `/disclosures/${id}`)).statusCode).toBe(404);
    expect(await listIds('zhangjia')).not.toContain(id);
    expect(
      (await call('zhangjia-village', 'POST', `/disclosures/${id}/withdraw`, { reason: '内容有误需更正' }))
        .statusCode,
    ).toBe(404);
    expect((await call('taiping', 'GET', `/disclosures/${id}`)).statusCode).toBe(404);
    expect((await call('township', 'GET', `/disclosures/${id}`)).statusCode).toBe(200);
    expect((await call('zhangjia', 'GET', '/disclosures?within=211221')).statusCode).toBe(404);
  });

  it('lets only village staff write, and only for a village', async () => {
    expect((await call('resident', 'POST', '/disclosures', finance())).statusCode).toBe(403);
    expect((await call('township', 'POST', '/disclosures', finance())).statusCode).toBe(403);
    const before = await t.db
      .selectFrom('disclosure')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await call('gridworker', 'POST', '/disclosures', finance());
    expect(res.statusCode).toBe(403);
    expect(
      (
        await t.db
          .selectFrom('disclosure')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(before.n);
  });

  it('edits a draft with its version and refuses a stale one', async () => {
    const id = await publish('village', finance(), false);
    const edit = { ...finance({ title: '2030年1月财务收支公开（更正）' }), version: 1 };
    expect((await call('village', 'PUT', `/disclosures/${id}`, edit)).json()).toMatchObject({ version: 2 });
    const stale = await call('village', 'PUT', `/disclosures/${id}`, { ...edit, title: '别人的改动' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('DISCLOSURE_VERSION_CONFLICT');
    expect((await row(id)).title).toBe('2030年1月财务收支公开（更正）');
    expect((await call('village', 'POST', `/disclosures/${id}/publish`, { version: 1 })).statusCode).toBe(
      409,
    );
    expect((await call('village', 'POST', `/disclosures/${id}/publish`, { version: 2 })).statusCode).toBe(
      200,
    );
    const again = await call('village', 'PUT', `/disclosures/${id}`, { ...edit, version: 3 });
    expect(again.json().error.code).toBe('DISCLOSURE_NOT_DRAFT');
  });

  it('publishes once when two staff press publish at the same time', async () => {
    const id = await publish('village', finance(), false);
    const both = await Promise.all([
      call('village', 'POST', `/disclosures/${id}/publish`, {}),
      call('village', 'POST', `/disclosures/${id}/publish`, {}),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const history = await t.db
      .selectFrom('disclosure_history')
      .select('action')
      .where('disclosure_id', '=', id)
      .where('action', '=', 'published')
      .execute();
    expect(history).toHaveLength(1);
  });

  it('withdraws with a reason: gone from villagers’ lists, kept on record', async () => {
    const id = await publish();
    expect((await call('village', 'POST', `/disclosures/${id}/withdraw`, { reason: '' })).statusCode).toBe(
      400,
    );
    const res = await call('village', 'POST', `/disclosures/${id}/withdraw`, {
      reason: '金额录入有误，更正后重新公开',
    });
    expect(res.statusCode).toBe(200);
    expect(await listIds('resident')).not.toContain(id);
    expect((await call('resident', 'GET', `/disclosures/${id}`)).statusCode).toBe(404);
    const county = (await call('county', 'GET', `/disclosures/${id}`)).json();
    expect(county).toMatchObject({ status: 'withdrawn', withdrawReason: '金额录入有误，更正后重新公开' });
    expect(county.history.map((h: { action: string; note: string | null }) => [h.action, h.note])).toEqual([
      ['created', null],
      ['published', null],
      ['withdrawn', '金额录入有误，更正后重新公开'],
    ]);
    expect(
      (await call('village', 'POST', `/disclosures/${id}/withdraw`, { reason: '再撤一次试试' })).json().error
        .code,
    ).toBe('DISCLOSURE_NOT_PUBLISHED');
  });
});

describe('finance validation', () => {
  const bad: [string, object, string][] = [
    [
      'a negative amount',
      finance({ financeLines: [{ item: '办公经费', income: 0, expense: -5 }] }),
      'VALIDATION_FAILED',
    ],
    [
      'three decimals',
      finance({ financeLines: [{ item: '办公经费', income: 0, expense: 1.005 }] }),
      'VALIDATION_FAILED',
    ],
    [
      'an amount beyond 1亿',
      finance({ financeLines: [{ item: '办公经费', income: 0, expense: 100_000_001 }] }),
      'VALIDATION_FAILED',
    ],
    [
      'an amount as text',
      finance({ financeLines: [{ item: '办公经费', income: 0, expense: '80' }] }),
      'VALIDATION_FAILED',
    ],
    [
      'a line with no money',
      finance({ financeLines: [{ item: '办公经费', income: 0, expense: 0 }] }),
      'DISCLOSURE_FINANCE_INVALID',
    ],
    ['finance with no lines', finance({ financeLines: [] }), 'DISCLOSURE_FINANCE_INVALID'],
    ['lines on village affairs', finance({ kind: 'village' }), 'DISCLOSURE_FINANCE_INVALID'],
    [
      'a major matter with a period',
      finance({ kind: 'village', financeLines: [], major: true }),
      'DISCLOSURE_PERIOD_INVALID',
    ],
    ['no period', finance({ period: null }), 'DISCLOSURE_PERIOD_INVALID'],
    ['month 13', finance({ period: '2030-13' }), 'VALIDATION_FAILED'],
  ];
  it.each(bad)('refuses %s with 400 and changes nothing', async (_name, payload, code) => {
    const before = await t.db
      .selectFrom('disclosure')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await call('village', 'POST', '/disclosures', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
    expect(
      (
        await t.db
          .selectFrom('disclosure')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(before.n);
  });

  it('refuses a bad edit and keeps the draft as it was', async () => {
    const id = await publish('village', finance(), false);
    const res = await call('village', 'PUT', `/disclosures/${id}`, {
      ...finance({ financeLines: [{ item: '办公经费', income: -1, expense: 0 }] }),
      version: 1,
    });
    expect(res.statusCode).toBe(400);
    const r = await row(id);
    expect(r.version).toBe(1);
    expect((r.finance_lines as unknown[]).length).toBe(3);
  });

  it('accepts a major matter without a period', async () => {
    const id = await publish('village', {
      kind: 'village',
      major: true,
      title: '村部翻建决议公开',
      body: '经村民代表会议表决通过。',
    });
    expect((await call('resident', 'GET', `/disclosures/${id}`)).json()).toMatchObject({
      major: true,
      period: null,
      totals: null,
    });
  });
});

describe('reading', () => {
  it('counts a villager’s reading once, not the staff’s', async () => {
    const id = await publish();
    await call('resident', 'GET', `/disclosures/${id}`);
    const second = (await call('resident', 'GET', `/disclosures/${id}`)).json();
    expect(second.readCount).toBe(1);
    expect(second.readByMe).toBe(true);
    await call('village', 'GET', `/disclosures/${id}`);
    await call('county', 'GET', `/disclosures/${id}`);
    expect((await call('gridworker', 'GET', `/disclosures/${id}`)).json().readCount).toBe(2);
    const rows = await t.db
      .selectFrom('disclosure_read')
      .select('account_id')
      .where('disclosure_id', '=', id)
      .execute();
    expect(rows).toHaveLength(2);
  });

  it('shows the demo village’s published disclosures newest first', async () => {
    const items = (await call('zhangjia', 'GET', '/disclosures?limit=200')).json<{
      items: { publishedAt: string; kind: string; status: string }[];
    }>().items;
    expect(items.length).toBeGreaterThan(10);
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['party', 'village', 'finance']));
    expect(items.every((i) => i.status === 'published')).toBe(true);
    const times = items.map((i) => i.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});
