import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { pathOf } from '../regions/index.js';
import type { DispatchBody, DispatchQuery } from './dispatch-schemas.js';
import './errors.js'; // registers this module's codes (ADR 0005)
import { periodOf } from './periods.js';
import { beijingDay, findDispute, visible } from './repository.js';

/**
 * 周调度 / 月调度: a township centre records its township's weekly dispatch meeting, a county centre
 * its county's monthly one — the day, the chair, who attended and the disputes dispatched (each a
 * dispute the caller sees, with who is to handle it and what was decided). One meeting per region
 * and period (409 DISPUTE_DISPATCH_EXISTS); the audit row is written in the same transaction.
 */
export async function recordDispatch(
  db: Db,
  now: Date,
  actor: Actor,
  b: z.infer<typeof DispatchBody>,
  requestId?: string,
) {
  const fits =
    (actor.role === 'township_centre' && b.period === 'week') ||
    (actor.role === 'county_centre' && b.period === 'month');
  if (!fits) throw new AppError('DISPUTE_PERIOD_INVALID');
  if (b.heldOn > beijingDay(now)) throw new AppError('DISPUTE_DISPATCH_FUTURE');
  const { start } = periodOf(b.period, b.heldOn);
  return db.transaction().execute(async (tx) => {
    for (const item of b.items)
      if (!(await findDispute(tx, actor, item.disputeId))) throw new AppError('NOT_FOUND');
    const row = await tx
      .insertInto('dispute_dispatch')
      .values({
        county_code: actor.countyCode,
        region_code: actor.scopeCode,
        region_path: pathOf(actor.scopeCode),
        period: b.period,
        period_start: start,
        held_on: b.heldOn,
        chair: b.chair,
        attendees: b.attendees,
        notes: b.notes ?? '',
        recorded_by: actor.accountId,
        recorded_at: now,
      })
      .onConflict((oc) => oc.columns(['county_code', 'region_code', 'period', 'period_start']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('DISPUTE_DISPATCH_EXISTS');
    if (b.items.length)
      await tx
        .insertInto('dispute_dispatch_item')
        .values(
          b.items.map((i) => ({
            county_code: actor.countyCode,
            dispatch_id: row.id,
            dispute_id: i.disputeId,
            assignee: i.assignee ?? '',
            decision: i.decision,
            due_on: i.dueOn ?? null,
          })),
        )
        .execute();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'dispute.dispatch_recorded',
      entityType: 'dispute_dispatch',
      entityId: row.id,
      before: null,
      after: { period: b.period, start, heldOn: b.heldOn, disputes: b.items.map((i) => i.disputeId) },
      requestId,
    });
    return { id: row.id, period: b.period, start };
  });
}

const day = (d: Date | string | null) =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

/**
 * The dispatch meetings of the regions in `path` (newest first), each with the issued report of the
 * same period and the dispatched disputes the caller sees (department staff: theirs only).
 */
export async function listDispatches(
  db: DbOrTx,
  actor: Actor,
  path: string,
  q: z.infer<typeof DispatchQuery>,
) {
  let query = db
    .selectFrom('dispute_dispatch as m')
    .innerJoin('region as r', 'r.code', 'm.region_code')
    .leftJoin('dispute_report as p', (j) =>
      j
        .onRef('p.county_code', '=', 'm.county_code')
        .onRef('p.region_code', '=', 'm.region_code')
        .onRef('p.period', '=', 'm.period')
        .onRef('p.period_start', '=', 'm.period_start'),
    )
    .select([
      'm.id',
      'm.region_code',
      'r.name as region_name',
      'm.period',
      sql<string>`m.period_start::text`.as('start'),
      sql<string>`m.held_on::text`.as('held_on'),
      'm.chair',
      'm.attendees',
      'm.notes',
      'm.recorded_at',
      'p.issued_at',
    ])
    .where('m.county_code', '=', actor.countyCode)
    .where(sql<boolean>`m.region_path <@ ${path}::ltree`);
  if (q.period) query = query.where('m.period', '=', q.period);
  if (q.period && q.date) query = query.where('m.period_start', '=', periodOf(q.period, q.date).start);
  const meetings = await query.orderBy('m.held_on', 'desc').orderBy('m.id', 'desc').limit(q.limit).execute();
  const ids = meetings.map((m) => m.id);
  const items =
    ids.length === 0
      ? []
      : await db
          .selectFrom('dispute_dispatch_item as i')
          .innerJoin('dispute as d', (j) =>
            j.onRef('d.county_code', '=', 'i.county_code').onRef('d.id', '=', 'i.dispute_id'),
          )
          .select([
            'i.dispatch_id',
            'd.id',
            'd.number',
            'd.summary',
            'd.state',
            'd.tier',
            'i.assignee',
            'i.decision',
            sql<string | null>`i.due_on::text`.as('due_on'),
          ])
          .where('i.county_code', '=', actor.countyCode)
          .where('i.dispatch_id', 'in', ids)
          .where(visible(actor, actor.scopePath))
          .orderBy('d.id')
          .execute();
  return {
    items: meetings.map((m) => ({
      id: m.id,
      regionCode: m.region_code,
      regionName: m.region_name,
      period: m.period as 'week' | 'month',
      start: m.start,
      heldOn: m.held_on,
      chair: m.chair,
      attendees: maskPiiText(m.attendees),
      notes: maskPiiText(m.notes),
      recordedAt: new Date(m.recorded_at).toISOString(),
      reportIssuedAt: m.issued_at === null ? null : new Date(m.issued_at).toISOString(),
      items: items
        .filter((i) => i.dispatch_id === m.id)
        .map((i) => ({
          disputeId: i.id,
          number: i.number,
          summary: maskPiiText(i.summary),
          state: i.state,
          tier: i.tier,
          assignee: maskPiiText(i.assignee),
          decision: maskPiiText(i.decision),
          dueOn: day(i.due_on),
        })),
    })),
  };
}
