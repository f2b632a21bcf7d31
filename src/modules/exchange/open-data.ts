import './errors.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { categoryFigures, reportFigures } from '../indicators/index.js';
import { pathOf } from '../regions/index.js';
import type { z } from 'zod';
import type { OpenDataJson } from './schemas.js';
import type { IndicatorSource } from '../../platform/indicators.js';

/** Counts below this are published as "<5" (no small group can be singled out). */
export const SUPPRESS_BELOW = 5 as const;
/** Months published, the current one included. */
const MONTHS = 12;

type Count = number | '<5';
/** One published row: the fields of the open data's JSON schema (schemas.ts). */
export type OpenDataRow = z.infer<typeof OpenDataJson>['items'][number];
type Row = Record<string, Count | number | string | null>;

/**
 * The published fields, each from the indicators module's catalogue (one computation with the
 * dashboard and the reports), with how it is published: a count ("<5" for 1–4), or a rate or
 * average withheld (null) where fewer than 5 cases were reported or closed in the township that
 * month. `group` fields are the cases reported per category group (the category code's letter).
 */
export const OPEN_DATA_FIELDS = {
  reported: { code: 'case.reported', kind: 'count' },
  closed: { code: 'case.closed', kind: 'count' },
  closureRate: { code: 'case.closure_rate', kind: 'rate' },
  onTimeClosureRate: { code: 'case.on_time_closure_rate', kind: 'rate' },
  avgHoursToClose: { code: 'case.avg_hours_close', kind: 'rate' },
  satisfactionRate: { code: 'case.satisfaction_rate', kind: 'rate' },
  reportedComponents: { code: 'case.reported', kind: 'group', letter: 'P' },
  reportedEvents: { code: 'case.reported', kind: 'group', letter: 'E' },
  reportedGovernance: { code: 'case.reported', kind: 'group', letter: 'G' },
  visitsMade: { code: 'visits.made', kind: 'count' },
  wishesFulfilled: { code: 'wishes.fulfilled', kind: 'count' },
  disputesSettled: { code: 'disputes.settled', kind: 'count' },
} as const satisfies Record<
  string,
  { code: string; kind: 'count' | 'rate' | 'group'; letter?: 'P' | 'E' | 'G' }
>;
export type OpenDataField = keyof typeof OPEN_DATA_FIELDS;
export const OPEN_DATA_COLUMNS = [
  'month',
  'townshipCode',
  'townshipName',
  ...(Object.keys(OPEN_DATA_FIELDS) as OpenDataField[]),
] as const;

const suppress = (n: number | null): Count => {
  const v = n ?? 0;
  return v > 0 && v < SUPPRESS_BELOW ? '<5' : v;
};

export async function readOpenDataSetting(db: DbOrTx, countyCode: string): Promise<{ openData: boolean }> {
  const r = await db
    .selectFrom('exchange_setting')
    .select('open_data')
    .where('county_code', '=', countyCode)
    .executeTakeFirst();
  return { openData: r?.open_data ?? false };
}

/** Publishes or withdraws the county's open data (administrator; audited). */
export async function writeOpenDataSetting(
  db: Db,
  actor: Actor,
  openData: boolean,
  now: Date,
  requestId?: string,
) {
  return db.transaction().execute(async (tx) => {
    const before = await readOpenDataSetting(tx, actor.countyCode);
    await tx
      .insertInto('exchange_setting')
      .values({ county_code: actor.countyCode, open_data: openData, updated_at: now })
      .onConflict((oc) => oc.column('county_code').doUpdateSet({ open_data: openData, updated_at: now }))
      .execute();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'exchange_setting.update',
      entityType: 'exchange_setting',
      entityId: actor.countyCode,
      before,
      after: { openData },
      requestId,
    });
    return { openData };
  });
}

/** The last MONTHS months (Beijing time), oldest first, as YYYY-MM. */
function monthsTo(now: Date): string[] {
  const d = new Date(now.getTime() + 8 * 3_600_000);
  const out: string[] = [];
  for (let i = MONTHS - 1; i >= 0; i--) {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1));
    out.push(m.toISOString().slice(0, 7));
  }
  return out;
}

