import type { Db } from '../../platform/db/database.js';
import { beijingTime, exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { recordAudit } from '../audit/index.js';
import type { Actor } from '../accounts/index.js';
import { filteredWishes, orderedWishes, type WishFilter } from './repository.js';

type Row = Awaited<ReturnType<ReturnType<typeof orderedWishes>['execute']>>[number];

const STATUS_ZH: Record<string, string> = {
  submitted: '待审核',
  published: '待认领',
  claimed: '已认领',
  fulfilled: '已实现',
  closed: '已完成',
  rejected: '未通过',
  withdrawn: '已撤回',
};
const KIND_ZH: Record<string, string> = {
  elderly_alone: '独居老人',
  left_behind_child: '留守儿童',
  sick: '患病家庭',
  disabled: '残疾人',
  poverty: '困难家庭',
  other: '其他',
};
const SOURCE_ZH: Record<string, string> = { resident: '群众自报', visit: '走访收集', staff: '村(社区)录入' };

/** The columns of the wish export: codes in Chinese, phone and ID numbers in free text masked. */
const WISH_COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '编号 Number', width: 18, cell: (r) => r.number },
  { header: '状态 Status', cell: (r) => STATUS_ZH[r.status] ?? r.status },
  { header: '心愿 Wish', width: 36, cell: (r) => maskPiiText(r.title) },
  { header: '心愿人 For', width: 16, cell: (r) => maskPiiText(r.beneficiary) },
  { header: '类别 Situation', width: 12, cell: (r) => KIND_ZH[r.beneficiary_kind] ?? r.beneficiary_kind },
  { header: '来源 Source', width: 12, cell: (r) => SOURCE_ZH[r.source] ?? r.source },
  { header: '网格 Grid', width: 18, cell: (r) => r.grid_name },
  { header: '认领方 Claimed by', width: 28, cell: (r) => r.claimer_names.join('、') },
  { header: '许愿时间 Made at', width: 17, cell: (r) => beijingTime(r.created_at) },
];

/** The filtered wish list as .xlsx, in the list's order, audited first (`wish.export`: filter, rows). */
export function exportWishes(
  db: Db,
  actor: Actor,
  f: WishFilter,
  filter: Record<string, unknown>,
  requestId: string,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredWishes(tx, actor, f)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'wish.export',
          entityType: 'wish',
          entityId: null,
          after: { rows, filter },
          requestId,
        }),
      query: orderedWishes(db, actor, f),
      sheet: '微心愿 Wishes',
      columns: WISH_COLUMNS,
    },
    rowsDb,
  );
}
