/**
 * The household import's template (issue 11): the empty sheet it downloads is the sheet the import
 * accepts — filled in, it imports; a required column taken out, the import names it.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { COLUMNS, OPTIONAL_COLUMNS } from './excel-layout.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const URL = '/api/v1/households/import-template.xlsx';
let t: TestApp;
let township: { authorization: string };
let grid: string;

beforeAll(async () => {
  t = await createTestApp();
  township = await signIn(t.app, 'township');
  const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: township })).json();
  grid = (
    await t.db
      .selectFrom('region')
      .select('code')
      .where('code', 'like', `${me.scope.code}%`)
      .where((eb) => eb.fn('length', ['code']), '=', 15)
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code;
});
afterAll(() => t.close());

async function template(): Promise<ExcelJS.Workbook> {
  const res = await t.app.inject({ method: 'GET', url: URL, headers: township });
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX);
  expect(res.headers['content-disposition']).toContain('households-import-template.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

const upload = async (wb: ExcelJS.Workbook) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/households/import',
    headers: { ...township, 'content-type': XLSX },
    payload: Buffer.from(await wb.xlsx.writeBuffer()),
  });

describe('the household import template', () => {
  it('carries the import’s columns, no data, and a sheet of how to fill them', async () => {
    const wb = await template();
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(COLUMNS.map((c) => c.header));
    expect(ws.actualRowCount).toBe(1);
    const notes = wb.worksheets[1]!;
    expect(notes.actualRowCount).toBe(COLUMNS.length + 1);
    const relation = COLUMNS.findIndex((c) => c.key === 'relation') + 2;
    expect(String(notes.getRow(relation).getCell(3).text)).toContain('户主');
  });

  it('filled in with a new household, imports (the template and the import agree)', async () => {
    const wb = await template();
    const ws = wb.worksheets[0]!;
    const col = (header: string) => COLUMNS.findIndex((c) => c.header === header) + 1;
    const row = ws.getRow(2);
    const id = `9${Date.now().toString().slice(-13)}123X`;
    const cells: Record<string, string> = {
      网格: grid,
      门牌: '模板路8号',
      姓名: '模板测试',
      与户主关系: '户主',
      性别: '女',
      出生日期: '1985-06-01',
      身份证号: id,
      联系电话: '13800001234',
    };
    for (const [h, v] of Object.entries(cells)) row.getCell(col(h)).value = v;
    row.commit();
    const res = await upload(wb);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 1, created: 1, households: 1 });
    const made = await t.db
      .selectFrom('household')
      .select('id')
      .where('address', '=', '模板路8号')
      .where('grid_code', '=', grid)
      .execute();
    expect(made).toHaveLength(1);
  });

  it('without a required column, the import names it and writes nothing', async () => {
    const required = COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c.key));
    const wb = await template();
    const ws = wb.worksheets[0]!;
    const gone = required.find((c) => c.key === 'idNumber')!;
    ws.getRow(1).getCell(COLUMNS.indexOf(gone) + 1).value = null;
    const res = await upload(wb);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain(gone.header);
  });

  it('is for those who import: other roles 403, anonymous 401', async () => {
    for (const name of ['county', 'gridworker', 'resident', 'admin', 'department']) {
      const h = await signIn(t.app, name);
      expect((await t.app.inject({ method: 'GET', url: URL, headers: h })).statusCode, name).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
    const village = await signIn(t.app, 'village');
    expect((await t.app.inject({ method: 'GET', url: URL, headers: village })).statusCode).toBe(200);
  });
});
