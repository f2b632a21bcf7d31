import type { Db } from '../../platform/db/database.js';
import { beijingTime, exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { recordAudit } from '../audit/index.js';
import { filteredWhistles, type WhistleFilter } from './repository.js';
import type { WhistleActor } from './states.js';

type Row = Awaited<ReturnType<ReturnType<typeof filteredWhistles>['execute']>>[number];

/** The screen's words (src/web/centre/whistles/messages.ts). */
const STATE_ZH: Record<string, string> = { raised: '待应答', answered: '已答复待确认', confirmed: '已办结' };
const KIND_ZH: Record<string, string> = { grassroots: '基层请求', enterprise: '企业需求' };

/** The columns of the whistle export; numbers people typed into the free text masked. */
const columns = (now: Date): readonly XlsxColumn<Row>[] => [
  { header: '编号 Number', width: 18, cell: (r) => r.number },
  { header: '类型 Kind', width: 10, cell: (r) => KIND_ZH[r.kind] ?? r.kind },
  { header: '事由 Subject', width: 24, cell: (r) => maskPiiText(r.subject) },
  { header: '情况 Description', width: 40, cell: (r) => maskPiiText(r.description) },
  { header: '紧急 Urgent', width: 8, cell: (r) => (r.urgent ? '是' : '否') },
  { header: '吹哨地 Place', width: 16, cell: (r) => r.region_name },
  { header: '吹哨人 Raised by', width: 12, cell: (r) => r.raiser_name },
  { header: '应答部门 Department', width: 18, cell: (r) => r.department_name },
  { header: '状态 State', width: 12, cell: (r) => STATE_ZH[r.state] ?? r.state },
  {
    header: '超时 Overdue',
    width: 8,
    cell: (r) => (r.state === 'raised' && new Date(r.due_at) < now ? '是' : '否'),
  },
  { header: '吹哨时间 Raised', width: 17, cell: (r) => beijingTime(r.raised_at) },
  { header: '应答时限 Due', width: 17, cell: (r) => beijingTime(r.due_at) },
  { header: '答复 Answer', width: 40, cell: (r) => (r.answer ? maskPiiText(r.answer) : null) },
  { header: '答复时间 Answered', width: 17, cell: (r) => beijingTime(r.answered_at) },
  { header: '企业 Enterprise', width: 20, cell: (r) => r.enterprise_name },
];

/** The filtered whistle list as .xlsx, in the list's order, audited first (`whistle.export`: filter, rows). */
export function exportWhistles(
  db: Db,
  actor: WhistleActor,
  path: string,
  f: WhistleFilter,
  filter: Record<string, unknown>,
  now: Date,
  requestId: string,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredWhistles(tx, actor, path, f, now)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'whistle.export',
          entityType: 'whistle',
          entityId: null,
          after: { rows, filter },
          requestId,
        }),
      query: filteredWhistles(db, actor, path, f, now),
      sheet: '吹哨报到 Whistles',
      columns: columns(now),
    },
    rowsDb,
  );
}
