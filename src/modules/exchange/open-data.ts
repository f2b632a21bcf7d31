import './errors.js';
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';

/** Counts below this are published as "<5" (no small group can be singled out). */
export const SUPPRESS_BELOW = 5 as const;
/** Months published, the current one included. */
const MONTHS = 12;

export type OpenDataRow = {
  month: string;
  townshipCode: string;
  townshipName: string;
  reported: number | '<5';
  closed: number | '<5';
};

const suppress = (n: number): number | '<5' => (n > 0 && n < SUPPRESS_BELOW ? '<5' : n);

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

/**
 * Anonymised aggregates of a county that publishes them (404 otherwise, as for a county that does
 * not exist): per township and month (Beijing time), the cases reported and the cases closed. Counts only — no case, person, place below a township or free text; a count of
 * 1 to 4 is shown as "<5".
 */
export async function openData(db: DbOrTx, countyCode: string, now: Date): Promise<OpenDataRow[]> {
  if (!(await readOpenDataSetting(db, countyCode)).openData) throw new AppError('OPEN_DATA_NOT_PUBLISHED');
  const { rows } = await sql<{
    month: string;
    township_code: string;
    township_name: string;
    reported: number;
    closed: number;
  }>`
    WITH months AS (
      SELECT to_char(m, 'YYYY-MM') AS month
      FROM generate_series(date_trunc('month', ${now}::timestamptz AT TIME ZONE 'Asia/Shanghai')
                             - make_interval(months => ${MONTHS - 1}),
                           date_trunc('month', ${now}::timestamptz AT TIME ZONE 'Asia/Shanghai'),
                           interval '1 month') AS m
    ),
    towns AS (
      SELECT code, name FROM region WHERE county_code = ${countyCode} AND level = 'township'
    ),
    reported AS (
      SELECT to_char(reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
             subltree(grid_path, 3, 4)::text AS township_code, count(*)::int AS n
      FROM cases WHERE county_code = ${countyCode}
        AND reported_at >= ${now}::timestamptz - make_interval(months => ${MONTHS + 1})
      GROUP BY 1, 2
    ),
    closed AS (
      SELECT to_char(closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
             subltree(grid_path, 3, 4)::text AS township_code, count(*)::int AS n
      FROM cases WHERE county_code = ${countyCode} AND closed_at IS NOT NULL
        AND closed_at >= ${now}::timestamptz - make_interval(months => ${MONTHS + 1})
      GROUP BY 1, 2
    )
    SELECT m.month, t.code AS township_code, t.name AS township_name,
           coalesce(r.n, 0) AS reported, coalesce(c.n, 0) AS closed
    FROM months m CROSS JOIN towns t
    LEFT JOIN reported r ON r.month = m.month AND r.township_code = t.code
    LEFT JOIN closed c ON c.month = m.month AND c.township_code = t.code
    ORDER BY m.month, t.code`.execute(db);
  return rows.map((r) => ({
    month: r.month,
    townshipCode: r.township_code,
    townshipName: r.township_name,
    reported: suppress(r.reported),
    closed: suppress(r.closed),
  }));
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** RFC 4180 CSV with a header row (UTF-8 with a BOM, so that Excel reads the township names). */
export function toCsv(rows: OpenDataRow[]): string {
  const head = ['month', 'townshipCode', 'townshipName', 'reported', 'closed'];
  const lines = rows.map((r) =>
    [r.month, r.townshipCode, r.townshipName, r.reported, r.closed].map(csvCell).join(','),
  );
  return `\uFEFF${[head.join(','), ...lines].join('\r\n')}\r\n`;
}
