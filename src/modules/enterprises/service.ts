import { AppError } from '../../platform/errors.js';
import { isUniqueViolation } from '../../platform/db/idempotency.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { inScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { findVisibleCadre } from '../cadres/index.js';
import { findPartyOrg } from '../party/index.js';
import { pathOf } from '../regions/index.js';
import type { EnterpriseDeps } from './context.js';
import { creditCodeProblem } from './credit-code.js';
import * as repo from './repository.js';
import type { EnterpriseInput, EnterprisePatch } from './schemas.js';
import './errors.js';

const scopeOf = (actor: Actor): repo.Scope => ({ countyCode: actor.countyCode, path: actor.scopePath });

/** A grid of the caller's scope (400 when not a grid of the county, 404 when outside the scope). */
async function checkGrid(db: DbOrTx, actor: Actor, code: string) {
  const g = await repo.gridOf(db, code);
  if (!g || g.level !== 'grid') throw new AppError('ENTERPRISE_GRID_INVALID');
  // a grid beside the caller's scope, or in another county, is out of view: 404
  const path = pathOf(code);
  if (g.county_code !== actor.countyCode || !inScope(actor, path)) throw new AppError('NOT_FOUND');
  return path;
}

/** The party organisation and the instructor, when given, must be visible to the caller. */
async function checkLinks(
  db: DbOrTx,
  actor: Actor,
  partyOrgId?: number | null,
  instructorId?: number | null,
) {
  if (partyOrgId && !(await findPartyOrg(db, scopeOf(actor), partyOrgId)))
    throw new AppError('ENTERPRISE_PARTY_ORG_INVALID');
  if (instructorId && !(await findVisibleCadre(db, scopeOf(actor), instructorId)))
    throw new AppError('ENTERPRISE_CADRE_INVALID');
}

export async function createEnterprise(
  deps: EnterpriseDeps,
  actor: Actor,
  input: EnterpriseInput,
  requestId?: string,
) {
  if (creditCodeProblem(input.creditCode)) throw new AppError('ENTERPRISE_CREDIT_CODE_INVALID');
  const path = await checkGrid(deps.db, actor, input.gridCode);
  await checkLinks(deps.db, actor, input.partyOrgId, input.instructorId);
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const { id } = await repo.insertEnterprise(tx, {
        county_code: actor.countyCode,
        grid_code: input.gridCode,
        grid_path: path,
        kind: input.kind,
        name: input.name,
        credit_code: input.creditCode,
        address: input.address,
        size: input.size,
        sector: input.sector,
        above_scale: input.aboveScale,
        party_org_id: input.partyOrgId,
        instructor_id: input.instructorId,
      });
      await recordAudit(tx, {
        actor,
        countyCode: actor.countyCode,
        action: 'enterprise.create',
        entityType: 'enterprise',
        entityId: id,
        after: {
          gridCode: input.gridCode,
          kind: input.kind,
          partyOrgId: input.partyOrgId,
          instructorId: input.instructorId,
        },
        requestId,
      });
      return { id };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'enterprise_county_code_credit_code_key'))
      throw new AppError('ENTERPRISE_CREDIT_CODE_TAKEN');
    throw err;
  }
}

export async function updateEnterprise(
  deps: EnterpriseDeps,
  actor: Actor,
  id: number,
  patch: EnterprisePatch,
  requestId?: string,
) {
  const path = patch.gridCode ? await checkGrid(deps.db, actor, patch.gridCode) : undefined;
  await checkLinks(deps.db, actor, patch.partyOrgId, patch.instructorId);
  await deps.db.transaction().execute(async (tx) => {
    const e = await repo.lockEnterprise(tx, scopeOf(actor), id);
    if (!e) throw new AppError('NOT_FOUND');
    await repo.updateEnterprise(tx, e.county_code, id, {
      ...(patch.gridCode !== undefined && { grid_code: patch.gridCode, grid_path: path }),
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.address !== undefined && { address: patch.address }),
      ...(patch.size !== undefined && { size: patch.size }),
      ...(patch.sector !== undefined && { sector: patch.sector }),
      ...(patch.aboveScale !== undefined && { above_scale: patch.aboveScale }),
      ...(patch.partyOrgId !== undefined && { party_org_id: patch.partyOrgId }),
      ...(patch.instructorId !== undefined && { instructor_id: patch.instructorId }),
      updated_at: deps.now(),
    });
    await recordAudit(tx, {
      actor,
      countyCode: e.county_code,
      action: 'enterprise.update',
      entityType: 'enterprise',
      entityId: id,
      before: { gridCode: e.grid_code, partyOrgId: e.party_org_id, instructorId: e.instructor_id },
      after: { fields: Object.keys(patch) },
      requestId,
    });
  });
}

