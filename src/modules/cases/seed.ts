import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { loadChinaHolidays } from '../../platform/calendar/china-calendar.js';
import { pathOf } from '../regions/index.js';
import { CountyCalendars } from './calendars.js';
import { loadCatalogue } from './catalogue.js';

/**
 * Reference data every deployment starts with: the category catalogue and
 * China's holiday calendar. Inserted when missing, never overwriting what
 * administrators changed. Runs at start, after the migrations.
 */
export async function ensureReferenceData(db: DbOrTx): Promise<void> {
  const cat = loadCatalogue();
  await db
    .insertInto('category')
    .values(
      cat.categories.map((c) => ({
        code: c.code,
        kind: c.kind,
        major_code: c.majorCode,
        major_name: c.majorName,
        major_name_en: c.majorNameEn,
        name: c.name,
        name_en: c.nameEn,
        keywords: c.keywords,
        filing_criteria: c.filingCriteria,
        closing_criteria: c.closingCriteria,
        departments: JSON.stringify(c.departments),
        deadlines: JSON.stringify(c.deadlines),
        attributes: JSON.stringify(c.attributes),
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const days = loadChinaHolidays().days;
  await db
    .insertInto('calendar_day')
    .values(days.map((d) => ({ day: d.date, kind: d.kind, name: d.name ?? null })))
    .onConflict((oc) => oc.column('day').doNothing())
    .execute();
}

/**
 * A county's own case configuration: its bureaus (named with the county's and its
 * city's name), the offices of every township (named with the township's name) and
 * the escalation rules, from the catalogue.
 */
export async function seedCountyCaseConfig(tx: DbOrTx, countyCode: string): Promise<void> {
  const cat = loadCatalogue();
  const county = await tx
    .selectFrom('region as c')
    .innerJoin('region as p', 'p.code', 'c.parent_code')
    .select(['c.code', 'c.name', 'p.name as city'])
    .where('c.code', '=', countyCode)
    .executeTakeFirstOrThrow();
  // every county's bodies carry its own name: {county}住房和城乡建设局 → 盘山县住房和城乡建设局
  const named = (name: string) => name.replaceAll('{county}', county.name).replaceAll('{city}', county.city);
  const townships = await tx
    .selectFrom('region')
    .select(['code', 'name'])
    .where('parent_code', '=', countyCode)
    .orderBy('code')
    .execute();
  const rows = [
    ...cat.departments.county.map((d) => ({
      ...d,
      tier: 'county',
      region: county.code,
      full: named(d.name),
    })),
    ...townships.flatMap((t) =>
      cat.departments.township.map((d) => ({
        ...d,
        tier: 'township',
        region: t.code,
        full: `${t.name}${d.name}`,
      })),
    ),
  ];
  await tx
    .insertInto('department')
    .values(
      rows.map((d) => ({
        county_code: countyCode,
        code: d.code,
        name: d.full,
        name_en: d.nameEn,
        tier: d.tier,
        region_code: d.region,
        region_path: pathOf(d.region),
      })),
    )
    .onConflict((oc) => oc.columns(['county_code', 'region_code', 'code']).doNothing())
    .execute();
  const existing = await tx
    .selectFrom('escalation_rule')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('county_code', '=', countyCode)
    .executeTakeFirstOrThrow();
  if (existing.n > 0) return;
  await tx
    .insertInto('escalation_rule')
    .values(
      cat.escalationRules.map((r) => ({
        county_code: countyCode,
        category_code: r.categoryCode,
        urgency: r.urgency,
        from_tier: r.fromTier,
        to_tier: r.toTier,
        cc: r.cc,
        note: r.note,
      })),
    )
    .execute();
}

/** The working calendars of every county, as configured in the database. */
export const loadCalendars = (db: Db): Promise<CountyCalendars> => CountyCalendars.load(db);
