/**
 * The video link (issue 13, J8) in real Chromium with a fake camera and microphone: the county
 * centre video-calls the grid worker from a case; the phone rings, the worker accepts; media
 * flows both ways (each side's RTCPeerConnection statistics show bytes received); hang-up ends
 * both; a call the centre gives up before an answer lands in the worker's inbox as missed.
 */
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

const phase = (page: Page, id: string) => page.getByTestId(id).getAttribute('data-phase');
const bytesIn = async (page: Page) =>
  Number((await page.getByTestId('call-bytes-in').getAttribute('data-bytes')) ?? 0);

describe.skipIf(!chromium)('the video link in the browser', () => {
  it('centre calls a field worker: both connect, media flows both ways, hang-up ends both, a missed call lands in the inbox', async () => {
    const db = h.t.db;
    // a case in the demo grid, whose grid worker answers for it
    const { rows } = await sql<{ id: number }>`
      UPDATE cases c SET grid_code = r.code, grid_path = r.path
        FROM account a JOIN region r ON r.code = a.scope_code
       WHERE a.username = 'gridworker'
         AND c.id = (SELECT min(id) FROM cases WHERE county_code = a.county_code)
      RETURNING c.id`.execute(db);
    const caseId = rows[0]!.id;

    const phone = await (await h.context('phone')).newPage();
    await h.signIn(phone, '/m/', 'gridworker');
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'county');
    await desk.goto(`${h.base}/cases/${caseId}`);
    await desk.getByTestId('case-detail').waitFor();

    await desk.getByTestId('call-video').click();
    await phone.getByTestId('call-accept').click({ timeout: 20_000 });
    await expect.poll(() => phase(desk, 'call-phase'), { timeout: 30_000 }).toBe('connected');
    await expect.poll(() => phase(phone, 'call-phase'), { timeout: 30_000 }).toBe('connected');
    await expect.poll(() => bytesIn(desk), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => bytesIn(phone), { timeout: 30_000 }).toBeGreaterThan(0);

    await desk.getByTestId('call-hangup').click();
    await expect.poll(() => phone.getByTestId('call-layer').count(), { timeout: 20_000 }).toBe(0);
    const done = await db
      .selectFrom('call')
      .select(['state', 'outcome', 'about_type', 'about_id', 'answered_at'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(done).toMatchObject({
      state: 'ended',
      outcome: 'completed',
      about_type: 'case',
      about_id: caseId,
    });
    expect(done.answered_at).not.toBeNull();

    // rings again; the centre gives up before the worker answers: missed, in the worker's inbox
    await desk.getByTestId('call-dock').waitFor({ state: 'detached', timeout: 10_000 });
    await desk.getByTestId('call-voice').click();
    await phone.getByTestId('call-accept').waitFor({ timeout: 20_000 });
    await desk.getByTestId('call-hangup').click();
    await expect.poll(() => phone.getByTestId('call-layer').count(), { timeout: 20_000 }).toBe(0);
    await phone.goto(`${h.base}/m/messages`);
    await expect.poll(() => phone.locator('body').innerText(), { timeout: 20_000 }).toContain('未接来电');
    expect(h.pageErrors).toEqual([]);
  }, 240_000);
});
