import { randomUUID } from 'node:crypto';
import { J1 } from '../../src/modules/demo/accounts.js';
import { hashKey } from '../../src/modules/open311/keys.js';
import type { Db } from '../../src/platform/db/database.js';
import { jpeg, multipart, pointInGrid } from '../fixtures.js';
import type { TestApp } from '../helpers.js';
import type { AuthKit } from './kit.js';

/** Where an object lies: inside every demo account's scope, or outside it (盘山县, or another township). */
export type Where = 'in' | 'out';

/** Ids of existing objects at one place, and factories for fresh ones (for calls that change them). */
export type Place = {
  county: string;
  township: string;
  village: string;
  grid: string;
  point: { lat: number; lng: number };
  householdId: number;
  /** a household of `grid` itself */
  gridHouseholdId: number;
  residentId: number;
  workerId: number;
  /** the grid's ltree path */
  gridPath: string;
  partyOrgId: number;
  partyMemberId: number;
  accountId: number;
  caseId: number;
  /** the case's number: its Open311 service_request_id */
  caseNumber: string;
  casePhotoId: string;
  visitId: number;
  visitPhotoId: string;
  goodsId: number;
  wishId: number;
  wishPhotoId: string;
  errandId: number;
  errandPhotoId: string;
  disclosureId: number;
  questionId: number;
  open311KeyId: number;
  open311Key: string;
  escalationRuleId: number;
  /** a department of the place's county (a bureau or a township office) */
  departmentId: number;
  /** users acting at this place: a resident, its grid worker, its village staff, a county centre */
  cast: { resident: string; worker: string; village: string; county: string };
};

export type Fixtures = { in: Place; out: Place; kit: AuthKit; fresh: Fresh } & Settings;

const first = async (q: Promise<{ id: number | string } | undefined>, what: string) => {
  const row = await q;
  if (!row) throw new Error(`fixtures: no ${what}`);
  return Number(row.id);
};

/**
 * The objects the matrix points at. "in": the first rural grid of 铁岭县 (the grid of the demo's
 * gridworker, parttime and resident, inside every demo account's scope). "out": 张家村 of 盘山县
 * (seed 004's J1), another county; objects 盘山县 has no demo data for (households, residents,
 * grid workers, party) are taken from another township of 铁岭县 instead, out of scope for the
 * township, village and grid accounts only.
 */
export async function buildFixtures(t: TestApp, kit: AuthKit): Promise<Fixtures> {
  const { db } = t;
  const scope = await db
    .selectFrom('account')
    .select('scope_code')
    .where('username', '=', 'gridworker')
    .executeTakeFirstOrThrow();
  const grid = scope.scope_code;
  const other = await db
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'grid')
    .where('county_code', '=', grid.slice(0, 6))
    .where('code', 'not like', `${grid.slice(0, 9)}%`)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const inPlace = await place(t, kit, grid, grid, {
    resident: 'resident',
    worker: 'gridworker',
    village: 'village',
    county: 'county',
  });
  const outPlace = await place(t, kit, J1.grid, other.code, {
    resident: 'zhangjia',
    worker: 'mengqian',
    village: 'zhangjia-village',
    county: 'panshan',
  });
  return { in: inPlace, out: outPlace, kit, fresh: freshFactories(t, kit), ...settings(t, kit) };
}

