import { sql } from 'kysely';
import type { Pii } from '../../platform/crypto.js';
import { bulkInsert, reserveIds } from '../../platform/db/bulk.js';
import type { Tx } from '../../platform/db/database.js';
import { pathOf } from '../regions/index.js';
import { completeCreditCode } from './credit-code.js';

/** Enterprises need no per-county configuration. */
export async function seedEnterpriseConfig(_tx: Tx, _countyCode: string): Promise<void> {}

/** Seed 004 (岫岩): 11 cadres and party-building instructors sent to 30 enterprises, 115 helped. */
export const HELP_TARGETS = {
  cadres: 11,
  assigned: 30,
  helped: 115,
  enterprises: 130,
  socialOrgs: 30,
} as const;
const PANSHAN = '211122';

const PREFIX = [
  '辽北',
  '金穗',
  '鑫源',
  '宏达',
  '兴业',
  '丰禾',
  '龙腾',
  '华晟',
  '恒通',
  '瑞丰',
  '盛世',
  '嘉禾',
  '铁建',
  '绿野',
  '北方',
  '众诚',
];
const TRADE: [string, string][] = [
  ['农产品加工', '农副食品加工业'],
  ['粮油贸易', '批发和零售业'],
  ['机械制造', '通用设备制造业'],
  ['建材', '非金属矿物制品业'],
  ['物流', '交通运输业'],
  ['电子商务', '信息技术服务业'],
  ['农机服务', '农林牧渔服务业'],
  ['食品', '食品制造业'],
];
const SOCIAL = [
  '志愿者协会',
  '老年协会',
  '红白理事会服务中心',
  '乡村振兴促进会',
  '个体劳动者协会',
  '社会工作服务站',
];
const ORGANS = [
  '县委组织部',
  '县委两新工委',
  '县市场监督管理局',
  '县人力资源和社会保障局',
  '县交通运输局',
  '县工业和信息化局',
  '县商务局',
  '县财政局',
  '县税务局',
  '县发展和改革局',
  '县工商联',
];
const VISITS = [
  '走访了解生产经营情况，宣讲纾困政策',
  '上门对接用工需求',
  '陪同银行走访，了解融资需求',
  '指导企业党建工作，协助发展党员',
];
const PROBLEMS: [string, string | null][] = [
  ['流动资金紧张，申请贴息贷款', '对接县农商行，发放贷款300万元'],
  ['春季用工缺口20人', '推荐参加“助企纾困暖心护航”招聘会，招到18人'],
  ['原材料运输成本高', '对接网络货运平台，运输成本下降约一成'],
  ['厂区门前道路破损，大车进出困难', null],
  ['办理环评手续不清楚流程', '联系县生态环境分局上门指导，已办结'],
];

/**
 * 铁岭县's 两新 organisations on its grids with seed 004's 岫岩 figures (11 cadres sent to 30
 * enterprises, 115 helped), and a few in 盘山县. Enterprises covered by a party organisation are
 * linked to their grid's party group (a joint branch in practice).
 */
