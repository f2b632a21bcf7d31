import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { countySettingsChanged } from '../../platform/settings-changes.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import * as repo from './rules-repository.js';

export const toRule = (r: repo.PointsRuleRow) => ({
  code: r.code,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  points: r.points,
  dailyCap: r.daily_cap,
  active: r.active,
});

/** What recognised work earns in the caller's county. */
export async function listPointsRules(db: Db, actor: Actor) {
  return (await repo.listRules(db, actor.countyCode)).map(toRule);
}

/** Changes a rule of the caller's county (audited under that county); other counties keep theirs. */
export async function updatePointsRule(
  db: Db,
  actor: Actor,
  code: string,
  b: { points: number; dailyCap: number | null; active: boolean },
  requestId?: string,
) {
  const rule = await db.transaction().execute(async (tx) => {
    const before = await repo.lockRule(tx, actor.countyCode, code);
    if (!before) throw new AppError('NOT_FOUND');
    const r = await repo.updateRule(tx, actor.countyCode, code, {
      points: b.points,
      daily_cap: b.dailyCap,
      active: b.active,
    });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'points_rule.update',
      entityType: 'points_rule',
      entityId: r.code,
      before: toRule(before),
      after: toRule(r),
      requestId,
    });
    return toRule(r);
  });
  countySettingsChanged(actor.countyCode, 'points_rules');
  return rule;
}
