import { countySettingsChanged } from '../../platform/settings-changes.js';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { policyOf, recomputeDue, replacePolicy } from './due-repository.js';
import './errors.js'; // registers this module's codes (ADR 0005)

export type Interval = { careTag: string; intervalDays: number };

export async function getIntervals(db: Db, countyCode: string): Promise<Interval[]> {
  return (await policyOf(db, countyCode)).map((r) => ({
    careTag: r.care_tag,
    intervalDays: r.interval_days,
  }));
}

/**
 * An administrator sets the county's visit intervals (the whole list at once).
 * In one transaction: the new list, every visited household's due date
 * recomputed in one statement, the audit row with the old and new list.
 */
export async function setIntervals(
  db: Db,
  actor: Actor,
  items: Interval[],
  requestId?: string,
): Promise<{ items: Interval[]; recomputed: number }> {
  const tags = items.map((i) => i.careTag);
  if (new Set(tags).size !== tags.length)
    throw new AppError('VISIT_POLICY_INVALID', {
      detail: '同一类人群只能设置一次',
      detailEn: 'a care tag is listed twice',
    });
  if (!tags.includes(''))
    throw new AppError('VISIT_POLICY_INVALID', {
      detail: '须设置"其他住户"的周期',
      detailEn: "the default ('') interval is required",
    });
  const out = await db.transaction().execute(async (tx) => {
    // two administrators saving at once: the second waits and recomputes after the first
    await sql`SELECT pg_advisory_xact_lock(hashtext('visit_policy'), hashtext(${actor.countyCode}))`.execute(
      tx,
    );
    const before = await policyOf(tx, actor.countyCode);
    await replacePolicy(tx, actor.countyCode, items);
    const recomputed = await recomputeDue(tx, actor.countyCode);
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'visit_policy.update',
      entityType: 'visit_policy',
      entityId: actor.countyCode,
      before: Object.fromEntries(before.map((r) => [r.care_tag || 'default', r.interval_days])),
      after: {
        ...Object.fromEntries(items.map((i) => [i.careTag || 'default', i.intervalDays])),
        recomputed,
      },
      requestId,
    });
    return {
      items: (await policyOf(tx, actor.countyCode)).map((r) => ({
        careTag: r.care_tag,
        intervalDays: r.interval_days,
      })),
      recomputed,
    };
  });
  countySettingsChanged(actor.countyCode, 'visit_policy');
  return out;
}