async function place(
  t: TestApp,
  kit: AuthKit,
  grid: string,
  peopleGrid: string,
  cast: Place['cast'],
): Promise<Place> {
  const { db } = t;
  const { must } = kit;
  const point = await pointInGrid(db, grid);
  const householdId = await first(
    db
      .selectFrom('household')
      .select('id')
      .where('grid_code', '=', peopleGrid)
      .orderBy('id')
      .executeTakeFirst(),
    `household in ${peopleGrid}`,
  );
  const residentId = await first(
    db
      .selectFrom('resident')
      .select('id')
      .where('household_id', '=', householdId)
      .orderBy('id')
      .executeTakeFirst(),
    'resident',
  );
  // `parttime`'s own record in 铁岭县 (points are awarded to part-time workers with an account);
  // in the other township, its first worker
  const workerId = await first(
    cast.resident === 'resident'
      ? db
          .selectFrom('grid_worker as w')
          .innerJoin('account as a', 'a.id', 'w.account_id')
          .select('w.id')
          .where('a.username', '=', 'parttime')
          .executeTakeFirst()
      : db
          .selectFrom('grid_worker')
          .select('id')
          .where('grid_code', '=', peopleGrid)
          .orderBy('id')
          .executeTakeFirst(),
    'grid worker',
  );
  const member = await db
    .selectFrom('party_member as m')
    .innerJoin('party_org as o', (j) =>
      j.onRef('o.id', '=', 'm.org_id').onRef('o.county_code', '=', 'm.county_code'),
    )
    .select(['m.id', 'o.id as orgId'])
    .where('o.region_code', 'like', `${peopleGrid.slice(0, 12)}%`)
    .orderBy('m.id')
    .executeTakeFirst();
  // a small demo may leave the village without members: enrol the place's resident in its branch
  const enrolled =
    member ??
    (await (async () => {
      const org = await db
        .selectFrom('party_org')
        .select(['id as orgId', 'county_code', 'region_path'])
        .where('region_code', 'like', `${peopleGrid.slice(0, 12)}%`)
        .orderBy('region_code', 'desc')
        .executeTakeFirstOrThrow();
      const row = await db
        .insertInto('party_member')
        .values({
          county_code: org.county_code,
          resident_id: residentId,
          org_id: org.orgId,
          region_path: org.region_path,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, orgId: org.orgId };
    })());
  const partyOrgId = Number(enrolled.orgId);
  const partyMemberId = Number(enrolled.id);
  // an account to edit: a fresh one in 铁岭县 (made by admin), 张家村's villager in 盘山县
  const accountId =
    cast.resident === 'resident'
      ? (
          await must<{ id: number }>(201, 'admin', 'POST', '/accounts', {
            username: `matrix-${randomUUID().slice(0, 8)}`,
            displayName: '矩阵账号',
            password: 'matrix-password-1',
            role: 'resident',
            scopeCode: grid,
          })
        ).id
      : await first(
          db.selectFrom('account').select('id').where('username', '=', cast.resident).executeTakeFirst(),
          'account',
        );
  const county = grid.slice(0, 6);

  // 盘山县's demo has territory but no population: give 张家村第1网格 one household
  const gridHousehold =
    (await db
      .selectFrom('household')
      .select('id')
      .where('grid_code', '=', grid)
      .orderBy('id')
      .executeTakeFirst()) ??
    (await db
      .insertInto('household')
      .values({
        county_code: county,
        grid_code: grid,
        grid_path: (
          await db.selectFrom('region').select('path').where('code', '=', grid).executeTakeFirstOrThrow()
        ).path,
        address: '张家村1组1号',
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  const gridHouseholdId = Number(gridHousehold.id);
  const casePhotoId = await uploadAs(t, kit, cast.resident);
  const kase = await must<{ id: number }>(201, cast.resident, 'POST', '/cases', {
    categoryCode: 'E0102',
    description: '路边暴露垃圾（授权矩阵）',
    ...point,
    photoIds: [casePhotoId],
  });

  const visitPhotoId = await uploadAs(t, kit, cast.worker);
  const visit = await must<{ id: number }>(201, cast.worker, 'POST', '/visits', {
    householdId: gridHouseholdId,
    visitedAt: new Date(Date.now() - 3600_000).toISOString(),
    kind: 'routine',
    outcome: 'all_well',
    photoIds: [visitPhotoId],
    clientRequestId: randomUUID(),
  });

  if (cast.resident === 'resident') {
    // points for `parttime` to exchange (a month of history may have been spent or expired)
    const parttime = await db
      .selectFrom('grid_worker as w')
      .innerJoin('account as a', 'a.id', 'w.account_id')
      .select('w.id')
      .where('a.username', '=', 'parttime')
      .executeTakeFirstOrThrow();
    await must(200, cast.village, 'POST', `/workers/${parttime.id}/points`, {
      delta: 500,
      reason: '授权矩阵测试积分',
    });
  }
  const goods = await must<{ id: number }>(201, cast.village, 'POST', '/goods', {
    regionCode: grid.slice(0, 12),
    name: '肥皂',
    pointsCost: 1,
    stock: 1000,
  });

  const wish = await must<{ id: number }>(201, cast.village, 'POST', '/wishes', {
    beneficiary: '王奶奶',
    beneficiaryKind: 'elderly_alone',
    householdId: gridHouseholdId,
    title: '想要一台收音机',
  });
  await must(200, cast.village, 'POST', `/wishes/${wish.id}/actions/publish`, {});
  await must(200, cast.county, 'POST', `/wishes/${wish.id}/actions/claim`, {
    claimerName: '县委组织部',
    claimerKind: 'party_org',
  });
  const wishPhotoId = await uploadAs(t, kit, cast.county);
  await must(200, cast.county, 'POST', `/wishes/${wish.id}/actions/fulfil`, {
    note: '已送到',
    photoIds: [wishPhotoId],
  });

  const errand = await must<{ id: number }>(201, cast.resident, 'POST', '/errands', {
    serviceCode: 'pay_power',
    detail: '帮忙交电费100元',
    contactPhone: '13812345678',
  });
  await must(200, cast.worker, 'POST', `/errands/${errand.id}/actions/accept`, {});
  const errandPhotoId = await uploadAs(t, kit, cast.worker);
  await must(200, cast.worker, 'POST', `/errands/${errand.id}/actions/done`, {
    note: '已交',
    photoIds: [errandPhotoId],
  });

  const disclosure = await must<{ id: number }>(201, cast.village, 'POST', '/disclosures', {
    kind: 'village',
    period: '2030-Q1',
    title: '村务公开（授权矩阵）',
    body: '本季度村务如下。',
  });
  await must(200, cast.village, 'POST', `/disclosures/${disclosure.id}/publish`, {});
  const question = await must<{ id: number }>(
    201,
    cast.resident,
    'POST',
    `/disclosures/${disclosure.id}/questions`,
    {
      question: '道路维修花了多少钱？',
    },
  );

  // an Open311 key of this county (as `POST /open311/keys` issues it; 盘山县 has no demo admin)
  const open311Key = `matrix-${randomUUID()}`;
  const key = await db
    .insertInto('open311_key')
    .values({ county_code: county, key_hash: hashKey(open311Key), label: 'authorisation matrix' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rule = await db
    .selectFrom('escalation_rule')
    .select('id')
    .where('county_code', '=', county)
    .orderBy('id')
    .executeTakeFirst();
  const departmentId = await first(
    db
      .selectFrom('department')
      .select('id')
      .where('county_code', '=', county)
      .orderBy('id')
      .executeTakeFirst(),
    `department of ${county}`,
  );
  return {
    county,
    township: grid.slice(0, 9),
    village: grid.slice(0, 12),
    grid,
    point,
    householdId,
    gridHouseholdId,
    residentId,
    workerId,
    gridPath: (
      await db.selectFrom('region').select('path').where('code', '=', grid).executeTakeFirstOrThrow()
    ).path,
    partyOrgId,
    partyMemberId,
    accountId,
    caseId: kase.id,
    caseNumber: (
      await db.selectFrom('cases').select('number').where('id', '=', kase.id).executeTakeFirstOrThrow()
    ).number,
    casePhotoId,
    visitId: visit.id,
    visitPhotoId,
    goodsId: goods.id,
    wishId: wish.id,
    wishPhotoId,
    errandId: errand.id,
    errandPhotoId,
    disclosureId: disclosure.id,
    questionId: question.id,
    open311KeyId: Number(key.id),
    open311Key,
    escalationRuleId: Number(rule?.id ?? 0),
    departmentId,
    cast,
  };
}

export async function uploadAs(t: TestApp, kit: AuthKit, username: string): Promise<string> {
  const m = multipart(await jpeg());
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/photos',
    headers: { ...(await kit.as(username)), 'content-type': m.contentType },
    payload: m.body,
  });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** Fresh objects for calls that change their object (so every role meets it in the same state). */
function freshFactories(t: TestApp, kit: AuthKit) {
  const { must } = kit;
  return {
    db: t.db as Db,
    async case(p: Place): Promise<number> {
      return (
        await must<{ id: number }>(201, p.cast.resident, 'POST', '/cases', {
          categoryCode: 'E0102',
          description: '路边暴露垃圾（授权矩阵）',
          ...p.point,
        })
      ).id;
    },
    async wish(p: Place, publish: boolean): Promise<number> {
      const w = await must<{ id: number }>(201, p.cast.village, 'POST', '/wishes', {
        beneficiary: '李爷爷',
        beneficiaryKind: 'elderly_alone',
        householdId: p.gridHouseholdId,
        title: '想要一副老花镜',
      });
      if (publish) await must(200, p.cast.village, 'POST', `/wishes/${w.id}/actions/publish`, {});
      return w.id;
    },
    async errand(p: Place): Promise<number> {
      return (
        await must<{ id: number }>(201, p.cast.resident, 'POST', '/errands', {
          serviceCode: 'pay_power',
          detail: '帮忙交电费50元',
          contactPhone: '13812345678',
        })
      ).id;
    },
    async disclosure(p: Place, publish: boolean): Promise<number> {
      const d = await must<{ id: number }>(201, p.cast.village, 'POST', '/disclosures', {
        kind: 'village',
        period: '2030-Q1',
        title: '村务公开（授权矩阵）',
        body: '本季度村务如下。',
      });
      if (publish) await must(200, p.cast.village, 'POST', `/disclosures/${d.id}/publish`, {});
      return d.id;
    },
    /** a requested exchange of the 铁岭县 goods by `parttime` (盘山县's demo has no part-time worker) */
    async redemption(p: Place): Promise<number> {
      return (
        await must<{ id: number }>(201, 'parttime', 'POST', '/redemptions', {
          goodsId: p.goodsId,
          clientRequestId: randomUUID(),
        })
      ).id;
    },
    async open311Key(): Promise<number> {
      return (await must<{ id: number }>(201, 'admin', 'POST', '/open311/keys', { label: '矩阵' })).id;
    },
    async question(p: Place): Promise<{ id: number; qid: number }> {
      const id = await this.disclosure(p, true);
      const q = await must<{ id: number }>(201, p.cast.resident, 'POST', `/disclosures/${id}/questions`, {
        question: '这笔钱花在哪里？',
      });
      return { id, qid: q.id };
    },
  };
}
export type Fresh = ReturnType<typeof freshFactories>;

/** A county setting as it is now, as the body of its PUT: an allowed PUT changes nothing. */
function settings(t: TestApp, kit: AuthKit) {
  const { must } = kit;
  return {
    async rule(id: number) {
      const r = await t.db.selectFrom('escalation_rule').selectAll().where('id', '=', id).executeTakeFirst();
      return {
        categoryCode: r?.category_code ?? null,
        urgency: r?.urgency ?? null,
        fromTier: r?.from_tier ?? 'village',
        toTier: r?.to_tier ?? 'township',
        cc: r?.cc ?? [],
        note: r?.note ?? null,
        active: r?.active ?? true,
      };
    },
    async calendar(year: number) {
      const c = await must<{ items: object[] }>(200, 'admin', 'GET', `/admin/calendar/${year}`);
      return { days: c.items };
    },
    async visitPolicy() {
      const c = await must<{ items: object[] }>(200, 'admin', 'GET', '/admin/visit-policy');
      return { items: c.items };
    },
    async pointsRule(code: string) {
      const c = await must<{
        items: { code: string; points: number; dailyCap: number | null; active: boolean }[];
      }>(200, 'admin', 'GET', '/admin/points-rules');
      const r = c.items.find((i) => i.code === code)!;
      return { points: r.points, dailyCap: r.dailyCap, active: r.active };
    },
    async serviceItem(code: string) {
      const c = await must<{ items: Record<string, unknown>[] }>(200, 'admin', 'GET', '/admin/service-items');
      const r = c.items.find((i) => i.code === code)!;
      const keys = [
        'kind',
        'nameZh',
        'nameEn',
        'guideZh',
        'guideEn',
        'materials',
        'handledAt',
        'promiseDays',
        'active',
        'sort',
      ];
      return Object.fromEntries(
        keys.filter((k) => r[k] !== undefined && r[k] !== null).map((k) => [k, r[k]]),
      );
    },
  };
}
type Settings = ReturnType<typeof settings>;
