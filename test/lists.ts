/** Helpers of the list tests (issue 11): a list page, an export read back with exceljs, its audits. */
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { TestApp } from './helpers.js';

export type H = { authorization: string };
export type ListPage<T = Record<string, unknown>> = { items: Array<{ id: number } & T>; total: number };

/** GET a list with its query string; answers the status and the page. */
export async function getList<T = Record<string, unknown>>(t: TestApp, h: H, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: h });
  return { status: res.statusCode, page: res.json<ListPage<T>>() };
}

/** GET an export: 200, an .xlsx not to be cached; answers its first sheet's rows (header first) as text. */
export async function readExport(t: TestApp, h: H, url: string): Promise<string[][]> {
  const res = await t.app.inject({ method: 'GET', url, headers: h });
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(res.headers['cache-control']).toContain('no-store');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

/** The audit rows of an action, oldest first. */
export const auditsOf = (t: TestApp, action: string) =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

/** Is `values` ordered ascending (or descending), compared as the database's C-like order of text? */
export function sortedAs(values: string[], desc = false): boolean {
  for (let i = 1; i < values.length; i++) {
    const c = values[i - 1]! < values[i]! ? -1 : values[i - 1]! > values[i]! ? 1 : 0;
    if (desc ? c < 0 : c > 0) return false;
  }
  return true;
}
