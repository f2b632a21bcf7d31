import type { Pii } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { shortVillageName } from '../grids/index.js';
import { demoDisclosures } from './demo-content.js';

/** Disclosures need no per-county configuration: §30's rhythm is the law's, not a setting. */
export async function seedDisclosureConfig(_tx: Tx, _countyCode: string): Promise<void> {}

/** Whose village is seeded: its staff account, the villager who asks, and whether it lags behind. */
const VILLAGES = [
  { staff: 'village', asker: 'resident', behind: false },
  { staff: 'zhangjia-village', asker: 'zhangjia', behind: true },
] as const;

/**
 * Demo disclosures for the demo's first rural village of 铁岭县 and for 张家村
 * (J1, accounts zhangjia-village and zhangjia), as of the load time: a few inserts of whole sets, no per-row round trips.
 * Every other village has published nothing, so the §30 board has villages to flag.
 */
export async function seedDisclosureDemo(tx: Tx, _countyCode: string, _pii: Pii): Promise<void> {
  const now = new Date();
  const accounts = await tx
    .selectFrom('account as a')
    .innerJoin('region as r', 'r.code', 'a.scope_code')
    .select(['a.id', 'a.username', 'a.display_name', 'a.county_code', 'r.code', 'r.path', 'r.name'])
    .where(
      'a.username',
      'in',
      VILLAGES.flatMap((v) => [v.staff, v.asker]),
    )
    .execute();
  const by = (username: string) => accounts.find((a) => a.username === username);
  for (const v of VILLAGES) {
    const staff = by(v.staff);
    const asker = by(v.asker);
    if (!staff || !asker) continue;
    const items = demoDisclosures(shortVillageName(staff.name), now, v.behind);
    const rows = await tx
      .insertInto('disclosure')
      .values(
        items.map((d) => ({
          county_code: staff.county_code,
          village_code: staff.code,
          village_path: staff.path,
          kind: d.kind,
          period: d.period,
          major: d.major,
          title: d.title,
          body: d.body,
          finance_lines: JSON.stringify(d.financeLines),
          status: d.publishedAt ? 'published' : 'draft',
          created_by: staff.id,
          published_by: d.publishedAt ? staff.id : null,
          created_at: new Date((d.publishedAt ?? now).getTime() - 86_400_000),
          published_at: d.publishedAt,
          updated_at: d.publishedAt ?? now,
        })),
      )
      .returning(['id', 'created_at', 'published_at', 'kind', 'major', 'period'])
      .execute();
    const step = (id: number, action: 'created' | 'published', at: Date) => ({
      county_code: staff.county_code,
      disclosure_id: id,
      action,
      actor_account_id: staff.id,
      actor_name: staff.display_name,
      at,
    });
    await tx
      .insertInto('disclosure_history')
      .values(
        rows.flatMap((r) => [
          step(r.id, 'created', r.created_at),
          ...(r.published_at ? [step(r.id, 'published', r.published_at)] : []),
        ]),
      )
      .execute();
    // a villager's question on the latest finances, answered; and one on the major matter still open
    const finance = rows.filter((r) => r.kind === 'finance' && r.published_at).at(-1);
    const major = rows.find((r) => r.major);
    const questions = [];
    if (finance?.published_at) {
      const asked = new Date(finance.published_at.getTime() + 3 * 3600_000);
      const answered = new Date(asked.getTime() + 20 * 3600_000);
      questions.push({
        disclosure_id: finance.id,
        question: '办公经费这个月怎么比上个月多？都买了什么？',
        answer: '本月更换了村部打印机硒鼓并交了冬季取暖前的电费，单据在村部可以查阅。',
        answered_by: staff.id,
        asked_at: asked < now ? asked : now,
        answered_at: answered < now ? answered : now,
      });
    }
    if (major?.published_at) {
      const asked = new Date(major.published_at.getTime() + 86_400_000);
      questions.push({
        disclosure_id: major.id,
        question: '路修好后，三组那段什么时候修？',
        answer: null,
        answered_by: null,
        asked_at: asked < now ? asked : now,
        answered_at: null,
      });
    }
    if (questions.length > 0)
      await tx
        .insertInto('disclosure_question')
        .values(questions.map((q) => ({ ...q, county_code: staff.county_code, asker_account_id: asker.id })))
        .execute();
  }
}
