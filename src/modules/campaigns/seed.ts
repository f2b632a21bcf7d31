import { sql } from 'kysely';
import type { Pii } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { pathOf } from '../regions/index.js';
import { beijingDate } from './launch.js';
import { targetsOf } from './rules.js';
import type { RuleInput } from './schemas.js';
import { TEMPLATES } from './templates.js';

const DAY = 86_400_000;

/** Every county starts with the recurring campaigns' templates; a county's own edits stay. */
export async function seedCampaignConfig(tx: Tx, countyCode: string): Promise<void> {
  await tx
    .insertInto('campaign_template')
    .values(
      TEMPLATES.map((t, i) => ({
        county_code: countyCode,
        key: t.key,
        title: t.title,
        description: t.description,
        rule: JSON.stringify(t.rule),
        checklist: JSON.stringify(t.checklist),
        days: t.days,
        sort_order: i,
      })),
    )
    .onConflict((oc) => oc.columns(['county_code', 'key']).doNothing())
    .execute();
}

async function accountId(tx: Tx, username: string) {
  return tx
    .selectFrom('account')
    .select(['id', 'scope_code'])
    .where('username', '=', username)
    .executeTakeFirst();
}

type Plan = {
  key: string;
  title: string;
  launcher: { id: number; scope_code: string };
  startsOn: string;
  endsOn: string;
  closedAt: Date | null;
  closeReason: string | null;
  /** the state of the n-th target (ordered by id), as SQL over `rn` and `h` (a hash 0–99) */
  stateSql: ReturnType<typeof sql>;
  /** limit the rule to these regions of the launcher's (keeps the demo fast) */
  regions?: string[];
  /** a county's part of a city's campaign: the county it covers and the city's campaign */
  city?: { county: string; campaignId: number };
};

