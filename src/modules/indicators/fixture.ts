import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { pathOf } from '../regions/index.js';

/** A step of a hand-built case history (tests only): local time +08:00. */
export type Step = [at: string, action: string, from: string | null, to: string, onTime?: boolean | null];

/**
 * Writes a case and its history straight into the tables (tests): the rollup trigger sees the
 * same rows as it does from the workflow. `steps[0]` must be the report.
 */
export async function writeCase(
  db: Db,
  c: { county: string; grid: string; category: string; source?: string; evaluation?: string; steps: Step[] },
): Promise<number> {
  const reported = new Date(`${c.steps[0]![0]}+08:00`);
  const last = c.steps[c.steps.length - 1]!;
  // closed_at as the workflow keeps it: the last close (or merge) while the case stays closed, else null
  const ending = [...c.steps].reverse().find((s) => s[1] === 'close' || s[1] === 'merge');
  const closedAt = ['closed', 'merged'].includes(last[3]) && ending ? new Date(`${ending[0]}+08:00`) : null;
  const { rows } = await sql<{ id: number }>`
    INSERT INTO cases (county_code, number, source, category_code, state, tier, holder_code, description,
                       grid_code, grid_path, tier_entered_at, reported_at, evaluation, closed_at)
    VALUES (${c.county}, 'T' || nextval('case_number_seq'), ${c.source ?? 'patrol'}, ${c.category}, ${last[3]},
            'village', ${c.grid.slice(0, 12)}, 'test', ${c.grid}, ${pathOf(c.grid)}::ltree, ${reported},
            ${reported}, ${c.evaluation ?? null}, ${closedAt})
    RETURNING id`.execute(db);
  const id = Number(rows[0]!.id);
  // one statement per step, as the workflow writes them
  for (const [at, action, from, to, onTime] of c.steps)
    await sql`INSERT INTO case_history (county_code, case_id, at, action, from_state, to_state, tier, on_time)
      VALUES (${c.county}, ${id}, ${new Date(`${at}+08:00`)}, ${action}, ${from}, ${to}, 'village', ${onTime ?? null})`.execute(
      db,
    );
  return id;
}
