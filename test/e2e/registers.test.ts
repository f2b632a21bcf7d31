/**
 * Issue 15's registers in real Chromium. On the phone a grid worker registers a
 * newborn into a household of the grid and a household moving in; a villager
 * opens the village's invitation, makes an account, sees their data and asks for
 * a correction that the village makes.
 */
import { randomInt } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers.js';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

/** An 18-character ID number no demo person has (the demo's start with the county's code and a 19xx year). */
const freshIdNumber = (born: string) =>
  `990000${born.replaceAll('-', '')}${String(randomInt(1000)).padStart(3, '0')}X`;

async function api(method: 'GET' | 'POST' | 'PATCH', url: string, headers: object, payload?: object) {
  const res = await h.t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: headers as Record<string, string>,
    ...(payload ? { payload } : {}),
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

describe.skipIf(!chromium)('registers in the browser', () => {
  it('a grid worker registers a newborn and a household moving in on the phone', async () => {
    const worker = await h.t.db
      .selectFrom('account')
      .select(['id', 'scope_code'])
      .where('username', '=', 'gridworker')
      .executeTakeFirstOrThrow();
    const household = await h.t.db
      .selectFrom('household')
      .select(['id', 'address', 'member_count'])
      .where('grid_code', '=', worker.scope_code)
      .orderBy('id')
      .executeTakeFirstOrThrow();

    const ctx = await h.context('phone');
    const phone = await ctx.newPage();
    await h.signIn(phone, '/m/', 'gridworker');
    await phone.goto(`${h.base}/m/#/households/${household.id}`);
    await phone.getByTestId('household-address').filter({ hasText: household.address }).waitFor();

    // a newborn: the form refuses an incomplete entry, then registers the baby into the household
    await phone.getByTestId('add-birth').click();
    await phone.getByTestId('reg-page-birth').waitFor();
    await phone.getByTestId('reg-save').click();
    expect(await phone.getByTestId('reg-error').textContent()).toContain('请把带 * 的项目填完整');
    const babyId = freshIdNumber('2026-11-20');
    await phone.getByTestId('reg-name').fill('王小宝');
    await phone.getByTestId('reg-gender').selectOption('female');
    await phone.getByTestId('reg-birth').fill('2026-11-20');
    await phone.getByTestId('reg-id').fill(babyId);
    await phone.getByTestId('reg-relation').selectOption('grandchild');
    await phone.getByTestId('reg-save').click();
    // back on the household, with the baby among its members
    await phone.getByTestId('household').filter({ hasText: '王小宝' }).waitFor();
    const baby = await h.t.db
      .selectFrom('resident')
      .select(['id', 'household_id', 'relation', 'birth_date', 'gender', 'created_by'])
      .where('household_id', '=', household.id)
      .where('name', '=', '王小宝')
      .executeTakeFirstOrThrow();
    expect(baby).toMatchObject({ relation: 'grandchild', gender: 'female', created_by: worker.id });
    const birth = await h.t.db
      .selectFrom('archive_history')
      .select(['event', 'effective_on', 'actor_id'])
      .where('subject', '=', 'resident')
      .where('subject_id', '=', baby.id)
      .executeTakeFirstOrThrow();
    expect(birth).toMatchObject({ event: 'birth', effective_on: '2026-11-20', actor_id: worker.id });
    const after = await h.t.db
      .selectFrom('household')
      .select('member_count')
      .where('id', '=', household.id)
      .executeTakeFirstOrThrow();
    expect(after.member_count).toBe(household.member_count + 1);

    // a household moving into the grid, from the home screen's service
    await phone.goto(`${h.base}/m/#/`);
    await phone.getByTestId('home-move-in').click();
    await phone.getByTestId('reg-page-move-in').waitFor();
    await phone.getByTestId('reg-address').fill('迁入测试街3号');
    await phone.getByTestId('reg-name').fill('赵迁来');
    await phone.getByTestId('reg-birth').fill('1980-05-06');
    await phone.getByTestId('reg-id').fill(freshIdNumber('1980-05-06'));
    await phone.getByTestId('reg-on').fill('2026-12-01');
    await phone.getByTestId('reg-save').click();
    await phone.getByTestId('household-address').filter({ hasText: '迁入测试街3号' }).waitFor();
    const moved = await h.t.db
      .selectFrom('household')
      .innerJoin('resident', 'resident.household_id', 'household.id')
      .select(['household.id', 'household.grid_code', 'resident.name', 'resident.relation'])
      .where('household.address', '=', '迁入测试街3号')
      .execute();
    expect(moved).toEqual([
      { id: expect.any(Number), grid_code: worker.scope_code, name: '赵迁来', relation: 'head' },
    ]);
    const events = await h.t.db
      .selectFrom('archive_history')
      .select(['event', 'effective_on'])
      .where('household_id', '=', moved[0]!.id)
      .execute();
    expect(events.map((e) => e.event)).toContain('move_in');
    expect(h.pageErrors).toEqual([]);
  }, 120_000);

  it('a villager joins from an invitation, sees their data and asks for a correction that the village makes', async () => {
    const village = await signIn(h.t.app, 'village');
    const linked = await h.t.db.selectFrom('resident_account').select('resident_id').execute();
    const taken = new Set(linked.map((l) => Number(l.resident_id)));
    const { items } = await api('GET', '/households?limit=20', village);
    let pick: { id: number } | undefined;
    let member: { id: number; name: string } | undefined;
    let household: { address: string } | undefined;
    for (const x of items) {
      household = await api('GET', `/households/${x.id}`, village);
      member = (household as unknown as { members: { id: number; name: string }[] }).members.find(
        (m) => !taken.has(m.id),
      );
      if (member) {
        pick = x;
        break;
      }
    }
    const enc = await h.t.db
      .selectFrom('resident')
      .select('id_number_enc')
      .where('id', '=', member!.id)
      .executeTakeFirstOrThrow();
    const idNumber = h.t.ctx.pii.decrypt(enc.id_number_enc);

    // the village staff issue the household's invitation in the command centre: a code and a QR code
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'village');
    await desk.getByTestId('menu-people').click();
    await desk.getByTestId('tab-households').click();
    await desk.getByTestId(`household-row-${pick!.id}`).click();
    await desk.getByTestId('inv-issue').click();
    await desk.getByTestId('inv-qr').waitFor();
    const invitation = { code: ((await desk.getByTestId('inv-code').textContent()) ?? '').trim() };
    expect(invitation.code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(await desk.getByTestId('inv-qr').getAttribute('alt')).toContain(
      `/m/join/${encodeURIComponent(invitation.code)}`,
    );

    // the invitation's link opens the join page on the phone; a wrong password repeat is caught there
    const ctx = await h.context('phone');
    const phone = await ctx.newPage();
    await phone.goto(`${h.base}/m/#/join/${encodeURIComponent(invitation.code)}`);
    await phone.getByTestId('join').waitFor();
    expect(await phone.getByTestId('join-code').inputValue()).toBe(invitation.code);
    await phone.getByTestId('join-idNumber').fill(idNumber);
    await phone.getByTestId('join-displayName').fill(member!.name);
    await phone.getByTestId('join-username').fill('villager-e2e');
    await phone.getByTestId('join-password').fill('my-own-password-7');
    await phone.getByTestId('join-password2').fill('my-own-password-8');
    await phone.getByTestId('join-submit').click();
    expect(await phone.getByTestId('join-error').textContent()).toContain('两次输入的密码不一样');
    await phone.getByTestId('join-password2').fill('my-own-password-7');
    await phone.getByTestId('join-submit').click();

    // signed in as themselves: their data, in full for them, the others masked
    await phone.getByTestId('home-my-data').click();
    const mine = phone.getByTestId('my-data-me');
    await mine.filter({ hasText: idNumber }).waitFor();
    expect(await mine.textContent()).toContain(member!.name);
    expect(await phone.getByTestId('my-data-household').textContent()).toContain(household!.address);
    const self = await h.t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'resident.self_view')
      .execute();
    expect(self.length).toBeGreaterThan(0);

    // the copy to keep
    const [download] = await Promise.all([
      phone.waitForEvent('download'),
      phone.getByTestId('my-data-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('my-data.json');

    // a correction: the phone number is wrong
    await phone.getByTestId('corr-field-phone').check();
    await phone.getByTestId('corr-detail').fill('电话应为13900001111');
    await phone.getByTestId('corr-send').click();
    const row = phone.locator('[data-testid^="correction-"]');
    await row.filter({ hasText: '待办理' }).waitFor();

    // the village makes it; the villager sees it corrected
    const { items: queue } = await api('GET', '/corrections?status=submitted', village);
    const asked = queue.find((c: { residentId: number }) => c.residentId === member!.id);
    expect(asked.fields).toEqual(['phone']);
    await api('PATCH', `/residents/${member!.id}`, village, {
      phone: '13900001111',
      reason: '本人申请更正',
    });
    await api('POST', `/corrections/${asked.id}/actions/correct`, village, {
      answer: '已按您的申请更正电话',
    });
    await phone.reload();
    await row.filter({ hasText: '已更正' }).filter({ hasText: '已按您的申请更正电话' }).waitFor();
    await phone.getByTestId('my-data-me').filter({ hasText: '13900001111' }).waitFor();

    // a suggestion about the platform itself, kept for the county centre to answer
    await phone.goto(`${h.base}/m/#/feedback`);
    await phone.getByTestId('fb-body').fill('希望字再大一点，老人看得清');
    await phone.getByTestId('fb-send').click();
    await phone
      .locator('[data-testid^="fb-"]')
      .filter({ hasText: '希望字再大一点' })
      .filter({ hasText: '等待答复' })
      .waitFor();
    expect(h.pageErrors).toEqual([]);
  }, 120_000);

  it('a township exports its households to Excel and re-imports a corrected file', async () => {
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'township');
    await desk.getByTestId('menu-people').click();
    await desk.getByTestId('tab-households').click();
    // one export on the page: the toolbar's, of what is filtered (the archive's old button is gone)
    await desk.getByTestId('households-total').filter({ hasText: /\d/ }).waitFor();
    expect(await desk.getByTestId('excel-export').count()).toBe(0);
    const [listed] = await Promise.all([
      desk.waitForEvent('download'),
      desk.getByTestId('households-export').click(),
    ]);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'registers-'));
    await listed.saveAs(path.join(dir, 'list.xlsx'));
    // the import's template: the empty sheet with the columns the import reads
    const [tpl] = await Promise.all([
      desk.waitForEvent('download'),
      desk.getByTestId('excel-template').click(),
    ]);
    await tpl.saveAs(path.join(dir, 'template.xlsx'));
    const template = new ExcelJS.Workbook();
    await template.xlsx.readFile(path.join(dir, 'template.xlsx'));
    expect(template.worksheets[0]!.actualRowCount).toBe(1);
    expect(template.worksheets[0]!.getRow(1).values).toEqual(
      expect.arrayContaining(['户编号', '网格', '门牌', '姓名', '与户主关系', '身份证号', '联系电话']),
    );
    expect(
      await h.t.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'household.export_list')
        .execute(),
    ).toHaveLength(1);
    // the archive's import layout, fetched with the desk's own session, is the file corrected below
    const archive = await desk.context().request.get(`${h.base}/api/v1/households/export.xlsx`);
    expect(archive.status()).toBe(200);
    const exported = path.join(dir, 'export.xlsx');
    await fs.writeFile(exported, await archive.body());
    expect(
      await h.t.db.selectFrom('audit_log').select('id').where('action', '=', 'household.export').execute(),
    ).toHaveLength(1);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(exported);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getRow(2).getCell(11).text)).toMatch(/^\d\*+[\dX]$/); // masked
    const residentId = Number(ws.getRow(2).getCell(6).text);
    const before = await h.t.db
      .selectFrom('resident')
      .select('name')
      .where('id', '=', residentId)
      .executeTakeFirstOrThrow();

    // a wrong file: a bad gender on row 3; nothing is imported and the row and field are named
    ws.getRow(2).getCell(7).value = '更正后姓名';
    ws.getRow(3).getCell(9).value = '未知';
    const bad = path.join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    await desk.getByTestId('excel-file').setInputFiles(bad);
    const errors = desk.getByTestId('excel-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toContain('未导入任何数据');
    const cells = await errors.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells.slice(0, 2)).toEqual(['3', '性别']);
    expect(
      (
        await h.t.db
          .selectFrom('resident')
          .select('name')
          .where('id', '=', residentId)
          .executeTakeFirstOrThrow()
      ).name,
    ).toBe(before.name);

    // corrected: imported, the name changed, with its history
    const orig = new ExcelJS.Workbook();
    await orig.xlsx.readFile(exported);
    ws.getRow(3).getCell(9).value = orig.worksheets[0]!.getRow(3).getCell(9).text;
    const good = path.join(dir, 'good.xlsx');
    await wb.xlsx.writeFile(good);
    await desk.getByTestId('excel-file').setInputFiles(good);
    await desk.getByTestId('excel-imported').waitFor({ timeout: 60_000 });
    expect(
      (
        await h.t.db
          .selectFrom('resident')
          .select('name')
          .where('id', '=', residentId)
          .executeTakeFirstOrThrow()
      ).name,
    ).toBe('更正后姓名');
    const hist = await h.t.db
      .selectFrom('archive_history')
      .select('changed')
      .where('subject_id', '=', residentId)
      .where('event', '=', 'imported')
      .execute();
    expect(hist.map((x) => x.changed)).toEqual([['name']]);
    expect(h.pageErrors).toEqual([]);
  }, 180_000);
});
