import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { pathOf } from '../regions/index.js';
import type { z } from 'zod';
import './errors.js'; // registers this module's codes (ADR 0005)
import type { RewardBody } from './mediation-schemas.js';
import { beijingDay, findDispute } from './repository.js';

/**
 * The township fund's reward for settling a petition-related dispute (以奖代补): to a mediator or a
 * place of the dispute's township or village, for a dispute that was settled and carried petition
 * risk (the `petition_risk` sign, or a petition turned into it); any other dispute: 409.
 */
export async function awardReward(
  db: Db,
  now: Date,
  actor: Actor,
  b: z.infer<typeof RewardBody>,
  requestId?: string,
) {
  if (b.mediatorId === undefined && b.placeId === undefined) throw new AppError('MEDIATION_PLACE_INVALID');
  return db.transaction().execute(async (tx) => {
    const d = await findDispute(tx, actor, b.disputeId);
    if (!d) throw new AppError('NOT_FOUND');
    if (d.state !== 'settled' && d.state !== 'closed') throw new AppError('MEDIATION_REWARD_NOT_SETTLED');
    // the fund rewards petition-related disputes only: marked with petition risk, or come from a petition
    if (!d.risk_signs.includes('petition_risk')) {
      const fromPetition = await tx
        .selectFrom('petition')
        .select('id')
        .where('county_code', '=', d.county_code)
        .where('dispute_id', '=', d.id)
        .executeTakeFirst();
      if (!fromPetition) throw new AppError('MEDIATION_REWARD_NOT_PETITION');
    }
    const township = d.grid_code.slice(0, 9);
    const inTownship = (table: 'mediator' | 'mediation_place', id: number | undefined) =>
      id === undefined
        ? Promise.resolve(true)
        : tx
            .selectFrom(table)
            .select('id')
            .where('county_code', '=', d.county_code)
            .where('id', '=', id)
            .where(sql<boolean>`region_path <@ ${pathOf(township)}::ltree`)
            .executeTakeFirst()
            .then((r) => r !== undefined);
    if (!(await inTownship('mediator', b.mediatorId)) || !(await inTownship('mediation_place', b.placeId)))
      throw new AppError('MEDIATION_PLACE_INVALID');
    const row = await tx
      .insertInto('mediation_reward')
      .values({
        county_code: d.county_code,
        township_code: township,
        township_path: pathOf(township),
        dispute_id: d.id,
        mediator_id: b.mediatorId ?? null,
        place_id: b.placeId ?? null,
        amount_yuan: b.amountYuan.toFixed(2),
        reason: b.reason,
        awarded_on: b.awardedOn ?? beijingDay(now),
        awarded_by: actor.accountId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      countyCode: d.county_code,
      action: 'mediation.reward',
      entityType: 'dispute',
      entityId: d.id,
      before: null,
      after: { reward: row.id, amountYuan: b.amountYuan },
      requestId,
    });
    return row;
  });
}

/** The rewards ledger of the townships under (or above) the path, with the total per mediator or place. */
export async function rewardLedger(db: DbOrTx, actor: Actor, path: string) {
  const items = await db
    .selectFrom('mediation_reward as w')
    .innerJoin('dispute as d', (j) =>
      j.onRef('d.id', '=', 'w.dispute_id').onRef('d.county_code', '=', 'w.county_code'),
    )
    .leftJoin('mediator as m', (j) =>
      j.onRef('m.id', '=', 'w.mediator_id').onRef('m.county_code', '=', 'w.county_code'),
    )
    .leftJoin('mediation_place as p', (j) =>
      j.onRef('p.id', '=', 'w.place_id').onRef('p.county_code', '=', 'w.county_code'),
    )
    .select([
      'w.id',
      'w.township_code',
      'w.dispute_id',
      'd.number as dispute_number',
      'm.name as mediator_name',
      'p.name as place_name',
      'w.amount_yuan',
      'w.reason',
      'w.awarded_on',
    ])
    .where('w.county_code', '=', actor.countyCode)
    // a township's whole ledger for the township and above; below it, the rewards of one's own disputes
    .where(sql<boolean>`(w.township_path <@ ${path}::ltree OR d.grid_path <@ ${path}::ltree)`)
    .orderBy('w.awarded_on', 'desc')
    .orderBy('w.id', 'desc')
    .limit(500)
    .execute();
  const rows = items.map((r) => ({
    id: r.id,
    townshipCode: r.township_code,
    disputeId: r.dispute_id,
    disputeNumber: r.dispute_number,
    mediatorName: r.mediator_name,
    placeName: r.place_name,
    amountYuan: Number(r.amount_yuan),
    reason: r.reason,
    awardedOn: String(r.awarded_on),
  }));
  const by = new Map<string, { name: string; amountYuan: number; awards: number }>();
  for (const r of rows) {
    const name = r.mediatorName ?? r.placeName ?? '';
    const e = by.get(name) ?? { name, amountYuan: 0, awards: 0 };
    e.amountYuan += r.amountYuan;
    e.awards += 1;
    by.set(name, e);
  }
  return {
    items: rows,
    total: rows.reduce((s, r) => s + r.amountYuan, 0),
    byMediator: [...by.values()].sort((a, b) => b.amountYuan - a.amountYuan),
  };
}
