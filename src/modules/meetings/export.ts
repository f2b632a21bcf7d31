import type { Db } from '../../platform/db/database.js';
import { exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { filteredMeetings, type MeetingFilter, type Scope } from './repository.js';

type Row = Awaited<ReturnType<ReturnType<typeof filteredMeetings>['execute']>>[number];

/** The screen's words (src/web/centre/meetings/messages.ts). */
const KIND_ZH: Record<string, string> = {
  deliberation: '议事会',
  two_committees: '两委会议',
  party_members: '党员大会',
  villagers: '村民会议',
  representatives: '村民代表会议',
};
const STATE_ZH: Record<string, string> = { planned: '待召开', held: '已召开' };
const CONVENER_ZH: Record<string, string> = { grid_party: '网格党组织', village: '村(社区)' };
const day = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/** The columns of the meeting export: what the list shows (no minutes, no participants' names). */
const COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '编号 No.', width: 8, cell: (r) => Number(r.id) },
  { header: '日期 Held on', width: 12, cell: (r) => day(r.held_on) },
  { header: '议题 Title', width: 30, cell: (r) => maskPiiText(r.title) },
  { header: '类型 Kind', width: 14, cell: (r) => KIND_ZH[r.kind] ?? r.kind },
  { header: '村/网格 Place', width: 16, cell: (r) => r.region_name },
  { header: '地点 Venue', width: 16, cell: (r) => maskPiiText(r.place) },
  {
    header: '召集 Convener',
    width: 20,
    cell: (r) => `${CONVENER_ZH[r.convener_kind] ?? r.convener_kind} · ${r.convener_name}`,
  },
  { header: '状态 State', width: 8, cell: (r) => STATE_ZH[r.state] ?? r.state },
  { header: '应到 Invited', width: 8, cell: (r) => r.invited },
  { header: '实到 Attended', width: 8, cell: (r) => r.attended },
  { header: '事项 Matters', width: 8, cell: (r) => r.matters },
  { header: '决议 Resolutions', width: 8, cell: (r) => r.resolutions },
  { header: '已落实 Done', width: 8, cell: (r) => r.resolutions_done },
];

/** The filtered meeting list as .xlsx, in the list's order, audited first (`meeting.export`: filter, rows). */
export function exportMeetings(
  db: Db,
  actor: Actor,
  scope: Scope,
  f: MeetingFilter,
  filter: Record<string, unknown>,
  requestId: string,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredMeetings(tx, scope, f)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'meeting.export',
          entityType: 'meeting',
          entityId: null,
          after: { rows, filter },
          requestId,
        }),
      query: filteredMeetings(db, scope, f),
      sheet: '议事厅 Meetings',
      columns: COLUMNS,
    },
    rowsDb,
  );
}
