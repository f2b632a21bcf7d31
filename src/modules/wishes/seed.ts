import type { Pii } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { pathOf } from '../regions/index.js';
import { nextWishNumber } from './repository.js';
import type { WishStatus } from './states.js';
import { yearOfWishes } from './seed-year.js';

/** Wishes need no per-county configuration: the review and claim rules are the workflow's. */
export async function seedWishConfig(_tx: Tx, _countyCode: string): Promise<void> {}

type Claim = {
  by: string;
  name: string;
  kind: 'party_org' | 'paired_unit' | 'deputy' | 'in_service_member' | 'cadre';
  note?: string;
};
type Spec = {
  status: WishStatus;
  /** the requester's demo username; a staff requester's wish belongs to a household of the grid */
  by: string;
  beneficiary: string;
  kind: 'elderly_alone' | 'left_behind_child' | 'sick' | 'disabled' | 'poverty' | 'other';
  title: string;
  detail: string;
  maxClaimers?: number;
  claims?: Claim[];
  reason?: string;
  fulfil?: string;
  thanks?: string;
};

const PARTY_BRANCH: Claim = { by: 'party', name: '县委组织部机关党支部', kind: 'party_org' };
const HOUSING: Claim = {
  by: 'department',
  name: '县住建局',
  kind: 'paired_unit',
  note: '局机关党员捐款购买',
};
const DEPUTY: Claim = { by: 'county', name: '县人大代表 王建国', kind: 'deputy' };

/** The first rural village of the county (the demo's 'village', 'gridworker' and 'resident'). */
const TIELING: Spec[] = [
  {
    status: 'submitted',
    by: 'resident',
    beneficiary: '王奶奶',
    kind: 'elderly_alone',
    title: '想要一台收音机',
    detail: '一个人在家，想听听评书和新闻。',
  },
  {
    status: 'submitted',
    by: 'gridworker',
    beneficiary: '李爷爷',
    kind: 'elderly_alone',
    title: '一床厚棉被过冬',
    detail: '走访时发现被子太薄。',
  },
  {
    status: 'published',
    by: 'gridworker',
    beneficiary: '小明',
    kind: 'left_behind_child',
    title: '一套课外书',
    detail: '父母在外打工，孩子喜欢读书。',
  },
  {
    status: 'published',
    by: 'village',
    beneficiary: '赵大娘',
    kind: 'disabled',
    title: '一辆轮椅',
    detail: '腿脚不便，出门困难，需要几家一起认领。',
    maxClaimers: 3,
    claims: [HOUSING],
  },
  {
    status: 'claimed',
    by: 'gridworker',
    beneficiary: '刘爷爷',
    kind: 'sick',
    title: '一副老花镜',
    detail: '看药盒上的字很吃力。',
    claims: [PARTY_BRANCH],
  },
  {
    status: 'fulfilled',
    by: 'resident',
    beneficiary: '小红',
    kind: 'left_behind_child',
    title: '一个新书包',
    detail: '旧书包破了。',
    claims: [DEPUTY],
    fulfil: '已把新书包和文具送到家里。',
  },
  {
    status: 'closed',
    by: 'gridworker',
    beneficiary: '孙奶奶',
    kind: 'elderly_alone',
    title: '修好漏雨的屋顶',
    detail: '下雨时屋里漏水。',
    maxClaimers: 2,
    claims: [PARTY_BRANCH, HOUSING],
    fulfil: '两家单位出人出料，屋顶已修好。',
    thanks: '谢谢党员同志们，下雨再也不怕了！',
  },
  {
    status: 'rejected',
    by: 'resident',
    beneficiary: '周大爷',
    kind: 'other',
    title: '想要一部新款手机',
    detail: '',
    reason: '超出微心愿范围，可申请其他帮扶。',
  },
  {
    status: 'withdrawn',
    by: 'resident',
    beneficiary: '王奶奶',
    kind: 'elderly_alone',
    title: '买一袋大米',
    detail: '儿子回来了，已经买了。',
  },
];

/** 盘山县太平街道张家村 (seed 004), where 孟倩 works. */
const ZHANGJIA: Spec[] = [
  {
    status: 'submitted',
    by: 'zhangjia',
    beneficiary: '张奶奶',
    kind: 'elderly_alone',
    title: '一个电暖气',
    detail: '冬天屋里冷。',
  },
  {
    status: 'published',
    by: 'mengqian',
    beneficiary: '小丽',
    kind: 'left_behind_child',
    title: '一盏护眼台灯',
    detail: '晚上写作业光线不好。',
  },
  {
    status: 'claimed',
    by: 'mengqian',
    beneficiary: '陈大爷',
    kind: 'sick',
    title: '一个血压计',
    detail: '需要每天量血压。',
    claims: [{ by: 'panshan', name: '盘山县委组织部机关党支部', kind: 'party_org' }],
  },
  {
    status: 'closed',
    by: 'zhangjia',
    beneficiary: '张爷爷',
    kind: 'disabled',
    title: '一副新拐杖',
    detail: '旧拐杖坏了。',
    claims: [{ by: 'taiping', name: '太平街道在职党员 李华', kind: 'in_service_member' }],
    fulfil: '新拐杖已送到。',
    thanks: '谢谢，走路稳当多了。',
  },
];

const DAY = 86_400_000;

