import type { Db } from '../../platform/db/database.js';
import { beijingTime, exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { filteredCalls, type CallFilter } from './list.js';

type Row = Awaited<ReturnType<ReturnType<typeof filteredCalls>['execute']>>[number];

/** The screen's words (src/web/centre/calls/messages.ts). */
const MEDIA_ZH: Record<string, string> = { voice: '语音', video: '视频' };
const OUTCOME_ZH: Record<string, string> = {
  completed: '已接通',
  missed: '未接',
  declined: '拒接',
  cancelled: '已取消',
};
const ABOUT_ZH: Record<string, string> = {
  case: '案件',
  household: '住户',
  campaign_target: '专项任务对象',
  dispute: '矛盾纠纷',
  grid: '网格',
};
const seconds = (r: Row) =>
  r.answered_at && r.ended_at
    ? Math.round((new Date(r.ended_at).getTime() - new Date(r.answered_at).getTime()) / 1000)
    : null;

/** The columns of the call log export: what the list shows, phones masked for everyone. */
const COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '编号 No.', width: 8, cell: (r) => Number(r.id) },
  { header: '时间 Started', width: 17, cell: (r) => beijingTime(r.started_at) },
  { header: '呼叫方 Caller', width: 14, cell: (r) => r.caller_name },
  { header: '呼叫方电话 Caller’s phone', width: 14, cell: (r) => r.caller_phone },
  { header: '接听方 Callee', width: 14, cell: (r) => r.callee_name },
  { header: '接听方电话 Callee’s phone', width: 14, cell: (r) => r.callee_phone },
  { header: '方式 Media', width: 8, cell: (r) => MEDIA_ZH[r.media] ?? r.media },
  {
    header: '结果 Outcome',
    width: 8,
    cell: (r) => (r.outcome ? (OUTCOME_ZH[r.outcome] ?? r.outcome) : r.state),
  },
  { header: '通话秒数 Seconds', width: 10, cell: seconds },
  {
    header: '关联 About',
    width: 20,
    cell: (r) =>
      r.about_type ? `${ABOUT_ZH[r.about_type] ?? r.about_type} ${r.about_id ?? r.about_code ?? ''}` : null,
  },
];

/** The filtered call log as .xlsx, in the list's order, audited first (`call.export`: filter, rows). */
export function exportCalls(
  db: Db,
  actor: Actor,
  f: CallFilter,
  filter: Record<string, unknown>,
  requestId: string,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredCalls(tx, actor, f)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'call.export',
          entityType: 'call',
          entityId: null,
          after: { rows, filter },
          requestId,
        }),
      query: filteredCalls(db, actor, f),
      sheet: '通话记录 Calls',
      columns: COLUMNS,
    },
    rowsDb,
  );
}
