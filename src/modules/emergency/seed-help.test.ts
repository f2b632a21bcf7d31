import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';

/**
 * The demo's summer flood carries requests for help: each "needs help" became one urgent case
 * (urgency emergency, the flood's category), closed in its history within hours, and the
 * household was evacuated after it — the summary counts them.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the demo flood’s requests for help', () => {
  it('became urgent cases, closed in their history, and the summary counts them', async () => {
    const { rows } = await sql<{
      event_id: string;
      case_id: string;
      urgency: string;
      state: string;
      category_code: string;
      asked_at: Date;
      closed_at: Date | null;
      deadline_ok: boolean;
      steps: string[];
      reports: string[];
      status: string;
    }>`SELECT h.event_id, h.case_id, c.urgency, c.state, c.category_code, h.asked_at, c.closed_at,
        c.reported_at = h.asked_at AND c.grid_code = h.grid_code AS deadline_ok,
        (SELECT array_agg(x.action ORDER BY x.at, x.id) FROM case_history x
          WHERE x.county_code = c.county_code AND x.case_id = c.id) AS steps,
        (SELECT array_agg(r.status ORDER BY r.reported_at) FROM emergency_report r
          WHERE r.county_code = h.county_code AND r.check_id = h.check_id) AS reports,
        k.status
      FROM emergency_help h
      JOIN cases c ON c.county_code = h.county_code AND c.id = h.case_id
      JOIN emergency_check k ON k.county_code = h.county_code AND k.id = h.check_id AND k.case_id = h.case_id
      JOIN emergency_event e ON e.county_code = h.county_code AND e.id = h.event_id AND e.state = 'closed'`.execute(
      t.db,
    );
    expect(rows.length, 'the demo flood has requests for help').toBeGreaterThan(0);
    for (const r of rows) {
      expect(r).toMatchObject({
        urgency: 'emergency',
        state: 'closed',
        category_code: 'G0205',
        status: 'evacuated',
      });
      expect(r.deadline_ok).toBe(true);
      expect(r.steps[0]).toBe('report');
      expect(r.steps.at(-1)).toBe('close');
      // closed within a day of the request
      expect(r.closed_at!.getTime() - r.asked_at.getTime()).toBeLessThan(86_400_000);
      expect(r.reports).toEqual(['needs_help', 'evacuated']);
    }
    const e = await t.db
      .selectFrom('emergency_event')
      .select(['summary'])
      .where('id', '=', Number(rows[0]!.event_id))
      .executeTakeFirstOrThrow();
    expect((e.summary as { helpGiven: number }).helpGiven).toBe(rows.length);
  });
});
