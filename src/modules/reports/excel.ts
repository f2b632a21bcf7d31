import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { ReportOut } from './schemas.js';
import { KIND_ZH } from './spec.js';

type Report = z.infer<typeof ReportOut>;
const fmt = (v: number | null, unit: string) => (v === null ? '—' : unit === 'percent' ? `${v}%` : v);

/** A kept report as an .xlsx: the figures with 环比/同比, the child regions, and a sheet per list behind a figure. */
export async function reportWorkbook(r: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = `${r.regionName}${KIND_ZH[r.kind]}（${r.periodFrom} 至 ${lastDay(r.periodTo)}）`;
  const names = new Map(r.values.map((v) => [v.code, v.nameZh]));
  const ws = wb.addWorksheet('指标 Figures');
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow([
    `生成于 ${r.generatedAt}${r.scheduled ? '（按时生成）' : `（${r.generatedBy ?? ''} 按需生成）`}`,
  ]);
  ws.addRow([]);
  ws.addRow([
    '指标 Indicator',
    '本期 Value',
    '上期 Previous',
    '环比 %',
    '去年同期 Year before',
    '同比 %',
  ]).font = {
    bold: true,
  };
  for (const v of r.values)
    ws.addRow([
      `${v.nameZh} ${v.nameEn}`,
      fmt(v.value, v.unit),
      fmt(v.previous, v.unit),
      v.changePrevious,
      fmt(v.yearBefore, v.unit),
      v.changeYear,
    ]);
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 36 : 14));
  if (r.byRegion.length) {
    const codes = Object.keys(r.byRegion[0]!.values);
    const rs = wb.addWorksheet('分区 Regions');
    rs.addRow(['区域 Region', ...codes.map((c) => names.get(c) ?? c)]).font = { bold: true };
    for (const x of r.byRegion) rs.addRow([x.name, ...codes.map((c) => x.values[c] ?? null)]);
    rs.columns.forEach((c, i) => (c.width = i === 0 ? 24 : 14));
  }
  for (const [code, l] of Object.entries(r.lists)) {
    const ls = wb.addWorksheet(`${(names.get(code) ?? code).slice(0, 20)}`);
    ls.addRow([
      `${names.get(code) ?? code}：共 ${l.total} 条${l.total > l.items.length ? `（列出前 ${l.items.length} 条）` : ''}`,
    ]);
    ls.addRow(['案件编号 Number', '时间 At', '类别 Category', '网格 Grid', '状态 State']).font = {
      bold: true,
    };
    for (const i of l.items) ls.addRow([i.number, i.at, i.category ?? '', i.grid ?? '', i.state ?? '']);
    ls.columns.forEach((c, i) => (c.width = i === 0 ? 24 : 18));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The last day of a period given the day after it. */
export function lastDay(after: string): string {
  return new Date(Date.parse(`${after}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