/** The steps a wish in `status` went through, in order. */
function steps(s: Spec): Array<[string, WishStatus, WishStatus | null]> {
  const path: Array<[string, WishStatus, WishStatus | null]> = [['submit', 'submitted', null]];
  if (s.status === 'rejected') return [...path, ['reject', 'rejected', 'submitted']];
  if (s.status === 'withdrawn') return [...path, ['withdraw', 'withdrawn', 'submitted']];
  if (s.status === 'submitted') return path;
  path.push(['publish', 'published', 'submitted']);
  const claims = s.claims ?? [];
  claims.forEach((_, i) =>
    path.push(['claim', i + 1 >= (s.maxClaimers ?? 1) ? 'claimed' : 'published', 'published']),
  );
  if (s.status === 'fulfilled' || s.status === 'closed') path.push(['fulfil', 'fulfilled', 'claimed']);
  if (s.status === 'closed') path.push(['close', 'closed', 'fulfilled']);
  return path;
}

/**
 * Wishes in every state in the demo's first rural village of 铁岭县 and in
 * 张家村, with claims by the kinds of claimers the seed names, and timelines
 * dated over the last weeks.
 */
export async function seedWishDemo(tx: Tx, countyCode: string, _pii: Pii): Promise<void> {
  const accounts = await tx
    .selectFrom('account')
    .select(['id', 'username', 'display_name', 'role', 'scope_code', 'county_code'])
    .execute();
  const byName = new Map(accounts.map((a) => [a.username, a]));
  const worker = byName.get('gridworker');
  if (!worker || worker.county_code !== countyCode) return;
  // the year before the last weeks: three wishes a month, every step a few days after the one before
  const start = Date.now() - 365 * DAY;
  const YEAR = 33;
  const stepDays = 320 / (YEAR * 4.6); // ≈ steps per wish
  const specs = yearOfWishes((k) => new Date(start + (k * 320 * DAY) / YEAR).getUTCMonth() + 1, YEAR);
  await seedVillage(tx, byName, worker.scope_code, specs, { start, step: stepDays * DAY });
  await seedVillage(tx, byName, worker.scope_code, TIELING);
  // seed 004's 张家村: the grid of its grid worker 孟倩 (demo/accounts.ts, J1)
  const mengqian = byName.get('mengqian');
  if (mengqian) await seedVillage(tx, byName, mengqian.scope_code, ZHANGJIA);
}

type Acc = {
  id: number;
  username: string;
  display_name: string;
  role: string;
  scope_code: string;
  county_code: string;
};

async function seedVillage(
  tx: Tx,
  byName: Map<string, Acc>,
  gridCode: string,
  specs: Spec[],
  pace: { start: number; step: number } = { start: Date.now() - 40 * DAY, step: DAY / 3 },
): Promise<void> {
  const countyCode = gridCode.slice(0, 6);
  const households = await tx
    .selectFrom('household')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('grid_code', '=', gridCode)
    .orderBy('id')
    .limit(specs.length)
    .execute();
  let t = pace.start;
  for (const [i, s] of specs.entries()) {
    const requester = byName.get(s.by);
    if (!requester) continue;
    const staff = requester.role !== 'resident';
    const at = () => new Date((t += pace.step));
    const created = at();
    const flow = steps(s);
    const times = flow.map((_, k) => (k === 0 ? created : at()));
    const when = (action: string) => times[flow.findIndex((f) => f[0] === action)] ?? null;
    const { id } = await tx
      .insertInto('wish')
      .values({
        county_code: countyCode,
        number: await nextWishNumber(tx, created),
        grid_code: gridCode,
        grid_path: pathOf(gridCode),
        household_id: staff ? (households[i % Math.max(households.length, 1)]?.id ?? null) : null,
        beneficiary: s.beneficiary,
        beneficiary_kind: s.kind,
        title: s.title,
        detail: s.detail,
        source: staff ? 'staff' : 'resident',
        requester_account_id: requester.id,
        max_claimers: s.maxClaimers ?? 1,
        status: s.status,
        reject_reason: s.reason ?? null,
        fulfil_note: s.fulfil ?? null,
        thanks_note: s.thanks ?? null,
        created_at: created,
        published_at: when('publish'),
        claimed_at:
          s.status === 'published' ? null : (times.findLast((_, k) => flow[k]?.[1] === 'claimed') ?? null),
        fulfilled_at: when('fulfil'),
        closed_at: when('close'),
        updated_at: times.at(-1) ?? created,
        version: flow.length,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const zhangjia = byName.get('zhangjia-village');
    const reviewer = zhangjia?.county_code === countyCode ? zhangjia : byName.get('village');
    let claimNo = 0;
    for (const [k, [action, to, from]] of flow.entries()) {
      const claim = action === 'claim' ? s.claims?.[claimNo++] : undefined;
      const claimer = claim ? byName.get(claim.by) : undefined;
      const actor =
        action === 'claim'
          ? claimer
          : action === 'fulfil'
            ? byName.get(s.claims?.[0]?.by ?? '')
            : action === 'publish' || action === 'reject'
              ? reviewer
              : requester;
      if (claim && claimer) {
        await tx
          .insertInto('wish_claim')
          .values({
            county_code: countyCode,
            wish_id: id,
            claimer_account_id: claimer.id,
            claimer_name: claim.name,
            claimer_kind: claim.kind,
            note: claim.note ?? null,
            created_at: times[k] ?? created,
          })
          .execute();
      }
      const note =
        action === 'reject'
          ? s.reason
          : action === 'fulfil'
            ? s.fulfil
            : action === 'close'
              ? s.thanks
              : claim?.note;
      await tx
        .insertInto('service_history')
        .values({
          county_code: countyCode,
          entity_type: 'wish',
          entity_id: id,
          at: times[k] ?? created,
          action,
          from_status: from,
          to_status: to,
          actor_account_id: actor?.id ?? null,
          actor_name: claim?.name ?? actor?.display_name ?? null,
          note: note ?? null,
        })
        .execute();
    }
  }
}
