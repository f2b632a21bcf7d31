import type { Db } from '../../platform/db/database.js';
import { exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { filteredCadres, orderedCadres, type CadreFilter, type Scope } from './repository.js';

type Row = Awaited<ReturnType<ReturnType<typeof orderedCadres>['execute']>>[number];

/** The cadre list's columns: phones and ID numbers in their stored masked form only. */
const COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '编号 Number', width: 8, cell: (r) => r.id },
  { header: '姓名 Name', width: 10, cell: (r) => r.name },
  { header: '地区 Region', width: 16, cell: (r) => r.region_name },
  { header: '性别 Gender', width: 6, cell: (r) => (r.gender === 'female' ? '女' : '男') },
  { header: '出生年 Born', width: 8, cell: (r) => r.birth_year },
  { header: '学历 Education', width: 10, cell: (r) => r.education },
  { header: '职务 Posts', width: 24, cell: (r) => r.posts.join('、') },
  { header: '后备干部 Reserve', width: 8, cell: (r) => (r.reserve ? '是' : '') },
  { header: '单位 Unit', width: 20, cell: (r) => r.unit },
  { header: '电话 Phone', width: 14, cell: (r) => r.phone_masked },
  { header: '身份证号 ID number', width: 22, cell: (r) => r.id_number_masked },
];

/** The filtered cadre list as .xlsx in the list's order, audited first (`cadre.export`: filter, rows). */
export function exportCadres(
  db: Db,
  a: { actor: Actor; scope: Scope; filter: Record<string, unknown>; requestId: string },
  f: CadreFilter,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredCadres(tx, a.scope, f)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor: a.actor,
          countyCode: a.actor.countyCode,
          action: 'cadre.export',
          entityType: 'cadre',
          entityId: null,
          after: { rows, filter: a.filter },
          requestId: a.requestId,
        }),
      query: orderedCadres(db, a.scope, f),
      sheet: '干部 Cadres',
      columns: COLUMNS,
    },
    rowsDb,
  );
}
