import type { Db } from '../../platform/db/database.js';
import { beijingTime, exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { CARE_TAG_ZH, GENDER_ZH, RELATION_ZH } from './excel-layout.js';
import {
  filteredHouseholds,
  filteredResidents,
  orderedHouseholds,
  orderedResidents,
  type HouseholdFilter,
  type ResidentFilter,
} from './list-repository.js';
import type { Scope } from './list-repository.js';

type HouseholdRow = Awaited<ReturnType<ReturnType<typeof orderedHouseholds>['execute']>>[number];
type ResidentRow = Awaited<ReturnType<ReturnType<typeof orderedResidents>['execute']>>[number];

const tags = (t: string[]) => t.map((k) => CARE_TAG_ZH[k as keyof typeof CARE_TAG_ZH] ?? k).join('、');
const zh = (table: Record<string, string>, k: string) => table[k] ?? k;
const STATUS_ZH = { present: '在册', moved_out: '迁出', deceased: '死亡', merged: '已合并' };

/** The household list's columns (no personal numbers; the address's free text masked). */
const HOUSEHOLD_COLUMNS: readonly XlsxColumn<HouseholdRow>[] = [
  { header: '户号 Number', width: 10, cell: (r) => r.id },
  { header: '网格 Grid', width: 18, cell: (r) => r.grid_name },
  { header: '住址 Address', width: 30, cell: (r) => maskPiiText(r.address) },
  { header: '人数 Members', width: 8, cell: (r) => r.member_count },
  { header: '关爱标签 Care tags', width: 24, cell: (r) => tags(r.care_tags) },
  { header: '最近走访 Last visit', width: 17, cell: (r) => beijingTime(r.last_visit_at) },
];

/** The resident list's columns: ID numbers and phones in their stored masked form only. */
const RESIDENT_COLUMNS: readonly XlsxColumn<ResidentRow>[] = [
  { header: '编号 Number', width: 10, cell: (r) => r.id },
  { header: '户号 Household', width: 10, cell: (r) => r.household_id },
  { header: '姓名 Name', width: 10, cell: (r) => r.name },
  { header: '性别 Gender', width: 6, cell: (r) => zh(GENDER_ZH, r.gender) },
  { header: '出生年 Born', width: 8, cell: (r) => Number(r.birth_date.slice(0, 4)) },
  { header: '与户主关系 Relation', width: 10, cell: (r) => zh(RELATION_ZH, r.relation) },
  { header: '身份证号 ID number', width: 22, cell: (r) => r.id_number_masked },
  { header: '电话 Phone', width: 14, cell: (r) => r.phone_masked },
  { header: '关爱标签 Care tags', width: 24, cell: (r) => tags(r.care_tags) },
  { header: '党员 Party member', width: 8, cell: (r) => (r.is_party_member ? '是' : '') },
  { header: '状态 Status', width: 8, cell: (r) => zh(STATUS_ZH, r.status) },
  { header: '网格 Grid', width: 12, cell: (r) => r.grid_code },
];

type Ask = { actor: Actor; scope: Scope; filter: Record<string, unknown>; requestId: string };

const audit =
  (a: Ask, action: string, entityType: string) => (tx: Parameters<typeof recordAudit>[0], rows: number) =>
    recordAudit(tx, {
      actor: a.actor,
      countyCode: a.actor.countyCode,
      action,
      entityType,
      entityId: null,
      after: { rows, filter: a.filter },
      requestId: a.requestId,
    });

/** The filtered household list as .xlsx in the list's order, audited first (`household.export_list`). */
export function exportHouseholdList(db: Db, a: Ask, rowsDb: Db, f: HouseholdFilter) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredHouseholds(tx, a.scope, f)),
      audit: audit(a, 'household.export_list', 'household'),
      query: orderedHouseholds(db, a.scope, f),
      sheet: '户籍 Households',
      columns: HOUSEHOLD_COLUMNS,
    },
    rowsDb,
  );
}

/** The filtered resident list as .xlsx (masked), audited first (`resident.export`). */
export function exportResidentList(db: Db, a: Ask, rowsDb: Db, f: ResidentFilter) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredResidents(tx, a.scope, f)),
      audit: audit(a, 'resident.export', 'resident'),
      query: orderedResidents(db, a.scope, f),
      sheet: '居民 Residents',
      columns: RESIDENT_COLUMNS,
    },
    rowsDb,
  );
}
