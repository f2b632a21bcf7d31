import { sql } from 'kysely';
import type { Pii } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { seedDisputeHistory } from './seed-history.js';

/**
 * A county's mediation centres: the county's 综治中心综合调解室 (video link to the villages) and
 * each township's 矛盾调处中心. Adds only what is missing.
 */
export async function seedDisputeConfig(tx: Tx, countyCode: string): Promise<void> {
  await sql`
    INSERT INTO mediation_place (county_code, region_code, region_path, kind, name, video, created_at)
    SELECT r.county_code, r.code, r.path,
           CASE r.level WHEN 'county' THEN 'county_centre' ELSE 'township_centre' END,
           CASE r.level WHEN 'county' THEN r.name || '综治中心综合调解室' ELSE r.name || '矛盾调处中心' END,
           r.level = 'county', now()
    FROM region r
    WHERE r.county_code = ${countyCode} AND r.level IN ('county', 'township')
    ON CONFLICT (county_code, region_code, name) DO NOTHING`.execute(tx);
}

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '建国秀英玉兰桂芝淑华凤霞立刚志强海燕丽娟春梅宝山长富文忠德成金凤翠兰永胜振华红梅玉珍';

/**
 * 铁岭县's mediators and places (老裴调解室 of 腰堡镇 with 裴立刚; each village's 评理说事点 with a
 * member of its 纠纷调解会), then months of daily screenings, disputes, steps, record sheets,
 * weekly and monthly reports and rewards (seed-history.ts), all set-based.
 */
export async function seedDisputeDemo(tx: Tx, countyCode: string, _pii?: Pii): Promise<void> {
  const name = (seed: string) =>
    sql<string>`substr(${SURNAMES}, 1 + abs(hashtext(${sql.raw(seed)} || 's')) % char_length(${SURNAMES}), 1)
      || substr(${GIVEN}, 1 + 2 * (abs(hashtext(${sql.raw(seed)} || 'g')) % (char_length(${GIVEN}) / 2)), 2)`;
  // mediators: a 纠纷调解会 member per village, the deputy director of each township centre, two county lawyers
  await sql`
    INSERT INTO mediator (county_code, region_code, region_path, name, source, title, created_at)
    SELECT r.county_code, r.code, r.path, ${name('r.code')},
           CASE r.level WHEN 'village' THEN 'team' ELSE 'staff' END,
           CASE r.level WHEN 'village' THEN '纠纷调解会成员' ELSE '矛盾调处中心副主任（党委副书记）' END,
           now() - interval '200 days'
    FROM region r WHERE r.county_code = ${countyCode} AND r.level IN ('township', 'village')
    UNION ALL
    SELECT ${countyCode}, c.code, c.path, v.n, 'lawyer', '县综治中心法律顾问', now() - interval '200 days'
    FROM region c, (VALUES ('孙法明'), ('刘静怡')) v(n) WHERE c.code = ${countyCode}`.execute(tx);
  // 老裴调解室 (腰堡镇, the seed's 裴立刚), working with the township's mediation centre
  const yaobao = await tx
    .selectFrom('region')
    .select(['code', 'path'])
    .where('county_code', '=', countyCode)
    .where('level', '=', 'township')
    .where('name', 'like', '腰堡%')
    .executeTakeFirst();
  if (yaobao) {
    const pei = await tx
      .insertInto('mediator')
      .values({
        county_code: countyCode,
        region_code: yaobao.code,
        region_path: yaobao.path,
        name: '裴立刚',
        source: 'retired_cadre',
        title: '老裴调解室调解员',
        created_at: new Date(Date.now() - 200 * 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('mediation_place')
      .values({
        county_code: countyCode,
        region_code: yaobao.code,
        region_path: yaobao.path,
        kind: 'room',
        name: '老裴调解室',
        address: '腰堡镇政府院内',
        mediator_id: pei.id,
        created_at: new Date(Date.now() - 200 * 86_400_000),
      })
      .execute();
  }
  // each village's 评理说事点 with its 纠纷调解会 member
  await sql`
    INSERT INTO mediation_place (county_code, region_code, region_path, kind, name, mediator_id, created_at)
    SELECT r.county_code, r.code, r.path, 'village_point', regexp_replace(regexp_replace(r.name, '村民委员会$', '村'), '居民委员会$', '社区') || '评理说事点',
           (SELECT m.id FROM mediator m WHERE m.county_code = r.county_code AND m.region_code = r.code ORDER BY m.id LIMIT 1),
           now() - interval '200 days'
    FROM region r WHERE r.county_code = ${countyCode} AND r.level = 'village'
    ON CONFLICT (county_code, region_code, name) DO NOTHING`.execute(tx);
  await seedDisputeHistory(tx, countyCode);
}
