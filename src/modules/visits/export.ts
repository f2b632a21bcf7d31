import type { Db } from '../../platform/db/database.js';
import { beijingTime, exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { filteredVisits, type Scope, type VisitFilter } from './repository.js';

type Row = Awaited<ReturnType<ReturnType<typeof filteredVisits>['execute']>>[number];

/** The screen's words (src/web/centre/visits/messages.ts), Chinese as the file is read in the county. */
const KIND_ZH: Record<string, string> = {
  routine: '日常走访',
  care: '关爱走访',
  follow_up: '回访',
  campaign: '专项任务',
};
const OUTCOME_ZH: Record<string, string> = {
  all_well: '一切正常',
  needs_help: '需要帮助',
  issue_reported: '发现问题已上报',
  not_home: '家中无人',
};
const NEED_ZH: Record<string, string> = {
  medical: '看病就医',
  living: '生活困难',
  housing: '住房',
  daily_care: '生活照料',
  schooling: '孩子上学',
  employment: '就业',
  legal: '法律帮助',
  safety: '安全隐患',
  other: '其他',
};

/** The columns of the visit export; numbers in the notes masked (a phone written there never leaves). */
const VISIT_COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '编号 Number', width: 10, cell: (r) => r.id },
  { header: '走访时间 Visited', width: 17, cell: (r) => beijingTime(r.visited_at) },
  { header: '户号 Household', width: 10, cell: (r) => r.household_id },
  { header: '地址 Address', width: 30, cell: (r) => r.address },
  { header: '网格 Grid', width: 18, cell: (r) => r.grid_name },
  { header: '走访人 Worker', width: 12, cell: (r) => r.worker_name },
  { header: '类型 Kind', width: 10, cell: (r) => KIND_ZH[r.kind] ?? r.kind },
  { header: '结果 Outcome', width: 12, cell: (r) => OUTCOME_ZH[r.outcome] ?? r.outcome },
  { header: '需求 Needs', width: 18, cell: (r) => r.needs.map((n) => NEED_ZH[n] ?? n).join('、') },
  { header: '记录 Notes', width: 40, cell: (r) => (r.notes ? maskPiiText(r.notes) : null) },
  { header: '关联事件 Case', width: 18, cell: (r) => r.case_number },
];

/** The filtered visit list as .xlsx, in the list's order, audited first (`visit.export`: filter, rows). */
export function exportVisits(
  db: Db,
  actor: Actor,
  scope: Scope,
  f: VisitFilter,
  filter: Record<string, unknown>,
  requestId: string,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredVisits(tx, scope, f)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'visit.export',
          entityType: 'visit',
          entityId: null,
          after: { rows, filter },
          requestId,
        }),
      query: filteredVisits(db, scope, f),
      sheet: '入户走访 Visits',
      columns: VISIT_COLUMNS,
    },
    rowsDb,
  );
}
