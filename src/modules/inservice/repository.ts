import { sql, type Expression, type SqlBool, expressionBuilder } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { inSubtree } from '../../platform/db/ltree.js';
import {
  likePattern,
  listPage,
  numberPattern,
  orderBySort,
  type SortOf,
} from '../../platform/lists/index.js';
import type { Actor } from '../accounts/index.js';

/**
 * Which registrations (aliased `m`) the caller sees inside `path`: members whose home is in it, and —
 * for a party organiser — also members whose employer unit's party organisation is in it (the unit
 * sees its members' hours, wherever they live). A member sees only their own. Always one county.
 */
export function visibleTo(actor: Actor, path: string): Expression<SqlBool> {
  const eb = expressionBuilder<DB & { m: DB['in_service_member'] }, 'm'>();
  const county = eb('m.county_code', '=', actor.countyCode);
  if (actor.role === 'in_service_member') return eb.and([county, eb('m.account_id', '=', actor.accountId)]);
  const home = inSubtree('m.home_path', path);
  if (actor.role !== 'party_organiser') return eb.and([county, home]);
  const employer = sql<SqlBool>`EXISTS (SELECT 1 FROM party_org o WHERE o.county_code = m.county_code
    AND o.id = m.employer_org_id AND o.region_path <@ ${path}::ltree)`;
  return eb.and([county, eb.or([home, employer])]);
}

export function selectRegistrations(db: DbOrTx) {
  return db
    .selectFrom('in_service_member as m')
    .innerJoin('account as a', 'a.id', 'm.account_id')
    .innerJoin('region as r', 'r.code', 'm.home_code')
    .leftJoin('party_org as o', (j) =>
      j.onRef('o.county_code', '=', 'm.county_code').onRef('o.id', '=', 'm.employer_org_id'),
    )
    .select([
      'm.id',
      'm.county_code',
      'm.account_id',
      'a.display_name as name',
      'm.phone_masked',
      'm.home_code',
      'm.home_path',
      'r.name as home_name',
      'm.employer_unit',
      'm.employer_org_id',
      'o.name as employer_org_name',
      'm.status',
      'm.reject_reason',
      'm.reviewed_at',
      'm.created_at',
      'm.version',
    ])
    .select([
      sql<string>`(SELECT coalesce(sum(h.hours), 0)::text FROM service_hours h WHERE h.county_code = m.county_code AND h.member_id = m.id)`.as(
        'hours',
      ),
      sql<number>`(SELECT count(*)::int FROM service_hours h WHERE h.county_code = m.county_code AND h.member_id = m.id)`.as(
        'wishes',
      ),
      sql<boolean>`EXISTS (SELECT 1 FROM in_service_member d WHERE d.county_code = m.county_code AND d.phone_hash = m.phone_hash AND d.id <> m.id AND d.status <> 'rejected')`.as(
        'duplicate_phone',
      ),
    ]);
}

/** Whether another registration with the same phone is already approved in the county. */
export async function phoneApprovedElsewhere(
  db: DbOrTx,
  m: { county_code: string; id: number; phone_hash: Buffer },
): Promise<boolean> {
  const r = await db
    .selectFrom('in_service_member')
    .select('id')
    .where('county_code', '=', m.county_code)
    .where('phone_hash', '=', m.phone_hash)
    .where('id', '<>', m.id)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return r !== undefined;
}
export type RegistrationRow = Awaited<
  ReturnType<ReturnType<typeof selectRegistrations>['executeTakeFirstOrThrow']>
>;

