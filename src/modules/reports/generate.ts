import './errors.js';
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { caseSummaries } from '../cases/index.js';
import { reportFigures } from '../indicators/index.js';
import type { ReportsDeps } from './context.js';
import {
  LEVEL_OF,
  LIST_CODES,
  LIST_LIMIT,
  PERIOD_OF,
  REGION_CODES,
  REPORT_CODES,
  type Kind,
} from './spec.js';

export type Region = { countyCode: string; code: string; path: string; name: string; level: string };

/** A region by its code, only under `path` (the caller's subtree or the county): else 404. */
export async function regionUnder(
  db: DbOrTx,
  countyCode: string,
  path: string,
  code: string,
): Promise<Region> {
  const r = await db
    .selectFrom('region')
    .select(['county_code as countyCode', 'code', sql<string>`path::text`.as('path'), 'name', 'level'])
    .where('county_code', '=', countyCode)
    .where('code', '=', code)
    .where(sql<boolean>`path <@ ${path}::ltree`)
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  return { ...r, countyCode };
}

/**
 * The figures and lists of one report, computed now (through the indicators module: the same values
 * the dashboard shows), with each listed case's number, category, grid and state.
 */
export async function computeReport(deps: ReportsDeps, db: DbOrTx, kind: Kind, region: Region, at?: string) {
  if (region.level !== LEVEL_OF[kind]) throw new AppError('REPORT_KIND_LEVEL');
  const f = await reportFigures(
    { db: deps.db, indicatorSources: deps.indicatorSources, now: deps.now() },
    region,
    PERIOD_OF[kind],
    at,
    { codes: REPORT_CODES, listCodes: LIST_CODES, regionCodes: REGION_CODES, listLimit: LIST_LIMIT },
  );
  const ids = [...new Set(Object.values(f.lists).flatMap((l) => l.items.map((i) => i.id)))];
  const cases = await caseSummaries(db, region.countyCode, ids);
  const names = new Map(
    f.byRegion.length
      ? (
          await db
            .selectFrom('region')
            .select(['code', 'name'])
            .where(
              'code',
              'in',
              f.byRegion.map((r) => r.code),
            )
            .execute()
        ).map((r) => [r.code, r.name])
      : [],
  );
  const lists = Object.fromEntries(
    Object.entries(f.lists).map(([code, l]) => [
      code,
      {
        total: l.total,
        items: l.items.map((i) => ({ at: i.at, ...(cases.get(i.id) ?? { id: i.id, number: i.label }) })),
      },
    ]),
  );
  const figures = {
    values: f.values,
    byRegion: f.byRegion.map((r) => ({ ...r, name: names.get(r.code) ?? r.code })),
  };
  return { window: f.window, figures, lists };
}

/** Keeps a computed report; answers its id, or null when a scheduled one for the period exists already. */
export async function keep(
  tx: Tx,
  kind: Kind,
  region: Region,
  r: Awaited<ReturnType<typeof computeReport>>,
  by: number | null,
  now: Date,
): Promise<number | null> {
  const row = await tx
    .insertInto('case_report')
    .values({
      county_code: region.countyCode,
      kind,
      region_code: region.code,
      region_path: region.path,
      region_name: region.name,
      period_from: r.window.from,
      period_to: r.window.to,
      scheduled: by === null,
      figures: JSON.stringify(r.figures),
      lists: JSON.stringify(r.lists),
      generated_by: by,
      generated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['county_code', 'kind', 'region_code', 'period_from'])
        .where('scheduled', '=', true)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** A report made on demand by `actor` (who may: the route checked), kept and audited in one transaction. */
export async function generateReport(
  deps: ReportsDeps,
  actor: Actor,
  kind: Kind,
  region: Region,
  at: string | undefined,
  requestId: string,
) {
  const r = await computeReport(deps, deps.db, kind, region, at);
  return deps.db.transaction().execute(async (tx) => {
    const id = (await keep(tx, kind, region, r, actor.accountId, deps.now()))!;
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'case_report.generate',
      entityType: 'case_report',
      entityId: id,
      after: { kind, region: region.code, from: r.window.from, to: r.window.to },
      requestId,
    });
    return id;
  });
}
