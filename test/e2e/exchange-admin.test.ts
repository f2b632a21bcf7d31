/**
 * 系统管理 → 数据交换 in real Chromium: 'admin' creates a system account and sees its key once,
 * rotates and revokes another, subscribes a local receiver (node:http) that fails on purpose, sees
 * the dead letter after every retry, replays it once the receiver is fixed, and publishes open data
 * and downloads its CSV.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { deliverWebhooks, MAX_DELIVERY_ATTEMPTS } from '../../src/modules/exchange/index.js';
import { pickOption, requireChromium, useBrowserApp } from '../browser-app.js';
import { ticket } from '../kits/exchange.js';
import { startReceiver } from '../kits/receiver.js';

const chromium = await requireChromium();
const h = useBrowserApp();
let rx: Awaited<ReturnType<typeof startReceiver>> | null = null;
afterAll(async () => rx?.close());

const desk = async (): Promise<Page> => (await h.context('desk')).newPage();

/** The value of the shown-once modal, closed after reading. */
async function shownOnce(page: Page): Promise<string> {
  const value = (await page.getByTestId('secret-value').innerText()).trim();
  await page.getByTestId('secret-close').click();
  await page.getByTestId('secret-value').waitFor({ state: 'detached' });
  return value;
}

async function openTab(page: Page) {
  await page.goto(`${h.base}/#/admin`);
  await page.getByTestId('tab-exchange').click();
  await page.getByTestId('ex-open-data').waitFor();
}

async function createSystem(page: Page, name: string, ops: string[]): Promise<{ id: number; key: string }> {
  await page.getByTestId('ex-system-create').click();
  await page.getByTestId('ex-system-name').fill(name);
  for (const op of ops) await page.getByRole('checkbox', { name: `(${op})` }).check();
  await page.getByTestId('ex-system-save').click();
  const key = await shownOnce(page);
  const row = await h.t.db
    .selectFrom('system_account')
    .select(['id', 'scope_code'])
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  expect(row.scope_code).toBe('211221');
  await page.getByTestId(`ex-system-row-${row.id}`).waitFor();
  return { id: row.id, key };
}

describe.skipIf(!chromium)('data exchange admin screen', () => {
  it('keys shown once, a dead letter replayed, open data published', async () => {
    rx = await startReceiver(h.t.clock.now);
    const page = await desk();
    await h.signIn(page, '/', 'admin');
    await openTab(page);

    // a system account (cases.create is ticked by default): the key is shown this once
    const sys = await createSystem(page, 'E2E 12345 热线', ['cases.read']);
    expect(sys.key).toMatch(/^wg_sys_/);
    await page.reload();
    await openTab(page);
    await page.getByTestId(`ex-system-row-${sys.id}`).waitFor();
    expect(await page.getByTestId('secret-value').count()).toBe(0);
    expect(await page.content()).not.toContain(sys.key);
    const granted = await h.t.db
      .selectFrom('system_account')
      .select('operations')
      .where('id', '=', sys.id)
      .executeTakeFirstOrThrow();
    expect([...granted.operations].sort()).toEqual(['cases.create', 'cases.read']);

    // another one: rotated (a new key, once), then revoked
    const other = await createSystem(page, 'E2E 应急系统', []);
    await page.getByTestId(`ex-rotate-${other.id}`).click();
    await page.getByTestId(`ex-rotate-confirm-${other.id}`).click();
    const rotated = await shownOnce(page);
    expect(rotated).toMatch(/^wg_sys_/);
    expect(rotated).not.toBe(other.key);
    await page.getByTestId(`ex-revoke-${other.id}`).click();
    await page.getByTestId(`ex-revoke-confirm-${other.id}`).click();
    await page.getByTestId(`ex-system-row-${other.id}`).getByText('已吊销').waitFor();

    // a subscriber that fails on purpose: its signing secret is shown once
    rx.failFirst = 1_000_000;
    await pickOption(page, 'ex-sub-system', 'E2E 12345 热线');
    await page.getByTestId('ex-sub-url').fill(rx.url);
    await page.getByRole('checkbox', { name: '(case.closed)' }).uncheck();
    await page.getByTestId('ex-sub-add').click();
    rx.secret = await shownOnce(page);
    expect(rx.secret).toMatch(/^whsec_/);
    const sub = await h.t.db
      .selectFrom('exchange_subscription')
      .select(['id', 'events', 'url'])
      .where('system_account_id', '=', sys.id)
      .executeTakeFirstOrThrow();
    expect(sub).toMatchObject({ events: ['case.created'], url: rx.url });
    await page.getByTestId(`ex-sub-row-${sub.id}`).waitFor();

    // a hotline ticket: its delivery fails every retry (10 s, 20 s … apart) and is dead
    const made = await ticket(h.t, { id: sys.id, key: sys.key, name: '' }, 'GD-E2E-1');
    expect(made.statusCode, made.body).toBe(201);
    const deps = { db: h.t.db, pii: h.t.ctx.pii, now: h.t.clock.now };
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
      await deliverWebhooks(deps);
      h.t.clock.advance(400_000);
    }
    const delivery = await h.t.db
      .selectFrom('exchange_delivery')
      .select(['id', 'attempts', 'dead_at'])
      .where('subscription_id', '=', sub.id)
      .executeTakeFirstOrThrow();
    expect(delivery.attempts).toBe(MAX_DELIVERY_ATTEMPTS);
    expect(delivery.dead_at).not.toBeNull();
    expect(rx.received).toEqual([]);
    await page.getByTestId('ex-dead-reload').click();
    const deadRow = page.getByTestId(`ex-dead-row-${delivery.id}`);
    await deadRow.getByText('HTTP 500').waitFor();
    expect(await deadRow.innerText()).toContain('case.created');
    expect(await deadRow.innerText()).toContain('E2E 12345 热线');

    // the receiver is fixed; replay puts it back in the queue and it is delivered
    rx.failFirst = 0;
    await page.getByTestId(`ex-replay-${delivery.id}`).click();
    await deadRow.waitFor({ state: 'detached' });
    await deliverWebhooks(deps);
    expect(rx.received.map((r) => [r.event, r.verified])).toEqual([['case.created', true]]);
    const replayed = await h.t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'exchange_delivery.replay')
      .execute();
    expect(replayed).toHaveLength(1);

    // open data: off, then published, and the CSV downloads with its header
    expect(await page.getByTestId('ex-open-data-csv').count()).toBe(0);
    await page.getByTestId('ex-open-data-switch').click();
    await page.getByTestId('ex-open-data-state').getByText('已公开').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('ex-open-data-csv').click(),
    ]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const [header, first] = csv.split('\r\n');
    expect(header).toMatch(/^\uFEFFmonth,townshipCode,townshipName,reported,closed,/);
    expect(header).toContain('disputesSettled');
    expect(first).toMatch(/^\d{4}-\d{2},211221\d{3},/);
    expect(h.pageErrors).toEqual([]);
  });
});
