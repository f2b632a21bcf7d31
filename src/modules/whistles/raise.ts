import { createOnce } from '../../platform/db/idempotency.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { AppError } from '../../platform/errors.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { inScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notify/index.js';
import { claimPhotos } from '../photos/index.js';
import { can } from './abilities.js';
import type { WhistleDeps } from './context.js';
import * as repo from './repository.js';
import type { RaiseWhistleBody } from './schemas.js';
import { dueFrom } from './service.js';
import './errors.js'; // registers this module's codes (ADR 0005)

type Place = { code: string; path: string; enterpriseId: number | null; cadreId: number | null };

/**
 * Where the whistle is raised from. An enterprise's need: the enterprise's grid, by staff over it or
 * by its helping cadre (who then follows it up); otherwise the caller's own village or township.
 */
async function placeOf(deps: WhistleDeps, actor: Actor, enterpriseId: number | undefined): Promise<Place> {
  if (enterpriseId !== undefined) {
    const e = await deps.db
      .selectFrom('enterprise as e')
      .leftJoin('enterprise_helper as h', (j) =>
        j
          .onRef('h.county_code', '=', 'e.county_code')
          .onRef('h.enterprise_id', '=', 'e.id')
          .on('h.ended_on', 'is', null),
      )
      .leftJoin('cadre as c', (j) =>
        j.onRef('c.county_code', '=', 'h.county_code').onRef('c.id', '=', 'h.cadre_id'),
      )
      .select(['e.grid_code', 'e.grid_path', 'h.cadre_id', 'c.account_id'])
      .where('e.county_code', '=', actor.countyCode)
      .where('e.id', '=', enterpriseId)
      .orderBy('h.started_on', 'desc')
      .executeTakeFirst();
    if (!e) throw new AppError('WHISTLE_LINK_NOT_FOUND');
    const helper = e.account_id !== null && e.account_id === actor.accountId;
    if (!helper && !can(actor, 'whistles.raise')) throw new AppError('FORBIDDEN');
    if (!helper && !inScope(actor, e.grid_path)) throw new AppError('WHISTLE_LINK_NOT_FOUND');
    return { code: e.grid_code, path: e.grid_path, enterpriseId, cadreId: e.cadre_id };
  }
  if (actor.role !== 'village_staff' && actor.role !== 'township_centre')
    throw new AppError('WHISTLE_NOT_RAISER');
  return { code: actor.scopeCode, path: actor.scopePath, enterpriseId: null, cadreId: null };
}

/** A linked case or household must lie inside the raising place. */
async function checkLinks(deps: WhistleDeps, actor: Actor, path: string, b: RaiseWhistleBody) {
  if (b.caseId !== undefined) {
    const c = await deps.db
      .selectFrom('cases')
      .select('id')
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', b.caseId)
      .where(inSubtree('grid_path', path))
      .executeTakeFirst();
    if (!c) throw new AppError('WHISTLE_LINK_NOT_FOUND');
  }
  if (b.householdId !== undefined) {
    const h = await deps.db
      .selectFrom('household')
      .select('id')
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', b.householdId)
      .where(inSubtree('grid_path', path))
      .executeTakeFirst();
    if (!h) throw new AppError('WHISTLE_LINK_NOT_FOUND');
  }
}

/**
 * A village or township (or an enterprise's grid) blows the whistle to a county department: the
 * department's limit starts now on the county's working calendar; the department's staff are told;
 * step, audit and notice in one transaction. A retry with the same clientRequestId answers the same.
 */
export async function raiseWhistle(deps: WhistleDeps, actor: Actor, b: RaiseWhistleBody) {
  const place = await placeOf(deps, actor, b.enterpriseId);
  await checkLinks(deps, actor, place.path, b);
  const dept = await repo.countyDepartment(deps.db, actor.countyCode, b.departmentId);
  if (!dept) throw new AppError('WHISTLE_DEPARTMENT_NOT_FOUND');
  const now = deps.now();
  const urgent = b.urgent ?? false;
  return createOnce({
    requestId: b.clientRequestId,
    find: (rid) => repo.findByClientRequest(deps.db, actor.countyCode, actor.accountId, rid),
    constraint: 'whistle_client_request_idx',
    replay: ({ subject, ...earlier }) => {
      if (subject !== b.subject) throw new AppError('REQUEST_ID_REUSED');
      return { ...earlier, replayed: true };
    },
    create: () =>
      deps.db.transaction().execute(async (tx) => {
        const number = await repo.nextWhistleNumber(tx, now);
        const due = await dueFrom(deps, tx, actor.countyCode, dept.id, now, urgent);
        const row = await tx
          .insertInto('whistle')
          .values({
            county_code: actor.countyCode,
            number,
            kind: place.enterpriseId === null ? 'grassroots' : 'enterprise',
            subject: b.subject,
            description: b.description,
            urgent,
            region_code: place.code,
            region_path: place.path,
            raised_by: actor.accountId,
            department_id: dept.id,
            raised_at: now,
            received_at: now,
            due_at: due,
            case_id: b.caseId ?? null,
            household_id: b.householdId ?? null,
            enterprise_id: place.enterpriseId,
            follow_cadre_id: place.cadreId,
            client_request_id: b.clientRequestId ?? null,
            created_at: now,
            updated_at: now,
          })
          .returning(['id', 'number', 'state'])
          .executeTakeFirstOrThrow();
        const photos = await claimPhotos(
          tx,
          actor.countyCode,
          { column: 'whistle_id', id: row.id },
          b.photoIds ?? [],
          actor.accountId,
          'before',
        );
        await repo.recordWhistleStep(tx, {
          countyCode: actor.countyCode,
          whistleId: row.id,
          at: now,
          action: 'raise',
          from: null,
          to: 'raised',
          departmentId: dept.id,
          toDepartmentId: null,
          receivedAt: now,
          dueAt: due,
          actor,
          note: null,
        });
        await recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'whistle.raise',
          entityType: 'whistle',
          entityId: row.id,
          after: {
            state: 'raised',
            departmentId: dept.id,
            kind: place.enterpriseId === null ? 'grassroots' : 'enterprise',
            photos: photos.length,
          },
          requestId: b.clientRequestId,
        });
        await notify(tx, {
          countyCode: actor.countyCode,
          accountIds: (await repo.departmentStaff(tx, actor.countyCode, dept.id)).filter(
            (a) => a !== actor.accountId,
          ),
          kind: 'whistle.raised',
          about: { type: 'whistle', id: row.id },
          title: `基层吹哨 ${row.number}：${maskPiiText(b.subject)}`,
          event: { number: row.number, state: row.state },
        });
        return { ...row, dueAt: due.toISOString(), replayed: false };
      }),
  });
}
