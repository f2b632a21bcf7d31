import type { Db } from '../../platform/db/database.js';
import { exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { filteredCityCampaigns, type CityFilter } from './city-repository.js';
import { toCounts } from './view.js';

type Row = Awaited<ReturnType<ReturnType<typeof filteredCityCampaigns>['execute']>>[number];

const STATE_ZH: Record<string, string> = { running: '进行中', closed: '已结束' };
const counts = (r: Row) =>
  toCounts({
    targets: r.targets ?? 0,
    done: r.done ?? 0,
    na: r.na ?? 0,
    open: r.open ?? 0,
    missed: r.missed ?? 0,
  });

/** The columns of the city's export: the campaign and its counts over the city's counties (no one's name). */
const COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '编号 No.', width: 8, cell: (r) => Number(r.id) },
  { header: '任务名称 Title', width: 30, cell: (r) => r.title },
  { header: '开始日期 Starts on', width: 12, cell: (r) => r.starts_on },
  { header: '截止日期 Ends on', width: 12, cell: (r) => r.ends_on },
  { header: '状态 State', width: 8, cell: (r) => STATE_ZH[r.state] ?? r.state },
  { header: '对象 Targets', width: 10, cell: (r) => counts(r).targets },
  { header: '已完成 Done', width: 10, cell: (r) => counts(r).done },
  { header: '不适用 N/A', width: 10, cell: (r) => counts(r).notApplicable },
  { header: '未完成 Open', width: 10, cell: (r) => counts(r).open },
  { header: '漏项 Missed', width: 10, cell: (r) => counts(r).missed },
  { header: '完成率% Coverage', width: 10, cell: (r) => counts(r).coverage },
];

/** The city's filtered campaign list as .xlsx, in the list's order, audited first (`city_campaign.export`). */
export function exportCityCampaigns(
  db: Db,
  actor: Actor,
  f: CityFilter,
  requestId: string,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredCityCampaigns(tx, actor, f)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor,
          // the city's code stands in the county's place (as its launches and closings do)
          countyCode: actor.countyCode,
          action: 'city_campaign.export',
          entityType: 'city_campaign',
          entityId: null,
          after: { rows, filter: f },
          requestId,
        }),
      query: filteredCityCampaigns(db, actor, f),
      sheet: '全市专项任务 City campaigns',
      columns: COLUMNS,
    },
    rowsDb,
  );
}