/** The columns the registration list sorts by (the whitelist of its `sort` query). */
export const REGISTRATION_SORT_KEYS = [
  'id',
  'createdAt',
  'name',
  'home',
  'employer',
  'status',
  'hours',
] as const;
export type RegistrationSortKey = (typeof REGISTRATION_SORT_KEYS)[number];
const SORT_COLUMNS: Record<RegistrationSortKey, Expression<unknown>> = {
  id: sql`m.id`,
  createdAt: sql`m.created_at`,
  name: sql`a.display_name`,
  home: sql`r.name`,
  employer: sql`coalesce(o.name, m.employer_unit)`,
  status: sql`m.status`,
  hours: sql`(SELECT coalesce(sum(h.hours), 0) FROM service_hours h WHERE h.county_code = m.county_code AND h.member_id = m.id)`,
};

export type RegistrationFilter = {
  status?: string;
  employerOrgId?: number;
  /** part of the registration's number (its id) */
  number?: string;
  /** words in the member's name, home, employer unit or its party organisation (never a phone) */
  q?: string;
  sort?: SortOf<RegistrationSortKey>;
};

/**
 * The registrations the caller sees inside `path` that match the filter, in the list's order (newest
 * first by default): the page, its total and the export are built from this one query.
 */
export function filteredRegistrations(db: DbOrTx, actor: Actor, path: string, f: RegistrationFilter) {
  let q = selectRegistrations(db).where(visibleTo(actor, path));
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.employerOrgId) q = q.where('m.employer_org_id', '=', f.employerOrgId);
  if (f.number) q = q.where(sql<string>`m.id::text`, 'like', numberPattern(f.number));
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('a.display_name', 'ilike', like),
        eb('r.name', 'ilike', like),
        eb('m.employer_unit', 'ilike', like),
        eb('o.name', 'ilike', like),
      ]),
    );
  }
  if (f.sort) return orderBySort(q, f.sort, SORT_COLUMNS, sql`m.id`);
  return q.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc');
}

export function listRegistrations(
  db: DbOrTx,
  actor: Actor,
  path: string,
  f: RegistrationFilter & { limit: number; offset: number },
) {
  const q = filteredRegistrations(db, actor, path, f);
  return listPage(q, q, f.limit, f.offset);
}

/** Hours and members per employer unit among the approved members the caller sees. */
export async function hoursByUnit(db: DbOrTx, actor: Actor, path: string, employerOrgId?: number) {
  return db
    .selectFrom('in_service_member as m')
    .leftJoin('service_hours as h', (j) =>
      j.onRef('h.county_code', '=', 'm.county_code').onRef('h.member_id', '=', 'm.id'),
    )
    .where(visibleTo(actor, path))
    .where('m.status', '=', 'approved')
    .$if(!!employerOrgId, (w) => w.where('m.employer_org_id', '=', employerOrgId!))
    .select([
      'm.employer_unit',
      'm.employer_org_id',
      sql<number>`count(DISTINCT m.id)::int`.as('members'),
      sql<string>`coalesce(sum(h.hours), 0)::text`.as('hours'),
    ])
    .groupBy(['m.employer_unit', 'm.employer_org_id'])
    .orderBy(sql`coalesce(sum(h.hours), 0)`, 'desc')
    .orderBy('m.employer_unit')
    .execute();
}

/** Locks a registration the caller sees (404 when out of sight). */
export async function lockVisible(tx: DbOrTx, actor: Actor, id: number) {
  return tx
    .selectFrom('in_service_member as m')
    .selectAll('m')
    .where(visibleTo(actor, actor.scopePath))
    .where('m.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function entriesOf(db: DbOrTx, countyCode: string, memberId: number) {
  return db
    .selectFrom('service_hours as h')
    .innerJoin('wish as w', (j) =>
      j.onRef('w.county_code', '=', 'h.county_code').onRef('w.id', '=', 'h.wish_id'),
    )
    .select([
      'h.wish_id',
      'w.number',
      'w.title',
      sql<string>`h.hours::text`.as('hours'),
      sql<string>`h.served_on::text`.as('served_on'),
    ])
    .where('h.county_code', '=', countyCode)
    .where('h.member_id', '=', memberId)
    .orderBy('h.served_on', 'desc')
    .orderBy('h.id', 'desc')
    .limit(200)
    .execute();
}
