import type { Db } from '../../platform/db/database.js';
import { exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { filteredTeams, type TeamFilter, type TeamScope } from './repository.js';

type Row = Awaited<ReturnType<ReturnType<typeof filteredTeams>['execute']>>[number];

/** The screen's words (src/web/centre/petitions/messages.ts, teams.kind). */
const KIND_ZH: Record<string, string> = { council: '五会', role: '五员', group: 'N个自治组织' };

/** The columns of the team export: what the list shows (the duty's free text masked). */
const COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '编号 No.', width: 8, cell: (r) => Number(r.id) },
  { header: '村(社区) Village', width: 16, cell: (r) => r.village_name },
  { header: '类别 Kind', width: 10, cell: (r) => KIND_ZH[r.kind] ?? r.kind },
  { header: '名称 Name', width: 16, cell: (r) => r.name },
  { header: '代码 Code', width: 20, cell: (r) => r.code },
  { header: '职责 Duty', width: 36, cell: (r) => maskPiiText(r.duty) },
  { header: '成员 Members', width: 8, cell: (r) => r.members ?? 0 },
];

/** The filtered team list as .xlsx, in the list's order, audited first (`team.export`: filter, rows). */
export function exportTeams(
  db: Db,
  actor: Actor,
  scope: TeamScope,
  f: TeamFilter,
  filter: Record<string, unknown>,
  requestId: string,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredTeams(tx, scope, f)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'team.export',
          entityType: 'team',
          entityId: null,
          after: { rows, filter },
          requestId,
        }),
      query: filteredTeams(db, scope, f),
      sheet: '5+5+N队伍 Teams',
      columns: COLUMNS,
    },
    rowsDb,
  );
}
