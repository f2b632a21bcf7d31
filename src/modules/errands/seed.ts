import { defaultChinaCalendar } from '../../platform/calendar/china-calendar.js';
import { maskPhone, type Pii } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { awardPoints } from '../points/index.js';
import { pathOf } from '../regions/index.js';
import { DEFAULT_SERVICE_ITEMS } from './catalogue.js';
import { nextErrandNumber } from './repository.js';
import { errandDueAt, recordErrandStep } from './service.js';
import type { ErrandStatus } from './states.js';

/** A county's default catalogue of service items; items already there are left as the county edited them. */
export async function seedErrandConfig(tx: Tx, countyCode: string): Promise<void> {
  await tx
    .insertInto('service_item')
    .values(
      DEFAULT_SERVICE_ITEMS.map((it, i) => ({
        county_code: countyCode,
        code: it.code,
        kind: it.kind,
        name_zh: it.nameZh,
        name_en: it.nameEn,
        guide_zh: it.guideZh,
        guide_en: it.guideEn,
        materials: it.materials,
        handled_at: it.handledAt,
        promise_days: it.promiseDays,
        sort: (i + 1) * 10,
      })),
    )
    .onConflict((oc) => oc.columns(['county_code', 'code']).doNothing())
    .execute();
}

type DemoErrand = {
  service: string;
  detail: string;
  status: ErrandStatus;
  by?: string;
  daysAgo: number;
  note?: string;
  rating?: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
};

/** A village's errands in every state: the cast is a villager, the grid's workers and the village staff. */
const VILLAGE_STORY = (worker: string, partTime: string | null, village: string): DemoErrand[] => [
  { service: 'pay_power', detail: '帮忙交一下这个月电费，100元', status: 'requested', daysAgo: 0 },
  {
    service: 'pension_certification',
    detail: '老伴腿脚不便，想请人上门做养老金认证',
    status: 'requested',
    daysAgo: 1,
  },
  {
    service: 'parcel_pickup',
    detail: '驿站有两个快递，取件码 3-2-1508、3-2-1509',
    status: 'accepted',
    by: partTime ?? worker,
    daysAgo: 0,
  },
  {
    service: 'power_restore',
    detail: '家里欠费停电了，想尽快补缴恢复用电',
    status: 'done',
    by: worker,
    daysAgo: 1,
    note: '已补缴欠费86元，供电所已恢复供电',
  },
  {
    service: 'buy_medicine',
    detail: '买两盒降压药（硝苯地平缓释片）',
    status: 'confirmed',
    by: partTime ?? worker,
    daysAgo: 6,
    note: '药已送到家',
    rating: 'satisfied',
  },
  {
    service: 'pay_water',
    detail: '代缴上半年水费',
    status: 'confirmed',
    by: worker,
    daysAgo: 12,
    note: '已缴清，凭证已交本人',
    rating: 'satisfied',
  },
  {
    service: 'medical_insurance',
    detail: '全家三口交明年的医保',
    status: 'confirmed',
    by: village,
    daysAgo: 20,
    note: '三人医保已缴费，可在手机上查询',
    rating: 'basically_satisfied',
  },
  {
    service: 'buy_goods',
    detail: '买一袋米一桶油',
    status: 'declined',
    by: village,
    daysAgo: 3,
    note: '村超市可送货上门，已把电话告诉您',
  },
  { service: 'pay_gas', detail: '燃气卡充值', status: 'cancelled', daysAgo: 2 },
];

