import ExcelJS from 'exceljs';
import {
  CARE_TAG_ZH,
  COLUMNS,
  GENDER_ZH,
  OPTIONAL_COLUMNS,
  RELATION_ZH,
  SHEET,
  type ColumnKey,
} from './excel-layout.js';

/** How to fill each column, in the words the import's refusals use (excel-import.ts, checkRow). */
const HINTS: Record<ColumnKey, string> = {
  householdId: '已有户的户编号；新户留空（同一新户的各行写相同的网格和门牌，户主行在前）',
  gridCode: '15位网格代码',
  gridName: '仅供查看，导入时不读',
  unit: '仅供查看，导入时不读',
  address: '门牌，2至100个字',
  residentId: '已登记居民的编号（更正该居民）；新登记的居民留空',
  name: '1至20个字',
  relation: Object.values(RELATION_ZH).join('、'),
  gender: Object.values(GENDER_ZH).join('、'),
  birthDate: '日期，如 1980-03-02',
  idNumber: '18位身份证号（新登记的居民不能是打码的号码）',
  phone: '11位手机号，可留空',
  careTags: `仅供查看，导入时不读（${Object.values(CARE_TAG_ZH).join('、')}）`,
};

/**
 * The empty sheet the household import accepts: its first sheet carries exactly the import's column
 * headers (from the one layout, excel-layout.ts, so the template and the import cannot disagree), a
 * second sheet says which columns are required and how to fill them. It holds no one's data.
 */
export async function householdImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  const notes = wb.addWorksheet('填写说明 Notes');
  notes.columns = [
    { header: '列 Column', width: 18 },
    { header: '必填 Required', width: 14 },
    { header: '填写说明 How to fill', width: 70 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of COLUMNS)
    notes.addRow([
      c.header,
      OPTIONAL_COLUMNS.includes(c.key) ? '可无此列 optional' : '列必须有 required',
      HINTS[c.key],
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
