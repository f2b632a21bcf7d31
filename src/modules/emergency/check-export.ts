import type { Db } from '../../platform/db/database.js';
import { beijingTime, exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { CARE_TAG_NAMES } from '../people/index.js';
import { filteredChecks, type CheckFilter, type CheckRow } from './check-repository.js';
import type { Scope } from './repository.js';

/** The screen's words (src/web/centre/emergency/messages.ts), Chinese as the file is read in the county. */
const STATUS_ZH: Record<string, string> = {
  pending: '未核查',
  safe: '安全',
  evacuated: '已转移',
  needs_help: '需救助',
  unreachable: '联系不上',
};

const CARE_ZH: Record<string, string> = CARE_TAG_NAMES;

/** The columns of the check export: what the list shows; numbers written in the address masked. */
const COLUMNS: readonly XlsxColumn<CheckRow>[] = [
  { header: '编号 No.', width: 10, cell: (r) => Number(r.id) },
  { header: '户主 Head', width: 12, cell: (r) => r.name },
  { header: '住址 Address', width: 30, cell: (r) => maskPiiText(r.address) },
  { header: '网格 Grid', width: 18, cell: (r) => r.grid_name },
  { header: '重点人群 Care', width: 20, cell: (r) => r.tags.map((t) => CARE_ZH[t] ?? t).join('、') },
  { header: '状态 Status', width: 10, cell: (r) => STATUS_ZH[r.status] ?? r.status },
  { header: '上报时间 Reported at', width: 17, cell: (r) => beijingTime(r.reported_at) },
  { header: '特急事件 Case', width: 10, cell: (r) => (r.case_id === null ? null : Number(r.case_id)) },
];

/** An event's filtered check list as .xlsx, in the list's order, audited first (`emergency_check.export`). */
export function exportChecks(
  db: Db,
  actor: Actor,
  scope: Scope,
  f: CheckFilter & { eventId: number },
  filter: Record<string, unknown>,
  requestId: string,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredChecks(tx, scope, f)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'emergency_check.export',
          entityType: 'emergency_check',
          entityId: null,
          after: { rows, filter },
          requestId,
        }),
      query: filteredChecks(db, scope, f),
      sheet: '应急核查 Checks',
      columns: COLUMNS,
    },
    rowsDb,
  );
}