export async function seedEnterpriseDemo(tx: Tx, countyCode: string, _pii: Pii): Promise<void> {
  const grids = await tx
    .selectFrom('region')
    .select('code')
    .where('county_code', '=', countyCode)
    .where('level', '=', 'grid')
    .orderBy('code')
    .execute();
  if (grids.length === 0) return;
  // the first ten lie in the township of the demo's township account, so every demo account sees some
  const home = await tx
    .selectFrom('account')
    .select('scope_code')
    .where('username', '=', 'township')
    .executeTakeFirst();
  const homeGrids = grids.filter((g) => home && g.code.startsWith(home.scope_code));
  const total = HELP_TARGETS.enterprises + HELP_TARGETS.socialOrgs;
  const gridOf = (i: number) =>
    i < 10 && homeGrids.length > 0
      ? homeGrids[(i * 3) % homeGrids.length]!.code
      : grids[(i * 37) % grids.length]!.code;
  const ids = await insertEnterprises(tx, countyCode, total, gridOf);

  // the grid party group covers every third enterprise (a joint branch in practice)
  await sql`
    UPDATE enterprise e SET party_org_id = o.id
    FROM party_org o
    WHERE e.county_code = ${countyCode} AND e.id = ANY (${ids.filter((_, i) => i % 3 === 0)}::bigint[])
      AND o.county_code = e.county_code AND o.region_code = e.grid_code AND o.kind = 'grid_group'`.execute(
    tx,
  );

  // 11 cadres of county organs: assigned to 30 enterprises and their party-building instructors
  const cadreIds = await reserveIds(tx, 'cadre', HELP_TARGETS.cadres);
  const department = await tx
    .selectFrom('account')
    .select('id')
    .where('username', '=', 'department')
    .executeTakeFirst();
  await bulkInsert(
    tx,
    'cadre',
    [
      { name: 'county_code', type: 'text' },
      { name: 'id', type: 'bigint' },
      { name: 'region_code', type: 'text' },
      { name: 'region_path', type: 'text', expr: '$::ltree' },
      { name: 'name', type: 'text' },
      { name: 'gender', type: 'text' },
      { name: 'birth_year', type: 'int' },
      { name: 'education', type: 'text' },
      { name: 'unit', type: 'text' },
      { name: 'account_id', type: 'bigint' },
    ],
    cadreIds.map((id, i) => [
      countyCode,
      id,
      countyCode,
      pathOf(countyCode),
      `${'赵钱孙李周吴郑王冯陈褚'[i]}${['志刚', '丽华', '建军', '晓东', '海波', '春燕', '国强', '玉梅', '立军', '红岩', '振宇'][i]}`,
      i % 3 === 1 ? 'female' : 'male',
      1975 + ((i * 3) % 20),
      i % 2 ? 'bachelor' : 'postgraduate',
      ORGANS[i],
      i === 0 && department ? department.id : null,
    ]),
    { overridingSystemValue: true },
  );
  const year = new Date().getUTCFullYear();
  const assigned = ids.slice(0, HELP_TARGETS.assigned);
  await bulkInsert(
    tx,
    'enterprise_helper',
    [
      { name: 'county_code', type: 'text' },
      { name: 'enterprise_id', type: 'bigint' },
      { name: 'cadre_id', type: 'bigint' },
      { name: 'started_on', type: 'date' },
    ],
    assigned.map((e, i) => [countyCode, e, cadreIds[i % cadreIds.length], `${year - 1}-03-15`]),
  );
  await sql`
    UPDATE enterprise e SET instructor_id = h.cadre_id
    FROM enterprise_helper h
    WHERE h.county_code = ${countyCode} AND e.county_code = h.county_code AND e.id = h.enterprise_id`.execute(
    tx,
  );

  // the ledger: a visit to each of the 115 helped, problems raised at every second, most solved
  const today = new Date();
  const daysAgo = (d: number) => new Date(today.getTime() - d * 86400_000).toISOString().slice(0, 10);
  const rows: unknown[][] = [];
  ids.slice(0, HELP_TARGETS.helped).forEach((e, i) => {
    const cadre = cadreIds[i % cadreIds.length];
    rows.push([
      countyCode,
      e,
      cadre,
      'visit',
      daysAgo(20 + ((i * 13) % 170)),
      VISITS[i % VISITS.length],
      'recorded',
      null,
      null,
    ]);
    if (i % 2 === 0) {
      const [problem, solution] = PROBLEMS[(i / 2) % PROBLEMS.length]!;
      const on = 10 + ((i * 7) % 150);
      rows.push([
        countyCode,
        e,
        cadre,
        'problem',
        daysAgo(on),
        problem,
        solution ? 'solved' : 'open',
        solution,
        solution ? daysAgo(on - 8) : null,
      ]);
    }
  });
  await bulkInsert(
    tx,
    'enterprise_help',
    [
      { name: 'county_code', type: 'text' },
      { name: 'enterprise_id', type: 'bigint' },
      { name: 'cadre_id', type: 'bigint' },
      { name: 'kind', type: 'text' },
      { name: 'happened_on', type: 'date' },
      { name: 'note', type: 'text' },
      { name: 'state', type: 'text' },
      { name: 'solution', type: 'text' },
      { name: 'solved_on', type: 'date' },
    ],
    rows,
  );

  // 盘山县: a few, so that another county's enterprises exist (and stay out of 铁岭县's view)
  const panshan = await tx
    .selectFrom('region')
    .select('code')
    .where('county_code', '=', PANSHAN)
    .where('level', '=', 'grid')
    .orderBy('code')
    .limit(5)
    .execute();
  const inPanshan = await insertEnterprises(tx, PANSHAN, panshan.length, (i) => panshan[i]!.code);
  const panshanCadre = await tx
    .selectFrom('cadre')
    .select('id')
    .where('county_code', '=', PANSHAN)
    .orderBy('id')
    .executeTakeFirst();
  if (panshanCadre && inPanshan.length > 0)
    await bulkInsert(
      tx,
      'enterprise_help',
      [
        { name: 'county_code', type: 'text' },
        { name: 'enterprise_id', type: 'bigint' },
        { name: 'cadre_id', type: 'bigint' },
        { name: 'kind', type: 'text' },
        { name: 'happened_on', type: 'date' },
        { name: 'note', type: 'text' },
        { name: 'state', type: 'text' },
      ],
      [
        [PANSHAN, inPanshan[0], panshanCadre.id, 'visit', daysAgo(30), VISITS[0], 'recorded'],
        [PANSHAN, inPanshan[0], panshanCadre.id, 'problem', daysAgo(12), PROBLEMS[3]![0], 'open'],
      ],
    );
}

