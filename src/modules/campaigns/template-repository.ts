import type { DbOrTx } from '../../platform/db/database.js';
import type { ChecklistInput, RuleInput } from './schemas.js';

/** The county's templates, in their order. */
export async function listTemplates(db: DbOrTx, countyCode: string) {
  const rows = await db
    .selectFrom('campaign_template')
    .select(['key', 'title', 'description', 'rule', 'checklist', 'days'])
    .where('county_code', '=', countyCode)
    .orderBy('sort_order')
    .orderBy('key')
    .execute();
  return rows.map((r) => ({
    ...r,
    rule: r.rule as RuleInput,
    checklist: r.checklist as ChecklistInput,
  }));
}
