import './errors.js'; // registers this module's codes (ADR 0005)
import ExcelJS from 'exceljs';
import type { Db } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import * as arch from './archive-repository.js';
import { DateOnly } from './archive-schemas.js';
import { COLUMNS, GENDER_ZH, OPTIONAL_COLUMNS, RELATION_ZH, fromZh, type ColumnKey } from './excel-layout.js';
import { householdSnapshot, openIfNeeded, residentSnapshot, writeHistory } from './history.js';
import { idColumns, oneRecordPerPerson, phoneColumns } from './person.js';

export type RowError = { row: number; field: string; message: string };
type Parsed = {
  row: number;
  householdId: number | null;
  gridCode: string;
  address: string;
  residentId: number | null;
  name: string;
  relation: keyof typeof RELATION_ZH;
  gender: keyof typeof GENDER_ZH;
  birthDate: string;
  idNumber: string | null; // null: masked in the file, unchanged
  phone: string | null | undefined; // undefined: masked, unchanged; null: empty
};

const MASKED = /\*/;

/** Reads the sheet; every bad cell is named by row number (as Excel shows it) and column header. */
async function parse(file: Buffer): Promise<{ rows: Parsed[]; errors: RowError[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_FILE_INVALID');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('IMPORT_FILE_INVALID');
  const headers = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => headers.set(String(cell.text).trim(), col));
  const missing = COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c.key) && !headers.has(c.header));
  const errors: RowError[] = missing.map((c) => ({ row: 1, field: c.header, message: '缺少此列' }));
  if (errors.length) return { rows: [], errors };
  const rows: Parsed[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cell = (k: ColumnKey) => {
      const c = COLUMNS.find((x) => x.key === k)!;
      return String(row.getCell(headers.get(c.header) ?? 0).text ?? '').trim();
    };
    if (COLUMNS.every((c) => !headers.has(c.header) || cell(c.key) === '')) return;
    rows.push(checkRow(cell, n, errors));
  });
  return { rows, errors };
}

/** One row's cells checked; every bad cell is pushed to `errors` by row number and column header. */
function checkRow(cell: (k: ColumnKey) => string, n: number, errors: RowError[]): Parsed {
  const bad = (key: ColumnKey, message: string) =>
    errors.push({ row: n, field: COLUMNS.find((c) => c.key === key)!.header, message });
  const num = (key: ColumnKey) => {
    const v = cell(key);
    if (v === '') return null;
    if (!/^[1-9]\d{0,15}$/.test(v)) return (bad(key, '应为编号数字'), null);
    return Number(v);
  };
  const householdId = num('householdId');
  const residentId = num('residentId');
  const name = cell('name');
  if (name.length < 1 || name.length > 20) bad('name', '姓名应为1至20个字');
  const relation = fromZh(RELATION_ZH, cell('relation'));
  if (!relation) bad('relation', `应为：${Object.values(RELATION_ZH).join('、')}`);
  const gender = fromZh(GENDER_ZH, cell('gender'));
  if (!gender) bad('gender', '应为“男”或“女”');
  const birthDate = cell('birthDate');
  if (!DateOnly.safeParse(birthDate).success) bad('birthDate', '应为日期，如 1980-03-02');
  const idText = cell('idNumber').toUpperCase();
  let idNumber: string | null = null;
  if (MASKED.test(idText) && residentId !== null) idNumber = null;
  else if (/^\d{17}[\dX]$/.test(idText)) idNumber = idText;
  else bad('idNumber', '应为18位身份证号（新登记的居民不能是打码的号码）');
  const phoneText = cell('phone');
  let phone: string | null | undefined = null;
  if (phoneText === '') phone = null;
  else if (MASKED.test(phoneText) && residentId !== null) phone = undefined;
  else if (/^1\d{10}$/.test(phoneText)) phone = phoneText;
  else bad('phone', '应为11位手机号');
  const gridCode = cell('gridCode');
  if (!/^\d{15}$/.test(gridCode)) bad('gridCode', '应为15位网格代码');
  const address = cell('address');
  if (address.length < 2 || address.length > 100) bad('address', '门牌应为2至100个字');
  return {
    row: n,
    householdId,
    gridCode,
    address,
    residentId,
    name,
    relation: relation!,
    gender: gender!,
    birthDate,
    idNumber,
    phone,
  };
}

