import './errors.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { findVisibleCadre } from '../cadres/index.js';
import { findPartyOrg } from '../party/index.js';
import { pathOf } from '../regions/index.js';
import { creditCodeProblem } from './credit-code.js';
import * as repo from './repository.js';
import { EnterpriseInput } from './schemas.js';

export type EnterpriseRowError = { row: number; field: string; message: string };

/** Who loads: a staff account, or another system's account (no account row; named in the audit). */
export type EnterpriseImporter = Pick<Actor, 'countyCode' | 'scopeCode' | 'scopePath' | 'role'> & {
  accountId: number | null;
  systemAccountId?: number;
};

/**
 * Loads many enterprises at once, all or nothing, by the rules of `POST /enterprises` (the same
 * schema, credit-code check, grid in scope, visible party organisation and instructor) plus one
 * record per credit code in the batch and in the county. Every bad row and field is named (rows
 * numbered from 1); with any error nothing is written (400 ENTERPRISE_ROWS_INVALID).
 */
export async function importEnterpriseRecords(
  db: Db,
  by: EnterpriseImporter,
  records: unknown[],
  requestId?: string,
): Promise<{ rows: number; created: number }> {
  const errors: EnterpriseRowError[] = [];
  const scope = { countyCode: by.countyCode, path: by.scopePath };
  const seen = new Map<string, number>();
  const rows: (EnterpriseInput & { row: number; path: string })[] = [];
  for (const [i, record] of records.entries()) {
    const row = i + 1;
    const bad = (field: string, message: string) => errors.push({ row, field, message });
    const parsed = EnterpriseInput.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) bad(issue.path.join('.') || 'row', issue.message);
      continue;
    }
    const e = parsed.data;
    const problem = creditCodeProblem(e.creditCode);
    if (problem) bad('creditCode', '统一社会信用代码校验位不对');
    if (seen.has(e.creditCode)) bad('creditCode', `与第${seen.get(e.creditCode)}行重复`);
    seen.set(e.creditCode, row);
    const g = await repo.gridOf(db, e.gridCode);
    const path = pathOf(e.gridCode);
    if (!g || g.level !== 'grid' || g.county_code !== by.countyCode || !inScope(by, path))
      bad('gridCode', '不在本辖区的网格');
    if (e.partyOrgId && !(await findPartyOrg(db, scope, e.partyOrgId))) bad('partyOrgId', '党组织不存在');
    if (e.instructorId && !(await findVisibleCadre(db, scope, e.instructorId)))
      bad('instructorId', '干部不存在');
    const taken = await db
      .selectFrom('enterprise')
      .select('id')
      .where('county_code', '=', by.countyCode)
      .where('credit_code', '=', e.creditCode)
      .executeTakeFirst();
    if (taken) bad('creditCode', '已在本县登记');
    rows.push({ ...e, row, path });
  }
  if (records.length === 0) errors.push({ row: 1, field: 'row', message: '没有数据行' });
  if (errors.length) throw refuse(errors);
  return db.transaction().execute(async (tx) => {
    for (const e of rows)
      await repo.insertEnterprise(tx, {
        county_code: by.countyCode,
        grid_code: e.gridCode,
        grid_path: e.path,
        kind: e.kind,
        name: e.name,
        credit_code: e.creditCode,
        address: e.address,
        size: e.size,
        sector: e.sector,
        above_scale: e.aboveScale,
        party_org_id: e.partyOrgId,
        instructor_id: e.instructorId,
      });
    await recordAudit(tx, {
      actor: by.accountId === null ? null : { accountId: by.accountId, role: by.role },
      system: by.systemAccountId,
      countyCode: by.countyCode,
      action: 'enterprise.import',
      entityType: 'region',
      entityId: by.scopeCode,
      after: { rows: rows.length, created: rows.length },
      requestId,
    });
    return { rows: rows.length, created: rows.length };
  });
}

function refuse(errors: EnterpriseRowError[]) {
  return new AppError('ENTERPRISE_ROWS_INVALID', {
    detail: errors
      .slice(0, 5)
      .map((e) => `第${e.row}行 ${e.field}：${e.message}`)
      .join('；'),
    detailEn: `${errors.length} invalid field(s); first at row ${errors[0]!.row}, field ${errors[0]!.field}`,
    details: errors,
  });
}
