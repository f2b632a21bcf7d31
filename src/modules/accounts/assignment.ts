import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { departmentAt } from '../departments/index.js';
import { linkAccount, lockWorker, unlinkAccount, workerOfAccount } from '../points/index.js';
import type { Actor, Role } from './roles.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/**
 * Which scope levels fit each role (docs/ARCHITECTURE.md, "Accounts: roles, scopes and ties"):
 * a resident or grid worker belongs to a grid, village staff to a village, a township centre
 * to a township, the county centre to the county; department staff, party organisers and
 * administrators to the county or a township (their bureau or office, their committee).
 */
export const ROLE_SCOPE_LEVELS: Record<Role, readonly string[]> = {
  resident: ['grid'],
  grid_worker: ['grid'],
  village_staff: ['village'],
  township_centre: ['township'],
  county_centre: ['county'],
  city_centre: ['city'],
  department_staff: ['county', 'township'],
  party_organiser: ['county', 'township'],
  admin: ['county', 'township'],
  // their home community or village (报到地); made by sign-up and approval, never by an administrator
  in_service_member: ['village'],
};

export type ScopeNode = { code: string; path: string; level: string; countyCode: string };

/** 400 ROLE_SCOPE_MISMATCH unless the role fits the scope's level. */
export function checkRoleScope(role: Role, scope: ScopeNode): void {
  if (!ROLE_SCOPE_LEVELS[role].includes(scope.level))
    throw new AppError('ROLE_SCOPE_MISMATCH', {
      detail: `${role} 须设在 ${ROLE_SCOPE_LEVELS[role].join('/')} 级`,
      detailEn: `${role} needs a ${ROLE_SCOPE_LEVELS[role].join(' or ')} scope`,
    });
}

/**
 * An administrator manages accounts in their subtree, but an administrator account only
 * strictly below their own node: never a peer (same node) or anyone above.
 */
export function checkManageable(actor: Actor | null, role: string, scopePath: string): void {
  if (!actor || role !== 'admin') return;
  if (!scopePath.startsWith(`${actor.scopePath}.`)) throw new AppError('ACCOUNT_NOT_BELOW');
}

export type Ties = { departmentId?: number | null; workerId?: number | null };

/**
 * Validates what ties the account to its work (in the account's county and at its scope
 * node) and writes it: department staff to one active department at their node, grid workers
 * to one roster record of their grid not tied to another account. Other roles carry no tie;
 * a role change drops the old one. `current` is the tie before an edit (absent on create).
 */
export async function applyTies(
  tx: DbOrTx,
  accountId: number,
  role: Role,
  scope: ScopeNode,
  wanted: Ties,
  current?: { departmentId: number | null },
): Promise<{ departmentId: number | null; workerId: number | null }> {
  let departmentId: number | null = null;
  if (role === 'department_staff') {
    const id = wanted.departmentId !== undefined ? wanted.departmentId : (current?.departmentId ?? null);
    if (id === null)
      throw new AppError('ACCOUNT_DEPARTMENT_INVALID', {
        detail: '职能部门账号须指定所属部门',
        detailEn: 'a department account names its department',
      });
    const dept = await departmentAt(tx, scope.countyCode, id, scope.code);
    if (!dept || !dept.active)
      throw new AppError('ACCOUNT_DEPARTMENT_INVALID', {
        detail: '部门须在用且属于账号的管辖节点',
        detailEn: 'the department must be active and belong to the account’s scope node',
      });
    departmentId = dept.id;
  } else if (wanted.departmentId != null) {
    throw new AppError('ACCOUNT_DEPARTMENT_INVALID', {
      detail: '只有职能部门账号属于部门',
      detailEn: 'only department staff belong to a department',
    });
  }
  await tx.updateTable('account').set({ department_id: departmentId }).where('id', '=', accountId).execute();

  let workerId: number | null = null;
  if (role === 'grid_worker') {
    const linked = await workerOfAccount(tx, accountId);
    const id = wanted.workerId !== undefined ? wanted.workerId : (linked?.id ?? null);
    if (id === null)
      throw new AppError('ACCOUNT_WORKER_INVALID', {
        detail: '网格员账号须对应网格员名册中的一条记录',
        detailEn: 'a grid-worker account names its roster record',
      });
    const w = await lockWorker(tx, scope.countyCode, id);
    if (!w || !w.active || w.grid_code !== scope.code)
      throw new AppError('ACCOUNT_WORKER_INVALID', {
        detail: '名册记录须在用且属于账号的网格',
        detailEn: 'the roster record must be active and in the account’s grid',
      });
    if (w.account_id !== null && w.account_id !== accountId) throw new AppError('WORKER_ALREADY_LINKED');
    await linkAccount(tx, scope.countyCode, w.id, accountId);
    workerId = w.id;
  } else {
    if (wanted.workerId != null)
      throw new AppError('ACCOUNT_WORKER_INVALID', {
        detail: '只有网格员账号对应名册记录',
        detailEn: 'only grid-worker accounts have a roster record',
      });
    await unlinkAccount(tx, accountId);
  }
  return { departmentId, workerId };
}