/** A household row given as data (another system's bulk load): the sheet's columns by key. */
export type HouseholdRecord = Partial<Record<ColumnKey, string | number | null>>;

/** Records numbered from 1, checked by the same rules as the sheet's rows. */
function parseRecords(records: HouseholdRecord[]): { rows: Parsed[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const rows = records.map((r, i) =>
    checkRow((k) => (r[k] === undefined || r[k] === null ? '' : String(r[k]).trim()), i + 1, errors),
  );
  return { rows, errors };
}

/**
 * Imports a corrected or new sheet for the caller's scope, all or nothing: every row is checked
 * (format, scope, one person one record in the file and the county) and every bad row and field is
 * named; with any error nothing is written. A row with 居民编号 corrects that resident (masked ID
 * numbers and phones stay as they are); one without adds a person to 户编号's household, or — with
 * no 户编号 — to a new household at 网格 + 门牌 (its 户主 row first).
 */
export async function importHouseholds(
  db: Db,
  pii: Pii,
  actor: Actor,
  file: Buffer,
  now: Date,
  requestId?: string,
) {
  return importParsed(db, pii, actor, await parse(file), now, requestId);
}

/**
 * Who imports: a staff account, or another system's account (no account row: `accountId` null,
 * `systemAccountId` names it in the audit log).
 */
export type Importer = Pick<Actor, 'countyCode' | 'scopeCode' | 'scopePath' | 'displayName' | 'role'> & {
  accountId: number | null;
  systemAccountId?: number;
};

/** The same import from data instead of a sheet (rows numbered from 1), by the same rules. */
export async function importHouseholdRecords(
  db: Db,
  pii: Pii,
  by: Importer,
  records: HouseholdRecord[],
  now: Date,
  requestId?: string,
) {
  return importParsed(db, pii, by, parseRecords(records), now, requestId);
}

async function importParsed(
  db: Db,
  pii: Pii,
  actor: Importer,
  { rows, errors }: { rows: Parsed[]; errors: RowError[] },
  now: Date,
  requestId?: string,
) {
  if (rows.length === 0 && errors.length === 0)
    errors.push({ row: 2, field: '姓名', message: '文件中没有数据行' });
  const refuse = (errs: RowError[]) =>
    new AppError('IMPORT_ROWS_INVALID', {
      detail: errs
        .slice(0, 5)
        .map((e) => `第${e.row}行 ${e.field}：${e.message}`)
        .join('；'),
      detailEn: `${errs.length} invalid cell(s); first at row ${errs[0]!.row}, column ${errs[0]!.field}`,
      details: errs,
    });
  if (errors.length) throw refuse(errors);
  return oneRecordPerPerson(() =>
    db.transaction().execute(async (tx) => {
      const scope = { countyCode: actor.countyCode, path: actor.scopePath };
      const bad = (r: Parsed, field: string, message: string) => errors.push({ row: r.row, field, message });
      const seen = new Map<string, number>();
      for (const r of rows) {
        if (r.idNumber === null) continue;
        const hash = pii.blindIndex('idNumber', r.idNumber).toString('hex');
        if (seen.has(hash)) bad(r, '身份证号', `与第${seen.get(hash)}行重复`);
        seen.set(hash, r.row);
        const other = await tx
          .selectFrom('resident')
          .select('id')
          .where('county_code', '=', actor.countyCode)
          .where('id_number_hash', '=', pii.blindIndex('idNumber', r.idNumber))
          .where('status', '<>', 'merged')
          .executeTakeFirst();
        if (other && Number(other.id) !== r.residentId) bad(r, '身份证号', '已在本县登记（一人一档）');
      }
      const grids = new Map<string, string>();
      for (const r of rows) {
        if (!grids.has(r.gridCode)) {
          const g = await arch.gridOfCounty(tx, actor.countyCode, r.gridCode);
          grids.set(r.gridCode, g && inScope(actor, g.path) ? g.path : '');
        }
        if (!grids.get(r.gridCode)) bad(r, '网格', '不在本辖区');
        if (r.residentId !== null && !(await arch.lockResident(tx, scope, r.residentId)))
          bad(r, '居民编号', '不在本辖区');
        if (r.householdId !== null && !(await arch.lockHousehold(tx, scope, r.householdId)))
          bad(r, '户编号', '不在本辖区');
      }
      if (errors.length) throw refuse(errors.sort((a, b) => a.row - b.row));
      const made = new Map<string, number>();
      let created = 0;
      let updated = 0;
      for (const r of rows) {
        let hid = r.householdId;
        if (hid === null) {
          const key = `${r.gridCode}|${r.address}`;
          hid = made.get(key) ?? null;
          if (hid === null) {
            const h = await tx
              .insertInto('household')
              .values({
                county_code: actor.countyCode,
                grid_code: r.gridCode,
                grid_path: grids.get(r.gridCode)!,
                address: r.address,
                created_at: now,
                created_by: actor.accountId,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            hid = Number(h.id);
            made.set(key, hid);
            await writeHistory(tx, {
              countyCode: actor.countyCode,
              subject: 'household',
              subjectId: hid,
              householdId: hid,
              event: 'imported',
              at: now,
              actor,
              snapshot: householdSnapshot(await arch.householdRecord(tx, actor.countyCode, hid)),
            });
          }
        } else {
          const h = await arch.householdRecord(tx, actor.countyCode, hid);
          if (h.address !== r.address) {
            await openIfNeeded(tx, { subject: 'household', row: h });
            await tx
              .updateTable('household')
              .set({ address: r.address, updated_at: now })
              .where('county_code', '=', actor.countyCode)
              .where('id', '=', hid)
              .execute();
            await writeHistory(tx, {
              countyCode: actor.countyCode,
              subject: 'household',
              subjectId: hid,
              householdId: hid,
              event: 'imported',
              at: now,
              actor,
              changed: ['address'],
              snapshot: householdSnapshot(await arch.householdRecord(tx, actor.countyCode, hid)),
            });
          }
        }
        const fields = {
          name: r.name,
          gender: r.gender,
          birth_date: r.birthDate,
          relation: r.relation,
          household_id: hid,
          grid_code: r.gridCode,
          grid_path: grids.get(r.gridCode)!,
        };
        const pii1 = {
          ...(r.idNumber ? idColumns(pii, r.idNumber) : {}),
          ...(r.phone !== undefined ? phoneColumns(pii, r.phone) : {}),
        };
        let rid = r.residentId;
        let changed: string[] = [];
        if (rid === null) {
          const ins = await tx
            .insertInto('resident')
            .values({
              county_code: actor.countyCode,
              ...fields,
              ...(pii1 as ReturnType<typeof idColumns>),
              created_at: now,
              created_by: actor.accountId,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          rid = Number(ins.id);
          created++;
        } else {
          const before = await arch.residentRecord(tx, actor.countyCode, rid);
          changed = (['name', 'gender', 'relation'] as const).filter((k) => before[k] !== r[k]);
          if (before.birth_date !== r.birthDate) changed.push('birthDate');
          if (Number(before.household_id) !== hid) changed.push('householdId');
          if (r.idNumber) changed.push('idNumber');
          if (r.phone !== undefined && !(r.phone === null && before.phone_masked === null))
            changed.push('phone');
          if (changed.length === 0) continue;
          await openIfNeeded(tx, { subject: 'resident', row: before });
          await tx
            .updateTable('resident')
            .set({ ...fields, ...pii1, updated_at: now })
            .where('county_code', '=', actor.countyCode)
            .where('id', '=', rid)
            .execute();
          updated++;
        }
        await writeHistory(tx, {
          countyCode: actor.countyCode,
          subject: 'resident',
          subjectId: rid,
          householdId: hid,
          event: 'imported',
          at: now,
          actor,
          changed,
          snapshot: residentSnapshot(await arch.residentRecord(tx, actor.countyCode, rid)),
        });
        await arch.recount(tx, actor.countyCode, hid);
      }
      await recordAudit(tx, {
        actor: actor.accountId === null ? null : { accountId: actor.accountId, role: actor.role },
        system: actor.systemAccountId,
        countyCode: actor.countyCode,
        action: 'household.import',
        entityType: 'region',
        entityId: actor.scopeCode,
        after: { rows: rows.length, created, updated, households: made.size },
        requestId,
      });
      return { rows: rows.length, created, updated, households: made.size };
    }),
  );
}