/** What a villager asks the grid to do, month by month: heating gas in winter, medical insurance in autumn. */
const SEASON_SERVICES: Record<number, Array<[service: string, detail: string]>> = {
  0: [
    ['pay_gas', '燃气卡充值，准备过冬'],
    ['buy_medicine', '买感冒药和退烧药'],
  ],
  1: [
    ['pay_power', '交这个月的电费'],
    ['buy_goods', '买年货：米、面、油'],
  ],
  2: [
    ['pension_certification', '养老金资格认证'],
    ['pay_water', '代缴水费'],
  ],
  3: [
    ['parcel_pickup', '驿站取化肥种子的快递'],
    ['pay_power', '交电费'],
  ],
  4: [
    ['buy_medicine', '买两盒降压药'],
    ['parcel_pickup', '取两个快递'],
  ],
  5: [
    ['pay_water', '代缴上半年水费'],
    ['pay_power', '交电费'],
  ],
  6: [
    ['buy_medicine', '买藿香正气水'],
    ['parcel_pickup', '取一个快递'],
  ],
  7: [
    ['pay_power', '交电费，空调用得多'],
    ['pension_certification', '养老金资格认证'],
  ],
  8: [
    ['medical_insurance', '交明年的医保'],
    ['parcel_pickup', '孩子开学的书到了'],
  ],
  9: [
    ['medical_insurance', '全家交明年的医保'],
    ['pay_water', '代缴下半年水费'],
  ],
  10: [
    ['pay_gas', '燃气卡充值'],
    ['buy_medicine', '买治关节痛的膏药'],
  ],
  11: [
    ['pay_gas', '燃气卡充值，取暖用'],
    ['pay_power', '交电费'],
  ],
};

/**
 * The year before the story of the last weeks: about one errand a week from the villager, with
 * the season's services; most done and confirmed (a few ratings below satisfied), some declined or
 * cancelled. Deterministic (no random source): the week decides.
 */
function yearOfErrands(worker: string, partTime: string | null, village: string): DemoErrand[] {
  const out: DemoErrand[] = [];
  const today = new Date();
  for (let week = 52; week >= 4; week--) {
    const daysAgo = week * 7 - (week % 3);
    const month = new Date(today.getTime() - daysAgo * 86_400_000).getUTCMonth();
    const options = SEASON_SERVICES[month] ?? SEASON_SERVICES[0]!;
    const [service, detail] = options[week % options.length]!;
    const by = week % 4 === 0 ? village : week % 2 === 0 ? (partTime ?? worker) : worker;
    if (week % 17 === 5) out.push({ service, detail, status: 'cancelled', daysAgo });
    else if (week % 13 === 7)
      out.push({ service, detail, status: 'declined', by: village, daysAgo, note: '村里统一代办，已登记' });
    else
      out.push({
        service,
        detail,
        status: 'confirmed',
        by,
        daysAgo,
        note: '已办好，凭证已交本人',
        rating: week % 11 === 3 ? 'basically_satisfied' : week % 23 === 9 ? 'dissatisfied' : 'satisfied',
      });
  }
  return out;
}

const STEP_AFTER: Partial<
  Record<ErrandStatus, Array<{ action: string; to: ErrandStatus; from: ErrandStatus; hours: number }>>
> = {
  accepted: [{ action: 'accept', from: 'requested', to: 'accepted', hours: 1 }],
  done: [
    { action: 'accept', from: 'requested', to: 'accepted', hours: 1 },
    { action: 'done', from: 'accepted', to: 'done', hours: 5 },
  ],
  confirmed: [
    { action: 'accept', from: 'requested', to: 'accepted', hours: 1 },
    { action: 'done', from: 'accepted', to: 'done', hours: 5 },
    { action: 'confirm', from: 'done', to: 'confirmed', hours: 8 },
  ],
  declined: [{ action: 'decline', from: 'requested', to: 'declined', hours: 2 }],
  cancelled: [{ action: 'cancel', from: 'requested', to: 'cancelled', hours: 1 }],
};

/**
 * Demo errands in 铁岭县's first rural village and in 盘山县太平街道张家村 (seed 004),
 * whose accounts the demo always makes (whatever county it loads people for).
 */
