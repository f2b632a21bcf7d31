import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { pathOf } from '../regions/index.js';
import './errors.js'; // registers this module's codes (ADR 0005)
import { periodOf, type Period } from './periods.js';
import { computeReport, countsOf } from './reports.js';
import { beijingDay } from './repository.js';

/** Regions of a level under the path, and the one above it (a grid worker's village, a village's township). */
const near = (path: string) => sql<boolean>`(r.path <@ ${path}::ltree OR r.path @> ${path}::ltree)`;

/**
 * The rhythm board for a scope and a date: every village's daily screening (filed, or missing —
 * flagged for the township above), every township's weekly report (issued, or missing — flagged
 * for the county) and the county's monthly report, and the weekly / monthly dispatch meeting
 * (周调度 / 月调度) of the same period — a missing one flagged the same way.
 */
export async function rhythmBoard(db: DbOrTx, actor: Actor, path: string, date: string) {
  const week = periodOf('week', date);
  const month = periodOf('month', date);
  const villages = await db
    .selectFrom('region as r')
    .innerJoin('region as t', 't.code', 'r.parent_code')
    .leftJoin('dispute_screening as s', (j) =>
      j
        .onRef('s.village_code', '=', 'r.code')
        .on('s.county_code', '=', actor.countyCode)
        .on('s.day', '=', date),
    )
    .select([
      'r.code',
      'r.name',
      't.code as township_code',
      't.name as township_name',
      's.found',
      's.nothing_found',
    ])
    .where('r.county_code', '=', actor.countyCode)
    .where('r.level', '=', 'village')
    .where(near(path))
    .orderBy('r.code')
    .execute();
  const reports = (period: 'week' | 'month', start: string, level: 'township' | 'county') =>
    db
      .selectFrom('region as r')
      .leftJoin('dispute_report as p', (j) =>
        j
          .onRef('p.region_code', '=', 'r.code')
          .on('p.county_code', '=', actor.countyCode)
          .on('p.period', '=', period)
          .on('p.period_start', '=', start),
      )
      .leftJoin('dispute_dispatch as m', (j) =>
        j
          .onRef('m.region_code', '=', 'r.code')
          .on('m.county_code', '=', actor.countyCode)
          .on('m.period', '=', period)
          .on('m.period_start', '=', start),
      )
      .select(['r.code', 'r.name', 'p.issued_at', 'm.held_on'])
      .where('r.county_code', '=', actor.countyCode)
      .where('r.level', '=', level)
      .where(near(path))
      .orderBy('r.code')
      .execute();
  const [townships, counties] = await Promise.all([
    reports('week', week.start, 'township'),
    reports('month', month.start, 'county'),
  ]);
  const missingIn = (t: string) => villages.filter((v) => v.township_code === t && v.found === null).length;
  return {
    date,
    weekStart: week.start,
    monthStart: month.start,
    villages: villages.map((v) => ({
      code: v.code,
      name: v.name,
      townshipCode: v.township_code,
      townshipName: v.township_name,
      reported: v.found !== null,
      found: v.found ?? 0,
      nothingFound: v.nothing_found ?? false,
    })),
    townships: townships.map((t) => ({
      code: t.code,
      name: t.name,
      weekReported: t.issued_at !== null,
      weekDispatched: t.held_on !== null,
      villagesMissing: missingIn(t.code),
    })),
    counties: counties.map((c) => ({
      code: c.code,
      name: c.name,
      monthReported: c.issued_at !== null,
      monthDispatched: c.held_on !== null,
    })),
  };
}

/**
 * 周报告 / 月报告: a township centre issues its township's weekly report, a county centre its
 * county's monthly one. The figures are computed at that moment and kept; nothing is typed.
 */
export async function issueReport(
  db: Db,
  now: Date,
  actor: Actor,
  period: Period,
  date?: string,
  requestId?: string,
) {
  const fits =
    (actor.role === 'township_centre' && period === 'week') ||
    (actor.role === 'county_centre' && period === 'month');
  if (!fits) throw new AppError('DISPUTE_PERIOD_INVALID');
  const day = date ?? beijingDay(now);
  const { start } = periodOf(period, day);
  return db.transaction().execute(async (tx) => {
    const report = await computeReport(tx, actor, actor.scopePath, period, day);
    const figures = countsOf(report);
    const row = await tx
      .insertInto('dispute_report')
      .values({
        county_code: actor.countyCode,
        region_code: actor.scopeCode,
        region_path: pathOf(actor.scopeCode),
        period,
        period_start: start,
        figures: JSON.stringify(figures),
        issued_by: actor.accountId,
        issued_at: now,
      })
      .onConflict((oc) => oc.columns(['county_code', 'region_code', 'period', 'period_start']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('DISPUTE_REPORT_EXISTS');
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'dispute.report_issued',
      entityType: 'dispute_report',
      entityId: row.id,
      before: null,
      after: { period, start, ...figures },
      requestId,
    });
    return { id: row.id, period, start, figures, issuedAt: now.toISOString() };
  });
}

/** The issued report of a region and period, if any. */
export async function issuedReport(
  db: DbOrTx,
  countyCode: string,
  regionCode: string,
  period: Period,
  start: string,
) {
  if (period === 'day') return null;
  return (
    (await db
      .selectFrom('dispute_report')
      .select(['issued_at', 'figures'])
      .where('county_code', '=', countyCode)
      .where('region_code', '=', regionCode)
      .where('period', '=', period)
      .where('period_start', '=', start)
      .executeTakeFirst()) ?? null
  );
}