async function insertEnterprises(tx: Tx, county: string, n: number, gridOf: (i: number) => string) {
  const ids = await reserveIds(tx, 'enterprise', n);
  const villages = new Map(
    (
      await tx
        .selectFrom('region')
        .select(['code', 'name'])
        .where('county_code', '=', county)
        .where('level', '=', 'village')
        .execute()
    ).map((v) => [v.code, v.name.replace(/(村民委员会|居民委员会)$/, '')]),
  );
  const social = (i: number) => i >= HELP_TARGETS.enterprises;
  await bulkInsert(
    tx,
    'enterprise',
    [
      { name: 'county_code', type: 'text' },
      { name: 'id', type: 'bigint' },
      { name: 'grid_code', type: 'text' },
      { name: 'grid_path', type: 'text', expr: '$::ltree' },
      { name: 'kind', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'credit_code', type: 'text' },
      { name: 'address', type: 'text' },
      { name: 'size', type: 'text' },
      { name: 'sector', type: 'text' },
      { name: 'above_scale', type: 'boolean' },
    ],
    ids.map((id, i) => {
      const grid = gridOf(i);
      const [trade, sector] = TRADE[i % TRADE.length]!;
      const name = social(i)
        ? `${PREFIX[i % PREFIX.length]}${SOCIAL[i % SOCIAL.length]}`
        : `${PREFIX[i % PREFIX.length]}${trade}有限公司${i >= PREFIX.length ? `（${Math.floor(i / PREFIX.length)}）` : ''}`;
      // 91 = a company registered with market regulation; 52 = a social organisation with civil affairs
      const code = completeCreditCode(
        `${social(i) ? '52' : '91'}${county}${String(10_000_000 + i * 7919 + Number(county)).slice(-8)}`,
      );
      return [
        county,
        id,
        grid,
        pathOf(grid),
        social(i) ? 'social_org' : 'enterprise',
        name,
        code,
        `${villages.get(grid.slice(0, 12)) ?? ''}${1 + (i % 60)}号`,
        social(i)
          ? 'micro'
          : i < HELP_TARGETS.assigned
            ? i % 4 === 0
              ? 'medium'
              : 'small'
            : i % 3
              ? 'micro'
              : 'small',
        social(i) ? '社会组织' : sector,
        !social(i) && i < HELP_TARGETS.assigned,
      ];
    }),
    { overridingSystemValue: true },
  );
  return ids;
}
