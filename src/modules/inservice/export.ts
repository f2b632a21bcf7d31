import type { Db } from '../../platform/db/database.js';
import { beijingTime, exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { filteredRegistrations, type RegistrationFilter } from './repository.js';

type Row = Awaited<ReturnType<ReturnType<typeof filteredRegistrations>['execute']>>[number];

/** The screen's words (src/web/centre/inservice/messages.ts). */
const STATUS_ZH: Record<string, string> = { pending: '待审核', approved: '已通过', rejected: '未通过' };

/** The columns of the registration export: what the list shows (the phone masked, as on the screen). */
const COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '编号 No.', width: 8, cell: (r) => Number(r.id) },
  { header: '姓名 Name', width: 14, cell: (r) => r.name },
  { header: '电话 Phone', width: 14, cell: (r) => r.phone_masked },
  { header: '报到村(社区) Home', width: 16, cell: (r) => r.home_name },
  { header: '工作单位 Employer', width: 22, cell: (r) => r.employer_unit },
  { header: '单位党组织 Unit’s party org', width: 22, cell: (r) => r.employer_org_name },
  { header: '状态 Status', width: 8, cell: (r) => STATUS_ZH[r.status] ?? r.status },
  { header: '报到 Signed up', width: 17, cell: (r) => beijingTime(r.created_at) },
  { header: '服务时长 Hours', width: 10, cell: (r) => Number(r.hours) },
  { header: '微心愿 Wishes', width: 8, cell: (r) => r.wishes },
];

/** The filtered registration list as .xlsx, in the list's order, audited first (`in_service.export`). */
export function exportRegistrations(
  db: Db,
  actor: Actor,
  path: string,
  f: RegistrationFilter,
  filter: Record<string, unknown>,
  requestId: string,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredRegistrations(tx, actor, path, f)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'in_service.export',
          entityType: 'in_service_member',
          entityId: null,
          after: { rows, filter },
          requestId,
        }),
      query: filteredRegistrations(db, actor, path, f),
      sheet: '在职党员 In-service members',
      columns: COLUMNS,
    },
    rowsDb,
  );
}
