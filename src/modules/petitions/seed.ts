import { sql } from 'kysely';
import { maskIdNumber, maskPhone, type Pii } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { pathOf } from '../regions/index.js';
import { limitEnd } from './limits.js';
import { linkDemoPetitionDisputes } from './seed-dispute-link.js';
import { maskName } from './register.js';
import { GIVEN, MATTERS, SURNAMES, TIELING_WINDOWS } from './seed-data.js';
import type { PetitionState } from './states.js';

/**
 * Every county's centre receives visitors at least at two permanent windows: the governance centre
 * and the petition bureau (when the county has them). Windows already there stay as the county set them.
 */
export async function seedPetitionConfig(tx: Tx, countyCode: string): Promise<void> {
  await sql`
    INSERT INTO petition_window (county_code, unit_name, department_id, schedule, sort_order)
    SELECT d.county_code, d.name, d.id, 'permanent', row_number() OVER (ORDER BY d.code DESC)
    FROM department d
    WHERE d.county_code = ${countyCode} AND d.region_code = ${countyCode} AND d.active
      AND d.code IN ('county_governance_centre', 'county_petitions')
    ON CONFLICT (county_code, unit_name) DO NOTHING`.execute(tx);
}

const DAY = 86_400_000;

type Plan = { state: PetitionState; extended?: boolean; referral?: string };

/** 76 registrations: 64 solved (seed: "接待群众70多人，解决问题60多件"), the rest handed on or open. */
function plans(): Plan[] {
  const out: Plan[] = [];
  const add = (n: number, p: Plan) => {
    for (let i = 0; i < n; i++) out.push(p);
  };
  add(30, { state: 'on_spot' });
  add(26, { state: 'answered' });
  add(2, { state: 'answered', extended: true });
  add(4, { state: 'reviewed' });
  add(2, { state: 'rereviewed' });
  add(3, { state: 'referred', referral: 'litigation' });
  add(1, { state: 'referred', referral: 'arbitration' });
  add(2, { state: 'to_dispute' });
  add(3, { state: 'registered' });
  add(3, { state: 'accepted' });
  return out;
}

/** The steps that lead to a state: [action, to-state, days after receipt]. */
function stepsTo(p: Plan): Array<[string, PetitionState, number]> {
  const acc: Array<[string, PetitionState, number]> = [['accept', 'accepted', 5]];
  const ext: Array<[string, PetitionState, number]> = p.extended ? [['extend', 'accepted', 50]] : [];
  const ans: Array<[string, PetitionState, number]> = [['answer', 'answered', p.extended ? 70 : 30]];
  switch (p.state) {
    case 'on_spot':
      return [['answer_on_spot', 'on_spot', 0]];
    case 'answered':
      return [...acc, ...ext, ...ans];
    case 'reviewed':
      return [...acc, ...ans, ['request_review', 'review_requested', 40], ['decide_review', 'reviewed', 60]];
    case 'rereviewed':
      return [
        ...acc,
        ...ans,
        ['request_review', 'review_requested', 35],
        ['decide_review', 'reviewed', 50],
        ['request_rereview', 'rereview_requested', 55],
        ['decide_rereview', 'rereviewed', 70],
      ];
    case 'accepted':
      return acc;
    case 'registered':
      return [];
    default:
      return [[p.state === 'referred' ? 'refer' : 'to_dispute', p.state, 1]];
  }
}

/**
 * 铁岭县's petition supermarket since its opening about 75 days ago: the seed's windows, and 76
 * registrations (window visits and village agency), spread over the days, with their history. Older
 * matters are further along; the last ones are still open, so the deadline board has entries.
 */
