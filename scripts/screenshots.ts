/**
 * `npm run screenshots`: regenerates docs/screenshots/*.png — the main screens of
 * the command centre and the field app, in real Chromium, on a fresh embedded
 * database with a small demo county and a few cases moved through the workflow.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { ensureReferenceData } from '../src/modules/cases/seed.js';
import { loadDemo } from '../src/modules/demo/load.js';
import { LocalBlobStore } from '../src/modules/photos/index.js';
import { createPii } from '../src/platform/crypto.js';
import { createDb, withDatabase } from '../src/platform/db/database.js';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/logging.js';
import { buildApp } from '../src/server/app.js';
import { makeContext } from '../src/server/bootstrap.js';
import { launchBrowser } from '../test/browser.js';
import { actOn, jpeg, pointInGrid, upload } from '../test/fixtures.js';

const OUT = 'docs/screenshots';
const PASSWORD = 'screenshot-pass';
execFileSync(process.execPath, ['scripts/ensure-web.mjs'], { stdio: 'inherit' });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-shots-'));
fs.chmodSync(dir, 0o755);
const pgh = await startEmbeddedPostgres({ dataDir: dir });
const admin = new pg.Client({ connectionString: pgh.url });
await admin.connect();
await admin.query('CREATE DATABASE shots');
await admin.end();
const url = withDatabase(pgh.url, 'shots');
const { db } = createDb(url, 5);
await migrateToLatest(db as never);
await ensureReferenceData(db);
const pii = createPii(Buffer.alloc(32, 3));
await loadDemo(db, pii, { scale: 0.05, password: PASSWORD });
const { ctx } = await makeContext(db, url, {
  pii,
  log: createLogger('silent'),
  media: new LocalBlobStore(path.join(dir, 'media')),
});
await ctx.events.start();
const app = await buildApp(ctx, { logLevel: 'silent' });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

// a few cases in different states
const bearer = async (u: string) => ({
  authorization: `Bearer ${(await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u, password: PASSWORD } })).json<{ token: string }>().token}`,
});
const [resident, gw, township, office] = await Promise.all(
  ['resident', 'gridworker', 'township', 'township-cgb'].map(bearer),
);
const me = (await app.inject({ method: 'GET', url: '/api/v1/me', headers: resident! })).json<{
  scope: { code: string };
}>();
const at = await pointInGrid(db, me.scope.code);
const report = async (categoryCode: string, description: string, attributes: object = {}) => {
  const photo = await upload(app, resident!, await jpeg('#7a6a5a'));
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: resident!,
    payload: { categoryCode, description, lat: at.lat, lng: at.lng, photoIds: [photo], attributes },
  });
  if (res.statusCode !== 201) throw new Error(`report ${categoryCode}: ${res.body}`);
  return res.json<{ id: number; number: string }>();
};
const a = await report('P0201', '村道路面破损，雨天积水', { blocks_traffic: 'yes' });
await report('E0102', '村口有暴露垃圾');
const b = await report('P0103', '村委会门口的路灯不亮了', { fault: 'not_lit' });
await actOn(app, gw!, a.id, 'escalate', { note: '需镇城管办维修' });
await actOn(app, township!, a.id, 'dispatch', {
  departmentId: (
    await db
      .selectFrom('department')
      .select('id')
      .where('region_code', '=', me.scope.code.slice(0, 9))
      .where('code', '=', 'urban_management_office')
      .executeTakeFirstOrThrow()
  ).id,
  note: '请尽快维修',
});
await actOn(app, office!, a.id, 'accept');
await actOn(app, office!, a.id, 'handle', {
  note: '已修复',
  photoIds: [await upload(app, office!, await jpeg('#9a9a9a'))],
});
await actOn(app, gw!, b.id, 'handle_on_spot', {
  note: '已更换灯泡',
  photoIds: [await upload(app, gw!, await jpeg('#3c7a3c'))],
});
await actOn(app, gw!, b.id, 'close', { note: '核查属实' });

const browser = await launchBrowser();
fs.mkdirSync(OUT, { recursive: true });
const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(1200);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`wrote ${OUT}/${name}.png`);
};
// one signed-in page per account: the login route is rate-limited per address
const desks = new Map<string, Page>();
const desk = async (user: string) => {
  const open = desks.get(user);
  if (open) return open;
  const page = await (
    await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
  ).newPage();
  await page.goto(`${base}/`);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('menu-workbench').waitFor();
  desks.set(user, page);
  return page;
};
const phone = async (user: string) => {
  const page = await (
    await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      geolocation: { latitude: at.lat, longitude: at.lng, accuracy: 12 },
      permissions: ['geolocation'],
    })
  ).newPage();
  await page.goto(`${base}/m/`);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-report').waitFor();
  return page;
};
try {
  const login = await (
    await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  ).newPage();
  await login.goto(`${base}/`);
  await shot(login, 'centre-login');
  const t = await desk('township');
  await shot(t, 'centre-workbench');
  await t.goto(`${base}/#/cases/${a.id}`);
  await shot(t, 'centre-case-detail');
  await t.goto(`${base}/#/territory`);
  await t.getByTestId('grid-map').waitFor();
  await shot(t, 'centre-territory');
  const county = await desk('county');
  await county.getByTestId('menu-cases').click();
  await shot(county, 'centre-cases');
  const village = await desk('village');
  await village.getByTestId('menu-people').click();
  await shot(village, 'centre-people');
  const adm = await desk('admin');
  await adm.getByTestId('menu-admin').click();
  await adm.getByTestId('tab-rules').click();
  await shot(adm, 'centre-admin-rules');
  // the grid's other work: one screen each
  for (const [user, hash, name] of [
    ['township', 'visits', 'centre-visits'],
    ['village', 'workers', 'centre-workers'],
    ['party', 'party', 'centre-party'],
    ['village', 'wishes', 'centre-wishes'],
    ['village', 'errands', 'centre-errands'],
    ['township', 'disclosures', 'centre-disclosures'],
  ] as const) {
    const page = await desk(user);
    await page.goto(`${base}/#/${hash}`);
    await page.getByTestId(`menu-${hash}`).waitFor();
    await shot(page, name);
  }

  const r = await phone('resident');
  await shot(r, 'field-home');
  await r.getByTestId('home-report').click();
  await r.getByTestId('category-search').fill('路面');
  await r.getByTestId('category-P0201').click();
  await shot(r, 'field-report');
  await r.goto(`${base}/m/#/cases`);
  await r.getByTestId(`case-${b.number}`).click();
  await shot(r, 'field-case');
  const w = await phone('gridworker');
  await w.getByTestId('home-cases').click();
  await shot(w, 'field-worker-inbox');
  await w.goto(`${base}/m/#/visits`);
  await shot(w, 'field-visits');
  const p = await phone('parttime');
  await p.goto(`${base}/m/#/points`);
  await shot(p, 'field-points');
  await r.goto(`${base}/m/#/wishes`);
  await shot(r, 'field-wishes');
  await r.goto(`${base}/m/#/disclosures`);
  await shot(r, 'field-disclosures');
} finally {
  await browser.close();
  await app.close();
  await ctx.events.stop();
  await db.destroy();
  await pgh.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