export async function seedErrandDemo(tx: Tx, _countyCode: string, pii: Pii): Promise<void> {
  const accounts = await tx
    .selectFrom('account')
    .select(['id', 'username', 'display_name', 'scope_code', 'county_code'])
    .where('username', 'in', [
      'resident',
      'gridworker',
      'parttime',
      'village',
      'zhangjia',
      'mengqian',
      'zhangjia-village',
    ])
    .execute();
  const byName = new Map(accounts.map((a) => [a.username, a]));
  const casts = [
    {
      resident: 'resident',
      story: [
        ...yearOfErrands('gridworker', 'parttime', 'village'),
        ...VILLAGE_STORY('gridworker', 'parttime', 'village'),
      ],
      phone: '13904100001',
    },
    {
      resident: 'zhangjia',
      story: VILLAGE_STORY('mengqian', null, 'zhangjia-village'),
      phone: '13904270002',
    },
  ];
  const now = new Date();
  for (const cast of casts) {
    const requester = byName.get(cast.resident);
    if (!requester) continue;
    for (const d of cast.story) {
      const created = new Date(now.getTime() - d.daysAgo * 86_400_000 - 3 * 3600_000);
      await insertDemoErrand(tx, pii, {
        requester,
        assignee: d.by ? byName.get(d.by) : undefined,
        demo: d,
        created,
        phone: cast.phone,
      });
    }
  }
}

type DemoAccount = { id: number; display_name: string; scope_code: string; county_code: string };

async function insertDemoErrand(
  tx: Tx,
  pii: Pii,
  a: { requester: DemoAccount; assignee?: DemoAccount; demo: DemoErrand; created: Date; phone: string },
) {
  const { requester, assignee, demo: d, created } = a;
  const county = requester.county_code;
  const item = await tx
    .selectFrom('service_item')
    .select('promise_days')
    .where('county_code', '=', county)
    .where('code', '=', d.service)
    .executeTakeFirstOrThrow();
  const steps = STEP_AFTER[d.status] ?? [];
  const at = (hours: number) => new Date(created.getTime() + hours * 3600_000);
  const when = (action: string) => {
    const step = steps.find((s) => s.action === action);
    return step ? at(step.hours) : null;
  };
  const last = steps.at(-1);
  const row = await tx
    .insertInto('errand')
    .values({
      county_code: county,
      number: await nextErrandNumber(tx, created),
      grid_code: requester.scope_code,
      grid_path: pathOf(requester.scope_code),
      service_code: d.service,
      detail: d.detail,
      requester_account_id: requester.id,
      contact_name: requester.display_name,
      contact_phone_enc: pii.encrypt(a.phone),
      contact_phone_hash: pii.blindIndex('phone', a.phone),
      contact_phone_masked: maskPhone(a.phone),
      status: d.status,
      assignee_account_id: when('accept') ? (assignee?.id ?? null) : null,
      decline_reason: d.status === 'declined' ? (d.note ?? null) : null,
      result_note: when('done') ? (d.note ?? null) : null,
      rating: d.rating ?? null,
      due_at: errandDueAt(defaultChinaCalendar(), created, item.promise_days),
      created_at: created,
      accepted_at: when('accept'),
      done_at: when('done'),
      confirmed_at: when('confirm'),
      closed_at: when('decline') ?? when('cancel'),
      version: steps.length + 1,
      updated_at: last ? at(last.hours) : created,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const requesterActor = { accountId: requester.id, displayName: requester.display_name };
  const staffActor = assignee ? { accountId: assignee.id, displayName: assignee.display_name } : null;
  await recordErrandStep(tx, {
    countyCode: county,
    errandId: row.id,
    at: created,
    action: 'request',
    from: null,
    to: 'requested',
    actor: requesterActor,
    note: null,
  });
  for (const s of steps) {
    const byRequester = s.action === 'cancel' || s.action === 'confirm';
    const note = s.action === 'done' || s.action === 'decline' ? (d.note ?? null) : null;
    await recordErrandStep(tx, {
      countyCode: county,
      errandId: row.id,
      at: at(s.hours),
      action: s.action,
      from: s.from,
      to: s.to,
      actor: byRequester ? requesterActor : staffActor,
      note,
    });
    if (s.action === 'done' && assignee)
      await awardPoints(tx, {
        countyCode: county,
        workerAccountId: assignee.id,
        rule: 'errand_done',
        refType: 'errand',
        refId: row.id,
        at: at(s.hours),
      });
  }
}
