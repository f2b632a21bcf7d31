import { expressionBuilder, sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { inSubtree } from '../../platform/db/ltree.js';
import type { Actor } from '../accounts/index.js';
import { OFFICE_LIMITS } from './limits.js';
import { SOLVED_STATES } from './states.js';

/** What the caller sees: petitions of their county whose place lies inside `path` (their scope or below). */
export function visibleTo(actor: Actor, path: string): Expression<SqlBool> {
  const eb = expressionBuilder<DB & { p: DB['petition'] }, 'p'>();
  return eb.and([eb('p.county_code', '=', actor.countyCode), inSubtree('p.region_path', path)]);
}

export const overdueAt = (now: Date) =>
  sql<boolean>`coalesce(p.due_at < ${now} AND p.due_kind IN (${sql.join(OFFICE_LIMITS)}), false)`;

/** The petitions with their place, receiver and window joined, nothing selected yet. */
export function joinedPetitions(db: DbOrTx) {
  return db
    .selectFrom('petition as p')
    .innerJoin('region as r', 'r.code', 'p.region_code')
    .innerJoin('account as a', 'a.id', 'p.receiver_account_id')
    .leftJoin('petition_window as w', (j) =>
      j.onRef('w.county_code', '=', 'p.county_code').onRef('w.id', '=', 'p.window_id'),
    );
}

/** The columns of a petition row (`p`, with `r`, `a`, `w` joined) and whether it is overdue at `now`. */
export function withPetitionColumns<Q extends ReturnType<typeof joinedPetitions>>(q: Q, now: Date) {
  return q
    .select([
      'p.county_code',
      'p.id',
      'p.number',
      'p.channel',
      'p.window_id',
      'w.unit_name as window_name',
      'a.display_name as receiver_name',
      'p.receiver_account_id',
      'p.region_code',
      'p.region_path',
      'r.name as region_name',
      'p.visitor_name_masked',
      'p.id_number_masked',
      'p.phone_masked',
      'p.group_visit',
      'p.headcount',
      'p.matter',
      'p.state',
      'p.referral',
      'p.case_id',
      'p.dispute_id',
      'p.answer',
      'p.received_at',
      'p.accepted_at',
      'p.extended_days',
      'p.answered_at',
      'p.due_at',
      'p.due_kind',
      'p.version',
    ])
    .select(overdueAt(now).as('overdue'));
}

function selectPetitions(db: DbOrTx, now: Date) {
  return withPetitionColumns(joinedPetitions(db), now);
}
export type PetitionRow = Awaited<ReturnType<ReturnType<typeof selectPetitions>['executeTakeFirstOrThrow']>>;

/** A Beijing date's start as an instant. */
export const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);
export const dayAfter = (d: string) => new Date(dayStart(d).getTime() + 86_400_000);

export async function findPetition(db: DbOrTx, actor: Actor, id: number, now: Date) {
  return selectPetitions(db, now)
    .where(visibleTo(actor, actor.scopePath))
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** Locks a petition the caller sees (FOR UPDATE, filtered in SQL): undefined when out of sight. */
export async function lockVisiblePetition(tx: DbOrTx, actor: Actor, id: number) {
  return tx
    .selectFrom('petition as p')
    .selectAll('p')
    .where(visibleTo(actor, actor.scopePath))
    .where('p.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function history(db: DbOrTx, countyCode: string, id: number) {
  return db
    .selectFrom('petition_history')
    .select(['at', 'action', 'from_state', 'to_state', 'actor_name', 'note'])
    .where('county_code', '=', countyCode)
    .where('petition_id', '=', id)
    .orderBy('id')
    .execute();
}

export async function recordStep(
  tx: DbOrTx,
  s: {
    countyCode: string;
    petitionId: number;
    at: Date;
    action: string;
    from: string | null;
    to: string;
    actor: { accountId: number; displayName: string } | null;
    note: string | null;
  },
): Promise<void> {
  await tx
    .insertInto('petition_history')
    .values({
      county_code: s.countyCode,
      petition_id: s.petitionId,
      at: s.at,
      action: s.action,
      from_state: s.from,
      to_state: s.to,
      actor_account_id: s.actor?.accountId ?? null,
      actor_name: s.actor?.displayName ?? null,
      note: s.note,
    })
    .execute();
}

/** 'XF' + the Beijing date + a sequence number: XF20240930000012. */
export async function nextPetitionNumber(tx: DbOrTx, at: Date): Promise<string> {
  const { rows } = await sql<{ n: string }>`SELECT nextval('petition_number_seq')::text AS n`.execute(tx);
  const day = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `XF${day}${(rows[0]?.n ?? '0').padStart(6, '0')}`;
}

export async function findByClientRequest(db: DbOrTx, countyCode: string, accountId: number, rid: string) {
  return db
    .selectFrom('petition')
    .select(['id', 'number', 'state', 'matter'])
    .where('county_code', '=', countyCode)
    .where('receiver_account_id', '=', accountId)
    .where('client_request_id', '=', rid)
    .executeTakeFirst();
}

/** Received, solved, handed on, open and overdue inside `path`, received in [from, to]. */
export async function petitionStats(
  db: DbOrTx,
  actor: Actor,
  path: string,
  f: { from?: string; to?: string },
  now: Date,
) {
  let q = db.selectFrom('petition as p').where(visibleTo(actor, path));
  if (f.from) q = q.where('p.received_at', '>=', dayStart(f.from));
  if (f.to) q = q.where('p.received_at', '<', dayAfter(f.to));
  const rows = await q
    .select([
      'p.state',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`sum(p.headcount)::int`.as('people'),
      sql<number>`count(*) FILTER (WHERE ${overdueAt(now)})::int`.as('overdue'),
    ])
    .groupBy('p.state')
    .execute();
  const byState: Record<string, number> = {};
  let registrations = 0;
  let visitors = 0;
  let solved = 0;
  let handedOn = 0;
  let overdue = 0;
  for (const r of rows) {
    byState[r.state] = r.n;
    registrations += r.n;
    visitors += r.people;
    overdue += r.overdue;
    if ((SOLVED_STATES as readonly string[]).includes(r.state)) solved += r.n;
    if (['to_case', 'to_dispute', 'referred'].includes(r.state)) handedOn += r.n;
  }
  const open =
    (byState.registered ?? 0) +
    (byState.accepted ?? 0) +
    (byState.review_requested ?? 0) +
    (byState.rereview_requested ?? 0);
  return { registrations, visitors, solved, handedOn, open, overdue, byState };
}