async function seedOne(tx: Tx, countyCode: string, p: Plan) {
  const t = TEMPLATES.find((x) => x.key === p.key)!;
  const region = p.city?.county ?? p.launcher.scope_code;
  const path = pathOf(region);
  const made = await tx
    .insertInto('campaign')
    .values({
      county_code: countyCode,
      title: p.title,
      template_key: t.key,
      region_code: region,
      region_path: path,
      city_campaign_id: p.city?.campaignId ?? null,
      launched_by: p.launcher.id,
      rule: JSON.stringify({ ...t.rule, regions: p.regions ?? [] }),
      checklist: JSON.stringify(t.checklist),
      supervising: ['county', 'township', 'village'],
      starts_on: p.startsOn,
      ends_on: p.endsOn,
      state: p.closedAt ? 'closed' : 'running',
      close_reason: p.closeReason,
      closed_at: p.closedAt,
      closed_by: p.closedAt ? p.launcher.id : null,
      created_at: new Date(`${p.startsOn}T08:00:00+08:00`),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rule = { ...(t.rule as RuleInput), regions: p.regions ?? [] };
  const start = `${p.startsOn}T09:00:00+08:00`;
  // done over the campaign's days so far (whole hours, at least one day)
  const until = Math.min(Date.parse(`${p.endsOn}T00:00:00+08:00`), Date.now() - DAY);
  const spanHours = Math.max(24, Math.floor((until - Date.parse(start)) / 3_600_000));
  const answers = JSON.stringify(
    Object.fromEntries(t.checklist.fields.map((f) => [f.key, f.options?.[0] ?? true])),
  );
  // one statement: the rule's rows, numbered, each given its state; done ones their answers and day
  await sql`
    INSERT INTO campaign_target (county_code, campaign_id, household_id, resident_id, grid_code, grid_path,
      state, answers, na_reason, note, done_at, received_at)
    SELECT ${countyCode}, ${made.id}, s.household_id, s.resident_id, s.grid_code, s.grid_path, s.state,
      CASE WHEN s.state = 'done' THEN ${answers}::jsonb END,
      CASE WHEN s.state = 'not_applicable' THEN (ARRAY['deceased', 'in_hospital', 'moved_away'])[1 + s.rn % 3] END,
      CASE WHEN s.state = 'not_applicable' THEN '走访核实' END,
      CASE WHEN s.state IN ('done', 'not_applicable')
        THEN ${start}::timestamptz + make_interval(hours => ((s.rn * 7) % ${spanHours})::int) END,
      CASE WHEN s.state IN ('done', 'not_applicable')
        THEN ${start}::timestamptz + make_interval(hours => ((s.rn * 7) % ${spanHours})::int + 1) END
    FROM (
      SELECT x.*, ${p.stateSql} AS state
      FROM (SELECT x.*, row_number() OVER (ORDER BY x.household_id, x.resident_id) AS rn,
              ((x.household_id * 37) % 100)::int AS h
            FROM (${targetsOf(rule, { countyCode, path, asOf: p.startsOn }, (p.regions ?? []).map(pathOf))}) x) x
    ) s`.execute(tx);
  await sql`UPDATE campaign c SET target_count = n.total, missed_count = CASE WHEN c.state = 'closed' THEN n.missed END
    FROM (SELECT count(*)::int AS total, (count(*) FILTER (WHERE state = 'missed'))::int AS missed
          FROM campaign_target WHERE county_code = ${countyCode} AND campaign_id = ${made.id}) n
    WHERE c.county_code = ${countyCode} AND c.id = ${made.id}`.execute(tx);
  await tx
    .insertInto('campaign_history')
    .values([
      {
        county_code: countyCode,
        campaign_id: made.id,
        at: new Date(`${p.startsOn}T08:00:00+08:00`),
        action: 'launch',
        from_state: null,
        to_state: 'running',
        actor_account_id: p.launcher.id,
        note: p.title,
      },
      ...(p.closedAt
        ? [
            {
              county_code: countyCode,
              campaign_id: made.id,
              at: p.closedAt,
              action: 'close',
              from_state: 'running',
              to_state: 'closed',
              actor_account_id: p.launcher.id,
              note: p.closeReason,
            },
          ]
        : []),
    ])
    .execute();
}

/**
 * The demo county's campaigns (seed 004: 上级号召、全市响应 — pension certification of everyone 60+):
 * last summer's certification in the demo township (launched by the county), closed with three misses the launcher explained and a
 * few not applicable; and this winter's heating checks running now in the demo township, under half
 * done. Set-based: one INSERT … SELECT per campaign.
 */
export async function seedCampaignDemo(tx: Tx, countyCode: string, _pii: Pii): Promise<void> {
  const county = await accountId(tx, 'county');
  const township = await accountId(tx, 'township');
  if (!county || !township) return;
  const now = Date.now();
  const day = (d: number) => beijingDate(new Date(now + d * DAY));
  await seedOne(tx, countyCode, {
    key: 'pension_certification',
    title: `${day(-150).slice(0, 4)}年养老金领取资格认证`,
    launcher: { id: Number(county.id), scope_code: county.scope_code },
    startsOn: day(-150),
    endsOn: day(-120),
    closedAt: new Date(now - 119 * DAY),
    closeReason: '3人长期在外地子女处居住，已通知其通过手机人脸识别补认证',
    regions: [township.scope_code],
    stateSql: sql`CASE WHEN x.rn <= 3 THEN 'missed' WHEN x.rn <= 6 OR x.rn % 211 = 0 THEN 'not_applicable' ELSE 'done' END`,
  });
  await seedOne(tx, countyCode, {
    key: 'winter_heating',
    title: '冬季取暖安全检查',
    launcher: { id: Number(township.id), scope_code: township.scope_code },
    startsOn: day(-10),
    endsOn: day(20),
    closedAt: null,
    closeReason: null,
    stateSql: sql`CASE WHEN x.h < 42 THEN 'done' WHEN x.h = 99 THEN 'not_applicable' ELSE 'open' END`,
  });
  await seedCityCampaign(tx, countyCode, township.scope_code, day);
}

/**
 * The city's campaign (全市响应): 铁岭市 had the elderly vaccinated over its counties three months
 * ago. The demo's archive is 铁岭县's alone, so its part is the county's only one, limited to the demo
 * township to stay fast; closed by the city with two misses explained.
 */
async function seedCityCampaign(tx: Tx, countyCode: string, township: string, day: (d: number) => string) {
  const city = await accountId(tx, 'city');
  if (!city) return;
  const t = TEMPLATES.find((x) => x.key === 'elderly_vaccination')!;
  const closedAt = new Date(Date.now() - 59 * DAY);
  const reason = '2人在外地就医，已由所在地接种点补种并回传记录';
  const header = await tx
    .insertInto('city_campaign')
    .values({
      city_code: city.scope_code,
      title: '老年人新冠疫苗加强针接种随访',
      template_key: t.key,
      launched_by: city.id,
      rule: JSON.stringify({ ...t.rule, regions: [township] }),
      checklist: JSON.stringify(t.checklist),
      supervising: ['county', 'township', 'village'],
      starts_on: day(-90),
      ends_on: day(-60),
      state: 'closed',
      version: 2,
      close_reason: reason,
      closed_at: closedAt,
      closed_by: city.id,
      created_at: new Date(`${day(-90)}T08:00:00+08:00`),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await seedOne(tx, countyCode, {
    key: t.key,
    title: '老年人新冠疫苗加强针接种随访',
    launcher: { id: Number(city.id), scope_code: city.scope_code },
    city: { county: countyCode, campaignId: Number(header.id) },
    startsOn: day(-90),
    endsOn: day(-60),
    closedAt,
    closeReason: reason,
    regions: [township],
    stateSql: sql`CASE WHEN x.rn <= 2 THEN 'missed' WHEN x.rn % 97 = 0 THEN 'not_applicable' ELSE 'done' END`,
  });
}
