import type { Db } from '../../platform/db/database.js';
import { exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { filteredEnterprises, orderedEnterprises, type EnterpriseFilter, type Scope } from './repository.js';

type Row = Awaited<ReturnType<ReturnType<typeof orderedEnterprises>['execute']>>[number];
const KIND_ZH: Record<string, string> = { enterprise: '企业', social_org: '社会组织' };
const SIZE_ZH: Record<string, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };

/** The enterprise list's columns (free text masked). */
const COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '信用代码 Credit code', width: 22, cell: (r) => r.credit_code },
  { header: '名称 Name', width: 28, cell: (r) => maskPiiText(r.name) },
  { header: '类型 Kind', width: 10, cell: (r) => KIND_ZH[r.kind] ?? r.kind },
  { header: '网格 Grid', width: 18, cell: (r) => r.grid_name },
  { header: '地址 Address', width: 28, cell: (r) => maskPiiText(r.address) },
  { header: '规模 Size', width: 8, cell: (r) => SIZE_ZH[r.size] ?? r.size },
  { header: '行业 Sector', width: 14, cell: (r) => r.sector },
  { header: '党组织 Party org', width: 22, cell: (r) => r.party_org_name },
  { header: '党建指导员 Instructor', width: 12, cell: (r) => r.instructor_name },
  { header: '帮扶干部 Helpers', width: 8, cell: (r) => r.helpers },
  { header: '待解决 Open needs', width: 8, cell: (r) => r.open_needs },
];

/** The filtered enterprise list as .xlsx, audited first (`enterprise.export`: filter, rows). */
export function exportEnterprises(
  db: Db,
  a: { actor: Actor; scope: Scope; filter: Record<string, unknown>; requestId: string },
  f: EnterpriseFilter,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredEnterprises(tx, a.scope, f)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor: a.actor,
          countyCode: a.actor.countyCode,
          action: 'enterprise.export',
          entityType: 'enterprise',
          entityId: null,
          after: { rows, filter: a.filter },
          requestId: a.requestId,
        }),
      query: orderedEnterprises(db, a.scope, f),
      sheet: '两新组织 Enterprises',
      columns: COLUMNS,
    },
    rowsDb,
  );
}
