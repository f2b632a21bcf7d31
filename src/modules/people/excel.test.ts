import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
let township: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  township = await signIn(t.app, 'township');
});
afterAll(() => t.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
async function exported(): Promise<ExcelJS.Workbook> {
  const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: township })).json();
  const village = (
    await t.db
      .selectFrom('region')
      .select('code')
      .where('parent_code', '=', me.scope.code)
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code;
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/households/export.xlsx?within=${village}`,
    headers: township,
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX);
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

describe('Excel export and import', () => {
  it('a township exports its households masked, the export is audited, and a corrected file re-imports', async () => {
    const wb = await exported();
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual(
      expect.arrayContaining(['户编号', '网格', '门牌', '姓名', '身份证号', '联系电话']),
    );
    expect(String(ws.getRow(2).getCell(11).text)).toMatch(/^\d\*+[\dX]$/);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'household.export')
      .execute();
    expect(audit).toHaveLength(1);
    const residentId = Number(ws.getRow(2).getCell(6).text);
    ws.getRow(2).getCell(7).value = '更正后姓名';
    const res = await upload(wb);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().updated).toBe(1);
    const r = await t.db
      .selectFrom('resident')
      .select('name')
      .where('id', '=', residentId)
      .executeTakeFirstOrThrow();
    expect(r.name).toBe('更正后姓名');
    const hist = await t.db
      .selectFrom('archive_history')
      .select('changed')
      .where('subject_id', '=', residentId)
      .where('event', '=', 'imported')
      .execute();
    expect(hist[0]!.changed).toEqual(['name']);
  });

  it('a file with bad rows imports nothing and names every bad row and field', async () => {
    const wb = await exported();
    const ws = wb.worksheets[0]!;
    ws.getRow(2).getCell(7).value = '不应写入';
    ws.getRow(3).getCell(9).value = '未知';
    ws.addRow([
      '',
      ws.getRow(2).getCell(2).text,
      '',
      '',
      '新门牌1号',
      '',
      '新人',
      '户主',
      '男',
      '1990-01-01',
      '123',
      '',
      '',
    ]);
    const before = await t.db
      .selectFrom('resident')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await upload(wb);
    expect(res.statusCode).toBe(400);
    const body = res.json().error;
    expect(body.code).toBe('IMPORT_ROWS_INVALID');
    expect(body.details).toEqual(
      expect.arrayContaining([
        { row: 3, field: '性别', message: expect.any(String) },
        { row: ws.rowCount, field: '身份证号', message: expect.any(String) },
      ]),
    );
    const after = await t.db
      .selectFrom('resident')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const still = await t.db.selectFrom('resident').select('name').where('name', '=', '不应写入').execute();
    expect(still).toEqual([]);
  });
});