/** Assigns a cadre of the caller's scope to help an enterprise (选派干部). */
export async function assignHelper(
  deps: EnterpriseDeps,
  actor: Actor,
  id: number,
  input: { cadreId: number; startedOn: string },
  requestId?: string,
) {
  return deps.db.transaction().execute(async (tx) => {
    const e = await repo.lockEnterprise(tx, scopeOf(actor), id);
    if (!e) throw new AppError('NOT_FOUND');
    if (!(await findVisibleCadre(tx, scopeOf(actor), input.cadreId)))
      throw new AppError('ENTERPRISE_CADRE_INVALID');
    const current = await repo.helpersOf(tx, e.county_code, id);
    if (current.some((h) => h.cadre_id === input.cadreId && h.ended_on === null))
      throw new AppError('ENTERPRISE_HELPER_ASSIGNED');
    const h = await repo.insertHelper(tx, {
      county_code: e.county_code,
      enterprise_id: id,
      cadre_id: input.cadreId,
      started_on: input.startedOn,
    });
    await recordAudit(tx, {
      actor,
      countyCode: e.county_code,
      action: 'enterprise.helper',
      entityType: 'enterprise',
      entityId: id,
      after: { helperId: h.id, cadreId: input.cadreId },
      requestId,
    });
    return { id: h.id };
  });
}

/** Ends a cadre's assignment to an enterprise with a date and a reason; audited. */
export async function endHelper(
  deps: EnterpriseDeps,
  actor: Actor,
  helperId: number,
  input: { endedOn: string; reason: string },
  requestId?: string,
) {
  return deps.db.transaction().execute(async (tx) => {
    const h = await repo.lockHelper(tx, scopeOf(actor), helperId);
    if (!h) throw new AppError('NOT_FOUND');
    if (h.ended_on !== null) throw new AppError('ENTERPRISE_HELPER_ENDED');
    if (input.endedOn < h.started_on) throw new AppError('ENTERPRISE_DATE_ORDER');
    await repo.endHelper(tx, actor.countyCode, helperId, {
      ended_on: input.endedOn,
      end_reason: input.reason,
    });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'enterprise.helper_end',
      entityType: 'enterprise',
      entityId: h.enterprise_id,
      after: { helperId, cadreId: h.cadre_id, endedOn: input.endedOn },
      reason: input.reason,
      requestId,
    });
  });
}

/** Records a visit or a problem raised, in the enterprise's help ledger. */
export async function recordHelp(
  deps: EnterpriseDeps,
  actor: Actor,
  id: number,
  input: { kind: 'visit' | 'problem'; cadreId: number; happenedOn: string; note: string },
  requestId?: string,
) {
  return deps.db.transaction().execute(async (tx) => {
    const e = await repo.lockEnterprise(tx, scopeOf(actor), id);
    if (!e) throw new AppError('NOT_FOUND');
    if (!(await findVisibleCadre(tx, scopeOf(actor), input.cadreId)))
      throw new AppError('ENTERPRISE_CADRE_INVALID');
    const n = await repo.insertHelp(tx, {
      county_code: e.county_code,
      enterprise_id: id,
      cadre_id: input.cadreId,
      kind: input.kind,
      happened_on: input.happenedOn,
      note: input.note,
      state: input.kind === 'visit' ? 'recorded' : 'open',
      solution: null,
      solved_on: null,
      case_id: null,
      created_by: actor.accountId,
    });
    await recordAudit(tx, {
      actor,
      countyCode: e.county_code,
      action: `enterprise.${input.kind}`,
      entityType: 'enterprise',
      entityId: id,
      after: { helpId: n.id, cadreId: input.cadreId },
      requestId,
    });
    return { id: n.id };
  });
}

/** How an open problem was solved. */
export async function solveNeed(
  deps: EnterpriseDeps,
  actor: Actor,
  helpId: number,
  input: { solution: string; solvedOn: string },
  requestId?: string,
) {
  await deps.db.transaction().execute(async (tx) => {
    const n = await repo.lockHelp(tx, scopeOf(actor), helpId);
    if (!n) throw new AppError('NOT_FOUND');
    if (n.state !== 'open') throw new AppError('ENTERPRISE_NEED_NOT_OPEN');
    await repo.updateHelp(tx, n.county_code, helpId, {
      state: 'solved',
      solution: input.solution,
      solved_on: input.solvedOn,
      updated_at: deps.now(),
    });
    await recordAudit(tx, {
      actor,
      countyCode: n.county_code,
      action: 'enterprise.solve',
      entityType: 'enterprise_help',
      entityId: helpId,
      before: { state: 'open' },
      after: { state: 'solved' },
      requestId,
    });
  });
}
