import { sql } from 'kysely';
import { loadChinaHolidays } from '../../platform/calendar/china-calendar.js';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import type { Pii } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import { openDisputeInTx } from '../disputes/index.js';
import { pathOf } from '../regions/index.js';

/**
 * The demo's petitions turned into disputes (to_dispute, issue 10) get the dispute record the
 * step makes: opened by the centre's duty officer on the day of the decision, in the visitor's
 * village, the visitor as applicant, with the petition risk flagged; the petition points at it
 * and its step names it, as the workflow writes them.
 */
export async function linkDemoPetitionDisputes(tx: Tx, countyCode: string, pii: Pii): Promise<number> {
  const duty = await tx
    .selectFrom('account')
    .select(['id', 'username', 'display_name', 'role', 'scope_code'])
    .where('county_code', '=', countyCode)
    .where('username', '=', 'county')
    .executeTakeFirst();
  if (!duty) return 0;
  const actor: Actor = {
    accountId: Number(duty.id),
    username: duty.username,
    displayName: duty.display_name,
    role: duty.role as Actor['role'],
    scopeCode: duty.scope_code,
    scopePath: pathOf(duty.scope_code),
    countyCode,
    sessionId: 0,
  };
  const petitions = await tx
    .selectFrom('petition')
    .select(['id', 'matter', 'region_code', 'visitor_name_enc', 'decided_at', 'received_at'])
    .where('county_code', '=', countyCode)
    .where('state', '=', 'to_dispute')
    .where('dispute_id', 'is', null)
    .orderBy('id')
    .execute();
  const calendar = new WorkCalendar({ days: loadChinaHolidays().days });
  for (const p of petitions) {
    if (p.region_code.length !== 12) continue; // a dispute is opened in a village
    const at = p.decided_at ?? p.received_at;
    // the village's first grid (the visitor's own is not known)
    const grid = await tx
      .selectFrom('region')
      .select('code')
      .where('parent_code', '=', p.region_code)
      .where('level', '=', 'grid')
      .orderBy('code')
      .executeTakeFirst();
    if (!grid) continue;
    const made = await openDisputeInTx(
      tx,
      { pii, calendar: () => calendar },
      actor,
      {
        type: /土地|宅基地/.test(p.matter)
          ? 'land_homestead'
          : /赡养|婚|家庭/.test(p.matter)
            ? 'family'
            : /物业|供暖/.test(p.matter)
              ? 'property'
              : 'neighbour',
        summary: p.matter.slice(0, 1000),
        riskLevel: 'medium',
        riskSigns: ['petition_risk'],
        parties: [{ side: 'applicant', name: pii.decrypt(p.visitor_name_enc).slice(0, 40) }],
        gridCode: grid.code,
      },
      at,
      { village: p.region_code },
    );
    await tx
      .updateTable('petition')
      .set({ dispute_id: made.id })
      .where('county_code', '=', countyCode)
      .where('id', '=', p.id)
      .execute();
    await sql`UPDATE petition_history SET note = ${`矛盾纠纷 ${made.number}`}
      WHERE county_code = ${countyCode} AND petition_id = ${p.id} AND action = 'to_dispute'`.execute(tx);
  }
  return petitions.length;
}
