import { sql } from 'kysely';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notify/index.js';
import type { EmergencyDeps } from './context.js';
import { recordHistory } from './repository.js';
import type { DeclareInput } from './schemas.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/**
 * 应急: a county or township declares an event over townships, villages or grids of its subtree.
 * In one transaction: the event, its area (one row per grid), a check for every household of the
 * area with a vulnerable member or tag (the template's care tags, one INSERT … SELECT), the step
 * log, the audit, and an alert to every grid worker and village staff member of the area (an inbox
 * row each, which is also their live event). Resent with the same clientRequestId it answers the first.
 */
export async function declareEvent(
  deps: EmergencyDeps,
  actor: Actor,
  input: DeclareInput,
  requestId?: string,
) {
  const now = deps.now();
  const cc = actor.countyCode;
  return createOnce({
    requestId: input.clientRequestId,
    find: (rid) =>
      deps.db
        .selectFrom('emergency_event')
        .select(['id', 'check_count'])
        .where('county_code', '=', cc)
        .where('declared_by', '=', actor.accountId)
        .where('client_request_id', '=', rid)
        .executeTakeFirst(),
    constraint: 'emergency_event_client_request_idx',
    replay: async (e) => {
      const g = await deps.db
        .selectFrom('emergency_area')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('county_code', '=', cc)
        .where('event_id', '=', e.id)
        .executeTakeFirstOrThrow();
      return { id: Number(e.id), grids: Number(g.n), checks: e.check_count, alerted: 0, replayed: true };
    },
    create: () =>
      deps.db.transaction().execute(async (tx) => {
        const t = await tx
          .selectFrom('emergency_template')
          .selectAll()
          .where('county_code', '=', cc)
          .where('key', '=', input.templateKey)
          .executeTakeFirst();
        if (!t) throw new AppError('EMERGENCY_TEMPLATE_NOT_FOUND');
        const codes = [...new Set(input.area)];
        const named = await tx
          .selectFrom('region')
          .select(['code', sql<string>`path::text`.as('path')])
          .where('code', 'in', codes)
          .where('county_code', '=', cc)
          .where('level', 'in', ['township', 'village', 'grid'])
          .where(sql<boolean>`path <@ ${actor.scopePath}::ltree`)
          .execute();
        if (named.length !== codes.length) throw new AppError('EMERGENCY_AREA_INVALID');
        const e = await tx
          .insertInto('emergency_event')
          .values({
            county_code: cc,
            kind: t.kind,
            template_key: t.key,
            title: input.title,
            region_code: actor.scopeCode,
            region_path: actor.scopePath,
            care_tags: t.care_tags,
            category_code: t.category_code,
            declared_by: actor.accountId,
            declared_at: now,
            client_request_id: input.clientRequestId ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const id = Number(e.id);
        const paths = named.map((n) => n.path);
        const area = await sql`INSERT INTO emergency_area (county_code, event_id, grid_code, grid_path)
          SELECT ${cc}, ${id}, g.code, g.path FROM region g
          WHERE g.level = 'grid' AND g.county_code = ${cc} AND g.path <@ ${paths}::ltree[]`.execute(tx);
        const grids = Number(area.numAffectedRows ?? 0);
        if (grids === 0) throw new AppError('EMERGENCY_AREA_INVALID');
        const checks =
          await sql`INSERT INTO emergency_check (county_code, event_id, household_id, grid_code, grid_path)
          SELECT x.county_code, ${id}, x.id, x.grid_code, x.grid_path
          FROM household x JOIN emergency_area a ON a.county_code = x.county_code AND a.event_id = ${id}
            AND a.grid_code = x.grid_code
          WHERE x.county_code = ${cc}
            AND x.id IN (SELECT p.household_id FROM resident p WHERE p.county_code = ${cc} AND p.status = 'present')
            AND (x.care_tags && ${t.care_tags}::text[] OR x.id IN (SELECT p.household_id FROM resident p
              WHERE p.county_code = ${cc} AND p.status = 'present' AND p.care_tags && ${t.care_tags}::text[]))`.execute(
            tx,
          );
        const checkCount = Number(checks.numAffectedRows ?? 0);
        await tx
          .updateTable('emergency_event')
          .set({ check_count: checkCount })
          .where('county_code', '=', cc)
          .where('id', '=', id)
          .execute();
        await recordHistory(tx, {
          countyCode: cc,
          eventId: id,
          at: now,
          action: 'declare',
          from: null,
          to: 'declared',
          actor,
          note: input.title,
        });
        await recordAudit(tx, {
          actor,
          countyCode: cc,
          action: 'emergency_event.declare',
          entityType: 'emergency_event',
          entityId: id,
          after: { state: 'declared', kind: t.kind, area: codes, grids, checks: checkCount },
          requestId,
        });
        const alerted = await areaWorkers(tx, cc, id);
        await notify(tx, {
          countyCode: cc,
          accountIds: alerted.filter((a) => a !== actor.accountId),
          about: { type: 'emergency', id },
          kind: 'emergency_declared',
          title: `【应急】${input.title}`,
          body: `${t.title}：请立即核查辖区内 ${checkCount} 户重点人员家庭的安全状况，一键上报。`,
          event: { state: 'declared' },
        });
        return { id, grids, checks: checkCount, alerted: alerted.length, replayed: false };
      }),
  });
}

/** The grid workers and village staff whose scope is in an event's area (its grids, or a village holding one). */
export async function areaWorkers(tx: Parameters<typeof notify>[0], countyCode: string, eventId: number) {
  const { rows } = await sql<{
    id: string;
  }>`SELECT DISTINCT u.id FROM account u JOIN region r ON r.code = u.scope_code
    JOIN emergency_area a ON a.county_code = u.county_code AND a.event_id = ${eventId}
      AND (a.grid_path <@ r.path OR r.path <@ a.grid_path)
    WHERE u.county_code = ${countyCode} AND NOT u.disabled AND u.role IN ('grid_worker', 'village_staff')`.execute(
    tx,
  );
  return rows.map((r) => Number(r.id));
}
