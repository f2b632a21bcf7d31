import type { Db } from '../../platform/db/database.js';
import { beijingTime, exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { recordAudit } from '../audit/index.js';
import type { Actor } from '../accounts/index.js';
import { filteredDisputes, type DisputeFilter } from './repository.js';

type Row = Awaited<ReturnType<ReturnType<typeof filteredDisputes>['execute']>>[number];

const zh = (t: Record<string, string>, v: string | null) => (v === null ? null : (t[v] ?? v));
const TYPE_ZH: Record<string, string> = {
  neighbour: '邻里纠纷',
  family: '家庭纠纷',
  marriage: '婚姻纠纷',
  land_homestead: '土地宅基地',
  labour: '劳资纠纷',
  property: '财产纠纷',
  compensation: '征迁补偿',
  contract: '合同纠纷',
  other: '其他',
};
const RISK_ZH: Record<string, string> = { low: '低', medium: '中', high: '高' };
const TIER_ZH: Record<string, string> = { village: '村级', township: '乡镇级', county: '县级' };
const STATE_ZH: Record<string, string> = {
  open: '待化解',
  assigned: '已指派',
  settled: '已化解待回访',
  failed: '调解不成',
  closed: '已结案',
};

/** The columns of the dispute export: codes in Chinese, phone and ID numbers in the summary masked. */
const DISPUTE_COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '编号 Number', width: 18, cell: (r) => r.number },
  { header: '类型 Type', width: 12, cell: (r) => zh(TYPE_ZH, r.type) },
  { header: '概要 Summary', width: 44, cell: (r) => maskPiiText(r.summary) },
  {
    header: '涉及金额(元) Amount',
    width: 12,
    cell: (r) => (r.amount_yuan === null ? null : Number(r.amount_yuan)),
  },
  { header: '风险 Risk', width: 8, cell: (r) => zh(RISK_ZH, r.risk_level) },
  { header: '层级 Tier', width: 8, cell: (r) => zh(TIER_ZH, r.tier) },
  { header: '状态 State', width: 12, cell: (r) => zh(STATE_ZH, r.state) },
  { header: '超期 Overdue', width: 8, cell: (r) => (r.overdue ? '是' : '否') },
  { header: '网格 Grid', width: 18, cell: (r) => r.grid_name },
  { header: '登记时间 Registered', width: 17, cell: (r) => beijingTime(r.created_at) },
  { header: '化解期限 Deadline', width: 17, cell: (r) => beijingTime(r.deadline_at) },
];

/** The filtered dispute list as .xlsx, in the list's order, audited first (`dispute.export`: filter, rows). */
export function exportDisputes(
  db: Db,
  actor: Actor,
  f: DisputeFilter,
  filter: Record<string, unknown>,
  requestId: string,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredDisputes(tx, actor, f)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'dispute.export',
          entityType: 'dispute',
          entityId: null,
          after: { rows, filter },
          requestId,
        }),
      query: filteredDisputes(db, actor, f),
      sheet: '矛盾纠纷 Disputes',
      columns: DISPUTE_COLUMNS,
    },
    rowsDb,
  );
}