/**
 * Anonymised aggregates of a county that publishes them (404 otherwise, as for a county that does
 * not exist): per township and month (Beijing time, the last 12) the fields of OPEN_DATA_FIELDS,
 * read through the indicators module's public entry. Counts and rates only — no case, person,
 * place below a township or free text; a count of 1 to 4 is shown as "<5", a rate or average of
 * fewer than 5 cases is withheld (null).
 */
export async function openData(
  deps: { db: Db; indicatorSources: readonly IndicatorSource[] },
  countyCode: string,
  now: Date,
  /** where the figures are computed (a read replica, docs/replica.md); the setting is read on `deps.db` */
  figuresDb: Db = deps.db,
): Promise<OpenDataRow[]> {
  // on the primary: a withdrawn publication stops at once, whatever a replica has replayed
  if (!(await readOpenDataSetting(deps.db, countyCode)).openData)
    throw new AppError('OPEN_DATA_NOT_PUBLISHED');
  // published figures are kept an hour per county and instance (as the answer's cache-control says)
  const hour = Math.floor(now.getTime() / 3_600_000);
  const kept = memo.get(countyCode);
  if (kept && kept.hour === hour) return kept.rows;
  const rows = await computeOpenData({ ...deps, db: figuresDb }, countyCode, now);
  memo.set(countyCode, { hour, rows });
  return rows;
}

const memo = new Map<string, { hour: number; rows: OpenDataRow[] }>();

async function computeOpenData(
  deps: { db: Db; indicatorSources: readonly IndicatorSource[] },
  countyCode: string,
  now: Date,
): Promise<OpenDataRow[]> {
  const towns = await deps.db
    .selectFrom('region')
    .select(['code', 'name', 'path'])
    .where('county_code', '=', countyCode)
    .where('level', '=', 'township')
    .orderBy('code')
    .execute();
  const county = { countyCode, code: countyCode, path: pathOf(countyCode) };
  const fig = { ...deps, now };
  const plain = Object.entries(OPEN_DATA_FIELDS).filter(([, f]) => f.kind !== 'group');
  const codes = [...new Set(plain.map(([, f]) => f.code))];
  const out: OpenDataRow[] = [];
  for (const month of monthsTo(now)) {
    const f = await reportFigures(fig, county, 'month', month, {
      codes: [],
      listCodes: [],
      regionCodes: codes,
      listLimit: 0,
    });
    const byTown = new Map(f.byRegion.map((r) => [r.code, r.values]));
    for (const t of towns) {
      const v = byTown.get(t.code) ?? {};
      const reported = v['case.reported'] ?? 0;
      const closed = v['case.closed'] ?? 0;
      const few = reported < SUPPRESS_BELOW || closed < SUPPRESS_BELOW;
      const row: Row = { month, townshipCode: t.code, townshipName: t.name };
      for (const [name, spec] of plain)
        row[name] = spec.kind === 'count' ? suppress(v[spec.code] ?? 0) : few ? null : (v[spec.code] ?? null);
      const byCategory = await categoryFigures(
        fig,
        { countyCode, code: t.code, path: t.path },
        'month',
        month,
        'case.reported',
      );
      for (const [name, spec] of Object.entries(OPEN_DATA_FIELDS))
        if (spec.kind === 'group')
          row[name] = suppress(
            byCategory.filter((c) => c.key.startsWith(spec.letter)).reduce((a, c) => a + (c.value ?? 0), 0),
          );
      out.push(row as OpenDataRow);
    }
  }
  return out;
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** RFC 4180 CSV with a header row (UTF-8 with a BOM, so that Excel reads the township names); a withheld value is empty. */
export function toCsv(rows: OpenDataRow[]): string {
  const lines = rows.map((r) => OPEN_DATA_COLUMNS.map((c) => csvCell((r as Row)[c] ?? '')).join(','));
  return `\uFEFF${[OPEN_DATA_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}