export async function seedPetitionDemo(tx: Tx, countyCode: string, pii: Pii): Promise<void> {
  const depts = await tx
    .selectFrom('department')
    .select(['id', 'code', 'name'])
    .where('county_code', '=', countyCode)
    .where('region_code', '=', countyCode)
    .execute();
  const dept = new Map(depts.map((d) => [d.code, d]));
  await tx
    .insertInto('petition_window')
    .values(
      TIELING_WINDOWS.map((w, i) => ({
        county_code: countyCode,
        // a department's window carries the department's own name (the config seeded two of them)
        unit_name: (w.department && dept.get(w.department)?.name) || w.unit,
        department_id: (w.department && dept.get(w.department)?.id) || null,
        schedule: w.schedule,
        weekday: w.weekday ?? null,
        month_day: w.monthDay ?? null,
        sort_order: i + 1,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['county_code', 'unit_name'])
        .doUpdateSet((eb) => ({ sort_order: eb.ref('excluded.sort_order') })),
    )
    .execute();
  const accounts = await tx
    .selectFrom('account')
    .select(['id', 'username', 'display_name', 'scope_code'])
    .where('username', 'in', ['county', 'village'])
    .execute();
  const county = accounts.find((a) => a.username === 'county');
  const village = accounts.find((a) => a.username === 'village');
  if (!county || !village) return;
  // the centre's own staff sit at its window (宋卓 in the seed's story)
  const centre = dept.get('county_governance_centre');
  if (centre)
    await tx
      .updateTable('petition_window')
      .set({ staff_account_id: county.id })
      .where('county_code', '=', countyCode)
      .where('department_id', '=', centre.id)
      .execute();
  const villages = await tx
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'village')
    .where('county_code', '=', countyCode)
    .orderBy('code')
    .limit(40)
    .execute();
  const windows = await tx
    .selectFrom('petition_window')
    .select(['id', 'schedule'])
    .where('county_code', '=', countyCode)
    .where('schedule', '!=', 'on_call')
    .orderBy('sort_order')
    .execute();
  const now = Date.now();
  const all = plans();
  const rows = all.map((p, i) => {
    // the open ones are the newest; the rest spread back over 75 days
    const open = p.state === 'registered' || p.state === 'accepted';
    const daysAgo = open ? 2 + (i % 5) * 3 : 75 - Math.floor((i * 70) / all.length);
    const received = new Date(now - daysAgo * DAY - (i % 7) * 3_600_000);
    const agency = i % 6 === 5;
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`;
    const idNumber = `21122119${50 + (i % 40)}0${(i % 9) + 1}1${i % 9}${String(i).padStart(3, '0')}${i % 10}`;
    const phone = `139041${String(10000 + i).slice(-5)}`;
    const region = agency
      ? village.scope_code
      : (villages[i % Math.max(villages.length, 1)]?.code ?? countyCode);
    const group = i === 40; // one group visit of three: 78 people in all
    const steps = stepsTo(p);
    const at = (d: number) => new Date(received.getTime() + d * DAY);
    const last = steps.at(-1);
    const stepAt = (a: string) => steps.find((s) => s[0] === a);
    const due =
      p.state === 'registered'
        ? { due_at: limitEnd('decide', received), due_kind: 'decide' }
        : p.state === 'accepted'
          ? { due_at: limitEnd('finish', at(5)), due_kind: 'finish' }
          : { due_at: null, due_kind: null };
    return {
      row: {
        county_code: countyCode,
        number: `XF${new Date(received.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '')}${String(900000 + i)}`,
        channel: agency ? 'agency' : 'window',
        window_id: agency ? null : (windows[i % windows.length]?.id ?? null),
        receiver_account_id: agency ? village.id : county.id,
        region_code: region,
        region_path: pathOf(region),
        visitor_name_enc: pii.encrypt(name),
        visitor_name_masked: maskName(name),
        id_number_enc: pii.encrypt(idNumber),
        id_number_hash: pii.blindIndex('idNumber', idNumber),
        id_number_masked: maskIdNumber(idNumber),
        phone_enc: pii.encrypt(phone),
        phone_hash: pii.blindIndex('phone', phone),
        phone_masked: maskPhone(phone),
        group_visit: group,
        headcount: group ? 3 : 1,
        matter: MATTERS[i % MATTERS.length]!,
        state: p.state,
        referral: p.referral ?? null,
        answer: ['on_spot', 'answered', 'reviewed', 'rereviewed'].includes(p.state)
          ? '已依据政策答复并送达处理意见'
          : null,
        received_at: received,
        decided_at: steps[0] ? at(steps[0][2]) : null,
        accepted_at: stepAt('accept') ? at(5) : null,
        extended_days: p.extended ? 20 : null,
        extension_reason: p.extended ? '需多部门联合核查' : null,
        answered_at:
          stepAt('answer') || stepAt('answer_on_spot')
            ? at((stepAt('answer') ?? stepAt('answer_on_spot'))![2])
            : null,
        review_requested_at: stepAt('request_review') ? at(stepAt('request_review')![2]) : null,
        reviewed_at: stepAt('decide_review') ? at(stepAt('decide_review')![2]) : null,
        rereview_requested_at: stepAt('request_rereview') ? at(stepAt('request_rereview')![2]) : null,
        rereviewed_at: stepAt('decide_rereview') ? at(stepAt('decide_rereview')![2]) : null,
        ...due,
        version: steps.length + 1,
        created_at: received,
        updated_at: last ? at(last[2]) : received,
      },
      steps: [['register', 'registered', 0] as [string, PetitionState, number], ...steps].map(
        ([action, to], k, all2) => ({
          action,
          to,
          from: k === 0 ? null : all2[k - 1]![1],
          at: at(all2[k]![2]),
          actor: agency && k === 0 ? village : county,
        }),
      ),
    };
  });
  const made = await tx
    .insertInto('petition')
    .values(rows.map((r) => r.row))
    .returning(['id'])
    .execute();
  await tx
    .insertInto('petition_history')
    .values(
      rows.flatMap((r, i) =>
        r.steps.map((s) => ({
          county_code: countyCode,
          petition_id: made[i]!.id,
          at: s.at,
          action: s.action,
          from_state: s.from,
          to_state: s.to,
          actor_account_id: s.actor.id,
          actor_name: s.actor.display_name,
          note: null,
        })),
      ),
    )
    .execute();
  await linkDemoPetitionDisputes(tx, countyCode, pii);
}
