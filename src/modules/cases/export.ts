import './errors.js';
import type { Readable } from 'node:stream';
import type { Db, Tx } from '../../platform/db/database.js';
import { streamXlsx, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { recordAudit, revealSearch } from '../audit/index.js';
import { EVALUATION_ZH, SOURCE_ZH, STATE_ZH, TIER_ZH, URGENCY_ZH, zh } from './labels.js';
import { caseSearch } from './list-service.js';
import type { CaseActor } from './policy.js';
import { filteredCases, orderedCases, type ListFilter } from './queries.js';

type Row = Awaited<ReturnType<ReturnType<typeof orderedCases>['execute']>>[number] & {
  reporter_contact_masked: string | null;
};

const beijing = (d: Date | null) =>
  d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : null;

/** The columns of the case export: codes in Chinese, free text and the reporter's phone masked. */
export const CASE_COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '案件编号 Number', width: 24, cell: (r) => r.number },
  { header: '来源 Source', cell: (r) => zh(SOURCE_ZH, r.source) },
  { header: '类别 Category', width: 18, cell: (r) => r.category_name },
  { header: '状态 State', cell: (r) => zh(STATE_ZH, r.state) },
  { header: '层级 Tier', width: 8, cell: (r) => zh(TIER_ZH, r.tier) },
  { header: '紧急程度 Urgency', width: 10, cell: (r) => zh(URGENCY_ZH, r.urgency) },
  { header: '问题描述 Description', width: 48, cell: (r) => maskPiiText(r.description) },
  { header: '地址 Address', width: 28, cell: (r) => (r.address ? maskPiiText(r.address) : null) },
  { header: '网格 Grid', width: 18, cell: (r) => r.grid_name },
  { header: '承办部门 Department', width: 18, cell: (r) => r.department_name },
  { header: '上报时间 Reported', width: 17, cell: (r) => beijing(r.reported_at) },
  { header: '办理期限 Deadline', width: 17, cell: (r) => beijing(r.deadline_at) },
  { header: '结案时间 Closed', width: 17, cell: (r) => beijing(r.closed_at) },
  { header: '超期次数 Times overdue', width: 10, cell: (r) => r.overdue_count },
  { header: '评价 Evaluation', width: 10, cell: (r) => zh(EVALUATION_ZH, r.evaluation) },
  { header: '上报人电话 Reporter phone', width: 14, cell: (r) => r.reporter_contact_masked },
];

/**
 * The filtered case list as an .xlsx, in the list's order, streamed (platform/lists streamXlsx). The
 * export is audited first — who, the filter, how many rows — and nothing in it is revealed: phones
 * masked, phone and ID numbers in the free text masked. A phone filter is only reached through the
 * route's reveal rule (filterOf) and the export is then that search too (right, reason, limit, audit).
 */
export async function exportCases(
  db: Db,
  actor: CaseActor,
  f: ListFilter,
  filter: Record<string, unknown>,
  reason: string | null,
  now: Date,
  requestId: string,
  /** where the rows are read from (a replica's read-only connection); the count and audit stay on `db` */
  rowsDb: Db = db,
): Promise<{ rows: number; stream: Readable }> {
  const counted = async (tx: Tx) => {
    const n = await totalOf(filteredCases(tx, actor, f, now));
    await auditExport(tx, n);
    return n;
  };
  // an export by the reporter's phone is that phone search too: refused, limited and audited before
  // a row is counted (audit's revealSearch); the rows it names are not read here, so no case is named
  const rows = f.phoneHash
    ? await revealSearch(db, caseSearch(actor, reason, requestId), async (tx) => {
        const n = await counted(tx);
        return { result: n, matches: n, ids: [] };
      })
    : await db.transaction().execute(counted);
  const query = orderedCases(db, actor, f, now).select('cases.reporter_contact_masked');
  return { rows, stream: streamXlsx(rowsDb, query, '案件 Cases', CASE_COLUMNS) };

  async function auditExport(tx: Tx, n: number) {
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'case.export',
      entityType: 'case',
      entityId: null,
      after: { rows: n, filter },
      reason,
      requestId,
    });
  }
}
