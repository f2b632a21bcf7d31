import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { Deadlines } from './deadlines.js';

/** All SQL of a county's case settings: escalation rules, category deadlines, calendar overrides. */

export type RuleValues = {
  category_code: string | null;
  urgency: string | null;
  from_tier: string;
  to_tier: string;
  cc: string[];
  note: string | null;
  active: boolean;
};

export const listRules = (db: DbOrTx, countyCode: string) =>
  db.selectFrom('escalation_rule').selectAll().where('county_code', '=', countyCode).orderBy('id').execute();

export const insertRule = (tx: DbOrTx, countyCode: string, v: RuleValues) =>
  tx
    .insertInto('escalation_rule')
    .values({ county_code: countyCode, ...v })
    .returningAll()
    .executeTakeFirstOrThrow();

export const lockRule = (tx: DbOrTx, countyCode: string, id: number) =>
  tx
    .selectFrom('escalation_rule')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export const updateRule = (tx: DbOrTx, countyCode: string, id: number, v: RuleValues) =>
  tx
    .updateTable('escalation_rule')
    .set(v)
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/**
 * The deadlines in force for a category in a county: the county's own row, else the
 * national default of the catalogue. Undefined when the category does not exist.
 */
export async function deadlinesOf(
  db: DbOrTx,
  countyCode: string,
  categoryCode: string,
): Promise<{ deadlines: Deadlines; own: boolean } | undefined> {
  const row = await db
    .selectFrom('category as c')
    .leftJoin('category_deadline as d', (j) =>
      j.onRef('d.category_code', '=', 'c.code').on('d.county_code', '=', countyCode),
    )
    .select([
      sql<Deadlines>`coalesce(d.deadlines, c.deadlines)`.as('deadlines'),
      sql<boolean>`d.county_code IS NOT NULL`.as('own'),
    ])
    .where('c.code', '=', categoryCode)
    .executeTakeFirst();
  return row;
}

/** Locks the category row so concurrent deadline edits of one county serialise. */
export const lockCategory = (tx: DbOrTx, categoryCode: string) =>
  tx.selectFrom('category').select('code').where('code', '=', categoryCode).forUpdate().executeTakeFirst();

export async function upsertDeadlines(
  tx: DbOrTx,
  countyCode: string,
  categoryCode: string,
  deadlines: Deadlines,
  now: Date,
): Promise<void> {
  await tx
    .insertInto('category_deadline')
    .values({
      county_code: countyCode,
      category_code: categoryCode,
      deadlines: JSON.stringify(deadlines),
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['county_code', 'category_code']).doUpdateSet({
        deadlines: JSON.stringify(deadlines),
        updated_at: now,
      }),
    )
    .execute();
}

export type DayRow = { day: string; kind: string; name: string | null };

/** The national holidays and make-up days of a year. */
export const nationalDays = (db: DbOrTx, year: number): Promise<DayRow[]> =>
  db
    .selectFrom('calendar_day')
    .select(['day', 'kind', 'name'])
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();

/** A county's own overrides of a year. */
export const countyDays = (db: DbOrTx, countyCode: string, year: number): Promise<DayRow[]> =>
  db
    .selectFrom('county_calendar_day')
    .select(['day', 'kind', 'name'])
    .where('county_code', '=', countyCode)
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();

/** Replaces a county's overrides of a year. */
export async function replaceCountyDays(
  tx: DbOrTx,
  countyCode: string,
  year: number,
  days: DayRow[],
): Promise<number> {
  const gone = await tx
    .deleteFrom('county_calendar_day')
    .where('county_code', '=', countyCode)
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .executeTakeFirst();
  if (days.length)
    await tx
      .insertInto('county_calendar_day')
      .values(days.map((d) => ({ county_code: countyCode, ...d })))
      .execute();
  return Number(gone.numDeletedRows);
}

/** Every national day and every county override, for building the calendars in memory. */
export async function allCalendarDays(db: DbOrTx) {
  const [national, county] = await Promise.all([
    db.selectFrom('calendar_day').select(['day', 'kind', 'name']).orderBy('day').execute(),
    db
      .selectFrom('county_calendar_day')
      .select(['county_code', 'day', 'kind', 'name'])
      .orderBy('county_code')
      .orderBy('day')
      .execute(),
  ]);
  return { national, county };
}
