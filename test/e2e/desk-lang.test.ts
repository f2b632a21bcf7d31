/**
 * Issue 12 at the desk (1440 px, real Chromium): 现场核查 offered where the workflow offers it (the
 * grid's worker signed in at a desk); the Open311 test endpoint set and cleared from 系统管理; the audit
 * log filtered by person and by action; an Open311 report's origin on the case detail.
 */
import { describe, expect, it } from 'vitest';
import { pickOption, requireChromium, useBrowserApp } from '../browser-app.js';
import { actOn, jpeg, pointInGrid, upload } from '../fixtures.js';
import { signIn } from '../helpers.js';
import { COUNTY, GRID, issueKey, postForm } from '../kits/open311.js';

const chromium = await requireChromium();
const h = useBrowserApp();

/** A villager's report, escalated, dispatched to the township's office, accepted and handled. */
async function handledCase(): Promise<number> {
  const app = h.t.app;
  const [resident, gw, township, office] = await Promise.all(
    ['resident', 'gridworker', 'township', 'township-cgb'].map((u) => signIn(app, u)),
  );
  const me = (await app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json();
  const made = await app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: resident,
    payload: {
      source: 'resident_app',
      categoryCode: 'E0102',
      description: '路边垃圾没人清',
      ...(await pointInGrid(h.t.db, me.scope.code)),
    },
  });
  const id = made.json<{ id: number }>().id;
  const step = async (who: { authorization: string }, action: string, body: object = {}) =>
    expect((await actOn(app, who, id, action, body)).statusCode).toBe(200);
  await step(gw!, 'escalate', { note: '需镇里协调' });
  const depts = (
    await app.inject({ method: 'GET', url: '/api/v1/departments?tier=township', headers: township })
  ).json().items;
  const cgb = depts.find((d: { code: string }) => d.code === 'urban_management_office');
  await step(township!, 'dispatch', { departmentId: cgb.id });
  await step(office!, 'accept');
  await step(office!, 'handle', {
    note: '已清运',
    photoIds: [await upload(app, office!, await jpeg('#888888'))],
  });
  return id;
}

describe.skipIf(!chromium)('the desk', () => {
  it('the grid worker verifies a handled case on site from the desk', async () => {
    const id = await handledCase();
    const page = await (await h.context('desk')).newPage();
    await h.signIn(page, '/', 'gridworker');
    await page.goto(`${h.base}/cases/${id}`);
    await page.getByTestId('action-verify').click();
    await page.getByTestId('modal-confirm').click();
    await page.getByText('请选择核查结果').waitFor(); // the verdict is required
    await page.getByTestId('verify-not-fixed').click();
    await page.getByTestId('action-note').fill('垃圾还剩一半');
    await page.getByTestId('modal-confirm').click();
    await expect
      .poll(async () =>
        h.t.db.selectFrom('cases').select('verification').where('id', '=', id).executeTakeFirstOrThrow(),
      )
      .toEqual({ verification: 'not_fixed' });
    // given once per handling: the button is gone
    await expect.poll(() => page.getByTestId('action-verify').count()).toBe(0);
    expect(h.pageErrors).toEqual([]);
  });

  it('the administrator sets and clears the Open311 test endpoint; the audit log filters by person and action', async () => {
    const page = await (await h.context('desk')).newPage();
    await h.signIn(page, '/', 'admin');
    await page.goto(`${h.base}/admin`);
    await page.getByTestId('tab-keys').click();
    await page.getByTestId('o311-test-url').fill('ftp://nope');
    await page.getByTestId('o311-save').click();
    await page.getByText('请填写以 http:// 或 https:// 开头的地址（300 字符以内）').first().waitFor();
    await page.getByTestId('o311-test-url').fill('https://test.example.gov.cn/open311/v2');
    await page.getByTestId('o311-save').click();
    await expect
      .poll(() => page.getByTestId('o311-current').textContent())
      .toContain('https://test.example.gov.cn');
    const discovery = await h.t.app.inject({ method: 'GET', url: '/open311/v2/discovery.json' });
    expect(discovery.body).toContain('https://test.example.gov.cn/open311/v2');
    await page.getByTestId('o311-clear').click();
    await expect.poll(() => page.getByTestId('o311-current').textContent()).toContain('尚未设置');

    // the audit log: by action (修改了 Open311 接入设置, twice), then by person
    await page.getByTestId('tab-audit').click();
    // the list is long (virtual): type to narrow it, then choose
    await page.getByTestId('audit-action').click();
    await page.keyboard.type('Open311 接入设置');
    await pickOption(page, 'audit-action', '修改了Open311 接入设置');
    await page
      .getByRole('button', { name: '查 询' })
      .or(page.getByRole('button', { name: '查询' }))
      .first()
      .click();
    await expect.poll(() => page.getByTestId('audit-sentence').count()).toBe(2);
    for (const s of await page.getByTestId('audit-sentence').allTextContents())
      expect(s).toMatch(/^系统管理员 于 .* 修改了 ?Open311 接入设置/);
    await pickOption(page, 'audit-actor', '系统管理员 (admin)');
    await page
      .getByRole('button', { name: '查 询' })
      .or(page.getByRole('button', { name: '查询' }))
      .first()
      .click();
    await expect.poll(() => page.getByTestId('audit-sentence').count()).toBe(2);
    expect(h.pageErrors).toEqual([]);
  });

  it('an Open311 report shows its client, the original text and the media link', async () => {
    const key = (await issueKey(h.t.app, await signIn(h.t.app, 'admin'), 'FixMyStreet Tieling')).key;
    const at = await pointInGrid(h.t.db, GRID);
    const res = await postForm(h.t.app, '/open311/v2/requests.json', {
      api_key: key,
      jurisdiction_id: COUNTY,
      service_code: 'P0103',
      lat: String(at.lat),
      long: String(at.lng),
      'attribute[fault][]': ['not_lit'],
      description: 'Pothole Deep pothole near gate',
      media_url: 'https://photos.example.org/pothole.jpg',
    });
    expect(res.statusCode, res.body).toBe(200);
    const number = (res.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const { id } = await h.t.db
      .selectFrom('cases')
      .select('id')
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    const page = await (await h.context('desk')).newPage();
    await h.signIn(page, '/', 'county');
    await page.goto(`${h.base}/cases/${id}`);
    await page.getByTestId('open311-client').waitFor();
    expect(await page.getByTestId('open311-client').textContent()).toContain('FixMyStreet Tieling');
    expect(await page.getByTestId('case-facts').textContent()).toContain('Pothole Deep pothole near gate');
    const link = page.getByTestId('open311-media').locator('a');
    expect(await link.getAttribute('href')).toBe('https://photos.example.org/pothole.jpg');
    expect(await link.getAttribute('rel')).toContain('noreferrer');
    expect(h.pageErrors).toEqual([]);
  });
});
