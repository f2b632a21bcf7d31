import type { Db } from '../../platform/db/database.js';
import { beijingTime, exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { filteredLedger, type LedgerFilter, type LedgerRow } from './ledger-list.js';
import type { Scope } from './repository.js';

type Names = Map<string, { zh: string; en: string }>;

/** The columns of the ledger export: what the list shows (the note's free text masked). */
const columns = (names: Names): readonly XlsxColumn<LedgerRow>[] => [
  { header: '编号 No.', width: 8, cell: (r) => Number(r.id) },
  { header: '时间 At', width: 17, cell: (r) => beijingTime(r.at) },
  { header: '网格员 Worker', width: 10, cell: (r) => r.worker_name },
  { header: '村(社区) Village', width: 14, cell: (r) => r.village_name },
  { header: '网格 Grid', width: 14, cell: (r) => r.grid_name },
  { header: '事由 Reason', width: 18, cell: (r) => names.get(r.reason)?.zh ?? r.reason },
  { header: '积分 Points', width: 8, cell: (r) => r.delta },
  { header: '备注 Note', width: 24, cell: (r) => (r.note ? maskPiiText(r.note) : null) },
];

/** The filtered ledger as .xlsx, in the list's order, audited first (`points.export`: filter, rows). */
export function exportLedger(
  db: Db,
  actor: Actor,
  scope: Scope,
  f: LedgerFilter,
  names: Names,
  filter: Record<string, unknown>,
  requestId: string,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredLedger(tx, scope, f)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'points.export',
          entityType: 'points_entry',
          entityId: null,
          after: { rows, filter },
          requestId,
        }),
      query: filteredLedger(db, scope, f),
      sheet: '积分明细 Points ledger',
      columns: columns(names),
    },
    rowsDb,
  );
}
