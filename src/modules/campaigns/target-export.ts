import type { Db } from '../../platform/db/database.js';
import { beijingTime, exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { filteredTargets, type Scope, type TargetFilter } from './target-repository.js';

type Row = Awaited<ReturnType<ReturnType<typeof filteredTargets>['execute']>>[number];

/** The screen's words (src/web/centre/campaigns/messages.ts), Chinese as the file is read in the county. */
const STATE_ZH: Record<string, string> = {
  open: '未完成',
  done: '已完成',
  not_applicable: '不适用',
  missed: '漏项',
};
const NA_ZH: Record<string, string> = {
  deceased: '已故',
  moved_away: '已迁出',
  in_hospital: '住院',
  other: '其他',
};

/** The columns of the target export: what the list shows; numbers written in the address or note masked. */
const COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '编号 No.', width: 10, cell: (r) => Number(r.id) },
  { header: '姓名 Name', width: 12, cell: (r) => r.name },
  { header: '住址 Address', width: 30, cell: (r) => maskPiiText(r.address) },
  { header: '网格 Grid', width: 18, cell: (r) => r.grid_name },
  { header: '状态 State', width: 10, cell: (r) => STATE_ZH[r.state] ?? r.state },
  { header: '完成时间 Done at', width: 17, cell: (r) => beijingTime(r.done_at) },
  {
    header: '原因 Reason',
    width: 30,
    cell: (r) =>
      [r.na_reason ? (NA_ZH[r.na_reason] ?? r.na_reason) : null, r.note ? maskPiiText(r.note) : null]
        .filter(Boolean)
        .join('：') || null,
  },
];

/** A campaign's filtered target list as .xlsx, in the list's order, audited first (`campaign_target.export`). */
export function exportTargets(
  db: Db,
  actor: Actor,
  scope: Scope,
  f: TargetFilter & { campaignId: number },
  filter: Record<string, unknown>,
  requestId: string,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredTargets(tx, scope, f)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'campaign_target.export',
          entityType: 'campaign_target',
          entityId: null,
          after: { rows, filter },
          requestId,
        }),
      query: filteredTargets(db, scope, f),
      sheet: '任务对象 Targets',
      columns: COLUMNS,
    },
    rowsDb,
  );
}
