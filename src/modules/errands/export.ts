import type { Db } from '../../platform/db/database.js';
import { beijingTime, exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { recordAudit } from '../audit/index.js';
import type { Actor } from '../accounts/index.js';
import { filteredErrands, type ErrandFilter } from './repository.js';

type Row = Awaited<ReturnType<ReturnType<typeof filteredErrands>['execute']>>[number];

const STATUS_ZH: Record<string, string> = {
  requested: '待接单',
  accepted: '办理中',
  done: '已办结待确认',
  confirmed: '已确认',
  declined: '未受理',
  cancelled: '已撤销',
};

/** The columns of the errand export: the contact's phone masked, numbers in free text masked. */
const ERRAND_COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '编号 Number', width: 18, cell: (r) => r.number },
  { header: '服务事项 Service item', width: 20, cell: (r) => r.name_zh },
  { header: '状态 Status', width: 12, cell: (r) => STATUS_ZH[r.status] ?? r.status },
  { header: '超时 Overdue', width: 8, cell: (r) => (r.overdue ? '是' : '否') },
  { header: '说明 Detail', width: 40, cell: (r) => (r.detail ? maskPiiText(r.detail) : null) },
  { header: '网格 Grid', width: 18, cell: (r) => r.grid_name },
  { header: '申请人 Requester', width: 12, cell: (r) => r.requester_name },
  { header: '联系电话 Contact phone', width: 14, cell: (r) => r.contact_phone_masked },
  { header: '代办员 Taken by', width: 12, cell: (r) => r.assignee_name },
  { header: '申请时间 Requested', width: 17, cell: (r) => beijingTime(r.created_at) },
  { header: '办理时限 Due', width: 17, cell: (r) => beijingTime(r.due_at) },
  { header: '办结时间 Done', width: 17, cell: (r) => beijingTime(r.done_at) },
  { header: '评价 Rating', width: 8, cell: (r) => r.rating },
];

/** The filtered errand list as .xlsx, in the list's order, audited first (`errand.export`: filter, rows). */
export function exportErrands(
  db: Db,
  actor: Actor,
  path: string,
  f: ErrandFilter,
  filter: Record<string, unknown>,
  now: Date,
  requestId: string,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredErrands(tx, actor, path, f, now)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'errand.export',
          entityType: 'errand',
          entityId: null,
          after: { rows, filter },
          requestId,
        }),
      query: filteredErrands(db, actor, path, f, now),
      sheet: '微代办 Errands',
      columns: ERRAND_COLUMNS,
    },
    rowsDb,
  );
}
