import { defaultChinaCalendar } from '../../platform/calendar/china-calendar.js';
import type { Pii } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { pathOf } from '../regions/index.js';
import { tierDeadline } from './relay.js';
import { nextErrandNumber } from './repository.js';
import { errandDueAt, recordErrandStep } from './service.js';
import type { ErrandStatus } from './states.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Leg = {
  action: 'forward' | 'return';
  to: ErrandStatus;
  from: ErrandStatus;
  daysAgo: number;
  by: 'village' | 'township' | 'county';
};

/**
 * 全程代办 items in flight in the demo village, each taken in at the proxy point as a walk-in for a
 * villager without a phone: one at the township convenience platform, one at the county approval
 * centre, one back at the village with its result, and one the township let run past its time
 * (marked overdue by the relay sweep's step, as `sweepErrandRelay` marks it).
 */
const STORIES: Array<{
  service: string;
  detail: string;
  daysAgo: number;
  legs: Leg[];
  result?: string;
  overdue?: boolean;
}> = [
  {
    service: 'disability_card',
    detail: '老人腿有残疾，申请办理残疾人证，材料已收齐',
    daysAgo: 2,
    legs: [{ action: 'forward', from: 'accepted', to: 'at_township', daysAgo: 1, by: 'village' }],
  },
  {
    service: 'minimum_living',
    detail: '家中无劳动力，申请城乡低保',
    daysAgo: 6,
    legs: [
      { action: 'forward', from: 'accepted', to: 'at_township', daysAgo: 5, by: 'village' },
      { action: 'forward', from: 'at_township', to: 'at_county', daysAgo: 3, by: 'township' },
    ],
  },
  {
    service: 'temporary_relief',
    detail: '家里失火，申请临时救助',
    daysAgo: 12,
    legs: [
      { action: 'forward', from: 'accepted', to: 'at_township', daysAgo: 11, by: 'village' },
      { action: 'return', from: 'at_township', to: 'returned', daysAgo: 0.1, by: 'township' },
    ],
    result: '临时救助金2000元已批准，将打入本人社保卡',
  },
  {
    service: 'newborn_registration',
    detail: '孙子出生一个月，代办新生儿落户',
    daysAgo: 16,
    legs: [{ action: 'forward', from: 'accepted', to: 'at_township', daysAgo: 15, by: 'village' }],
    overdue: true,
  },
];

/** Demo relay (全程代办) items of 铁岭县's demo village, walk-ins registered by its village staff. */
export async function seedRelayDemo(tx: Tx, countyCode: string, _pii: Pii): Promise<void> {
  const accounts = await tx
    .selectFrom('account')
    .select(['id', 'username', 'display_name', 'scope_code', 'county_code'])
    .where('username', 'in', ['village', 'township', 'county'])
    .execute();
  const byName = new Map(
    accounts.map((a) => [a.username, { accountId: a.id, displayName: a.display_name, ...a }]),
  );
  const village = byName.get('village');
  if (!village || village.county_code !== countyCode) return;
  const residents = await tx
    .selectFrom('resident')
    .select(['id', 'name', 'grid_code', 'grid_path'])
    .where('county_code', '=', countyCode)
    .where('status', '=', 'present')
    .where(inSubtree('grid_path', pathOf(village.scope_code)))
    .orderBy('id')
    .limit(STORIES.length)
    .execute();
  const items = new Map(
    (
      await tx
        .selectFrom('service_item')
        .select(['code', 'handled_at', 'promise_days'])
        .where('county_code', '=', countyCode)
        .execute()
    ).map((i) => [i.code, { handledAt: i.handled_at, promiseDays: i.promise_days }]),
  );
  const calendar = defaultChinaCalendar();
  const now = Date.now();
  for (const [k, s] of STORIES.entries()) {
    const resident = residents[k];
    const item = items.get(s.service);
    if (!resident || !item) continue;
    const created = new Date(now - s.daysAgo * DAY);
    const last = s.legs.at(-1);
    const status = last?.to ?? 'accepted';
    const since = last ? new Date(now - last.daysAgo * DAY) : created;
    const tier = tierDeadline(calendar, since, status, item);
    const overdueAt = s.overdue && tier ? new Date(tier.dueAt.getTime() + 5 * 60_000) : null;
    const row = await tx
      .insertInto('errand')
      .values({
        county_code: countyCode,
        number: await nextErrandNumber(tx, created),
        grid_code: resident.grid_code,
        grid_path: resident.grid_path,
        service_code: s.service,
        detail: s.detail,
        requester_account_id: village.id,
        contact_name: resident.name,
        status,
        assignee_account_id: village.id,
        accepted_at: created,
        on_behalf_resident_id: resident.id,
        result_note: s.result ?? null,
        tier: tier?.tier ?? null,
        tier_since: tier ? since : null,
        tier_due_at: tier?.dueAt ?? null,
        tier_overdue: !!overdueAt,
        due_at: errandDueAt(calendar, created, item.promiseDays),
        created_at: created,
        version: s.legs.length + 1 + (overdueAt ? 1 : 0),
        updated_at: overdueAt ?? since,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const base = { countyCode, errandId: row.id };
    await recordErrandStep(tx, {
      ...base,
      at: created,
      action: 'walk_in',
      from: null,
      to: 'accepted',
      actor: village,
      note: '代办点代为登记（无手机群众）',
    });
    for (const leg of s.legs)
      await recordErrandStep(tx, {
        ...base,
        at: new Date(now - leg.daysAgo * DAY),
        action: leg.action,
        from: leg.from,
        to: leg.to,
        actor: byName.get(leg.by) ?? null,
        note: leg.action === 'return' ? (s.result ?? null) : null,
      });
    if (overdueAt)
      await recordErrandStep(tx, {
        ...base,
        at: overdueAt,
        action: 'overdue',
        from: status,
        to: status,
        actor: null,
        note: '乡镇便民服务平台办理超时',
      });
  }
}
