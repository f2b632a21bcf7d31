import { sql } from 'kysely';
import { maskPhone, type Pii } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';

const DAY = 86_400_000;

/** The demo's in-service party members (在职党员) living in 铁岭县's demo village; the first is the journey's. */
const MEMBERS = [
  {
    username: 'inservice',
    name: '在职党员 王磊',
    unit: '铁岭县人民医院',
    phone: '13904100101',
    monthsAgo: 7,
  },
  {
    username: 'inservice2',
    name: '在职党员 刘芳',
    unit: '铁岭县第二中学',
    phone: '13904100102',
    monthsAgo: 5,
  },
  {
    username: 'inservice3',
    name: '在职党员 赵刚',
    unit: '国网铁岭县供电公司',
    phone: '13904100103',
    monthsAgo: 3,
  },
] as const;

/** What neighbours asked for and how the member did it, in turn. */
const WISHES: Array<[title: string, kind: string, beneficiary: string, fulfil: string, hours: number]> = [
  ['陪老人去县医院复查', 'elderly_alone', '独居的李奶奶', '陪同挂号、检查、取药，送回家中', 4],
  ['辅导孩子数学作业', 'left_behind_child', '留守儿童小宇', '周末辅导两次，讲完了分数这一单元', 3],
  ['修一修漏水的水龙头', 'elderly_alone', '独居的张大爷', '换了新阀芯，不再漏水', 1.5],
  ['帮忙打扫院子、劈柴过冬', 'disabled', '腿脚不便的王叔', '院子清扫干净，柴火码好', 5],
  ['教老人用手机视频通话', 'elderly_alone', '独居的赵奶奶', '教会了和外地的儿子视频', 2],
  ['送一次降压药并量血压', 'sick', '患高血压的孙大娘', '药已送到，血压正常，已记下', 1],
];

/**
 * 在职党员报到 in the demo: three in-service party members registered with 铁岭县's demo village
 * over the past months (approved by its staff), their own accounts (the demo password, as the
 * other demo accounts), and, every two weeks or so since they registered, a neighbour's wish near
 * home that they claimed and fulfilled, with the hours recorded (`service_hours`), as the wish
 * workflow's fulfil step records them. Runs after the other seeds: its accounts come last.
 */
export async function seedInServiceDemo(tx: Tx, countyCode: string, pii: Pii): Promise<void> {
  const accounts = await tx
    .selectFrom('account')
    .select(['id', 'username', 'display_name', 'scope_code', 'county_code', 'password_hash'])
    .where('username', 'in', ['village', 'gridworker', 'resident'])
    .execute();
  const byName = new Map(accounts.map((a) => [a.username, a]));
  const village = byName.get('village');
  const worker = byName.get('gridworker');
  const resident = byName.get('resident');
  if (!village || !worker || !resident || village.county_code !== countyCode) return;
  const home = await tx
    .selectFrom('region')
    .select(['code', 'path'])
    .where('code', '=', village.scope_code)
    .executeTakeFirstOrThrow();
  const grids = await tx
    .selectFrom('region')
    .select(['code', 'path'])
    .where(inSubtree('path', home.path))
    .where('level', '=', 'grid')
    .orderBy('code')
    .execute();
  if (grids.length === 0) return;
  const now = Date.now();
  for (const [m, member] of MEMBERS.entries()) {
    const registered = new Date(now - member.monthsAgo * 30 * DAY);
    const reviewed = new Date(registered.getTime() + 26 * 3600_000);
    const account = await tx
      .insertInto('account')
      .values({
        username: member.username,
        display_name: member.name,
        password_hash: resident.password_hash,
        role: 'in_service_member',
        scope_code: home.code,
        county_code: countyCode,
        created_at: registered,
        updated_at: reviewed,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await tx
      .insertInto('in_service_member')
      .values({
        county_code: countyCode,
        account_id: account.id,
        home_code: home.code,
        home_path: home.path,
        phone_enc: pii.encrypt(member.phone),
        phone_hash: pii.blindIndex('phone', member.phone),
        phone_masked: maskPhone(member.phone),
        employer_unit: member.unit,
        status: 'approved',
        reviewed_by: village.id,
        reviewed_at: reviewed,
        version: 2,
        created_at: registered,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // a wish every 15 days from a week after approval until a week ago
    const count = Math.floor((now - reviewed.getTime() - 14 * DAY) / (15 * DAY)) + 1;
    for (let k = 0; k < count; k++) {
      const [title, kind, beneficiary, fulfil, hours] = WISHES[(k + m * 2) % WISHES.length]!;
      const grid = grids[(k + m) % grids.length]!;
      const created = new Date(reviewed.getTime() + 7 * DAY + k * 15 * DAY);
      const published = new Date(created.getTime() + 20 * 3600_000);
      const claimed = new Date(published.getTime() + 5 * 3600_000);
      const fulfilled = new Date(claimed.getTime() + 2 * DAY);
      const { rows } = await sql<{
        n: string;
      }>`SELECT nextval('wish_number_seq')::text AS n`.execute(tx);
      const day = new Date(created.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
      const wish = await tx
        .insertInto('wish')
        .values({
          county_code: countyCode,
          number: `XY${day}${(rows[0]?.n ?? '0').padStart(5, '0')}`,
          grid_code: grid.code,
          grid_path: grid.path,
          beneficiary,
          beneficiary_kind: kind,
          title,
          detail: `${beneficiary}：${title}`,
          source: 'staff',
          requester_account_id: worker.id,
          status: 'fulfilled',
          fulfil_note: fulfil,
          created_at: created,
          published_at: published,
          claimed_at: claimed,
          fulfilled_at: fulfilled,
          updated_at: fulfilled,
          version: 4,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('wish_claim')
        .values({
          county_code: countyCode,
          wish_id: wish.id,
          claimer_account_id: account.id,
          claimer_name: member.name,
          claimer_kind: 'in_service_member',
          note: null,
          created_at: claimed,
        })
        .execute();
      const step = (
        at: Date,
        action: string,
        from: string | null,
        to: string,
        actor: { id: number; name: string },
        note: string | null,
      ) => ({
        county_code: countyCode,
        entity_type: 'wish',
        entity_id: wish.id,
        at,
        action,
        from_status: from,
        to_status: to,
        actor_account_id: actor.id,
        actor_name: actor.name,
        note,
      });
      const self = { id: account.id, name: member.name };
      await tx
        .insertInto('service_history')
        .values([
          step(created, 'submit', null, 'submitted', { id: worker.id, name: worker.display_name }, null),
          step(
            published,
            'publish',
            'submitted',
            'published',
            { id: village.id, name: village.display_name },
            null,
          ),
          step(claimed, 'claim', 'published', 'claimed', self, null),
          step(fulfilled, 'fulfil', 'claimed', 'fulfilled', self, fulfil),
        ])
        .execute();
      await tx
        .insertInto('service_hours')
        .values({
          county_code: countyCode,
          member_id: row.id,
          wish_id: wish.id,
          hours: String(hours),
          served_on: new Date(fulfilled.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
          recorded_at: fulfilled,
        })
        .execute();
    }
  }
}
