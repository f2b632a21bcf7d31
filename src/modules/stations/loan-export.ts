import type { Db } from '../../platform/db/database.js';
import { beijingTime, exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { ITEM_KINDS, type ItemKind } from './kinds.js';
import { filteredLoans, type LoanListFilter } from './loans-repository.js';
import type { StationScope } from './scope.js';

type Row = Awaited<ReturnType<ReturnType<typeof filteredLoans>['execute']>>[number];

/** The screen's words (src/web/centre/stations/messages.ts). */
const STATE_ZH: Record<string, string> = { lent: '借出中', returned: '已归还', lost: '已遗失' };
const yesNo = (b: boolean | null) => (b === null ? null : b ? '是' : '否');

/** The columns of the loan export: what the list shows (the borrower by name, as on the screen). */
const columns = (now: Date): readonly XlsxColumn<Row>[] => [
  { header: '编号 No.', width: 8, cell: (r) => Number(r.id) },
  { header: '服务站 Station', width: 20, cell: (r) => r.station_name },
  { header: '物品 Item', width: 12, cell: (r) => ITEM_KINDS[r.item_kind as ItemKind]?.[0] ?? r.item_kind },
  { header: '借用人 Borrower', width: 10, cell: (r) => r.resident_name },
  { header: '状态 State', width: 8, cell: (r) => STATE_ZH[r.state] ?? r.state },
  { header: '借出 Lent', width: 17, cell: (r) => beijingTime(r.lent_at) },
  { header: '应还 Due', width: 17, cell: (r) => beijingTime(r.due_at) },
  { header: '超期 Overdue', width: 8, cell: (r) => yesNo(r.state === 'lent' && r.due_at < now) },
  { header: '归还 Returned', width: 17, cell: (r) => beijingTime(r.returned_at) },
  { header: '逾期归还 Late', width: 8, cell: (r) => yesNo(r.returned_late) },
  { header: '遗失 Lost', width: 17, cell: (r) => beijingTime(r.lost_at) },
];

/** The filtered loan list as .xlsx, in the list's order, audited first (`station_loan.export`: filter, rows). */
export function exportLoans(
  db: Db,
  actor: Actor,
  scope: StationScope,
  f: LoanListFilter,
  filter: Record<string, unknown>,
  now: Date,
  requestId: string,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredLoans(tx, scope, f, now)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'station_loan.export',
          entityType: 'station_loan',
          entityId: null,
          after: { rows, filter },
          requestId,
        }),
      query: filteredLoans(db, scope, f, now),
      sheet: '便民借用 Loans',
      columns: columns(now),
    },
    rowsDb,
  );
}
