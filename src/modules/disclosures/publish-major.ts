import type { Tx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notify/index.js';
import * as repo from './repository.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/**
 * A major matter published at once (村民委员会组织法 §30) by another module's procedure — 四议两公开's
 * resolution and result: a village disclosure written and published in the caller's transaction,
 * with its history, audit and the villagers' notices, exactly as a draft published by hand.
 * The caller has already checked that the actor is the village's own staff.
 */
export async function publishMajorMatter(
  tx: Tx,
  p: {
    actor: Actor;
    countyCode: string;
    villageCode: string;
    villagePath: string;
    title: string;
    body: string;
    now: Date;
    requestId?: string;
  },
): Promise<number> {
  const made = await repo.insertDisclosure(tx, {
    countyCode: p.countyCode,
    villageCode: p.villageCode,
    villagePath: p.villagePath,
    createdBy: p.actor.accountId,
    now: p.now,
    kind: 'village',
    period: null,
    major: true,
    title: p.title,
    body: p.body,
    financeLines: [],
  });
  await repo.updateDisclosure(
    tx,
    p.countyCode,
    made.id,
    { status: 'published', published_at: p.now, published_by: p.actor.accountId },
    p.now,
  );
  for (const action of ['created', 'published'] as const)
    await repo.addHistory(tx, {
      countyCode: p.countyCode,
      disclosureId: made.id,
      action,
      actorId: p.actor.accountId,
      actorName: p.actor.displayName,
      at: p.now,
    });
  await recordAudit(tx, {
    actor: p.actor,
    countyCode: p.countyCode,
    action: 'disclosure.publish',
    entityType: 'disclosure',
    entityId: made.id,
    before: { state: 'draft' },
    after: { state: 'published', kind: 'village', major: true },
    reason: null,
    requestId: p.requestId ?? null,
  });
  const residents = await repo.villageResidentAccounts(tx, p.countyCode, p.villagePath);
  await notify(tx, {
    countyCode: p.countyCode,
    accountIds: residents.filter((a) => a !== p.actor.accountId),
    kind: 'disclosure.published',
    about: { type: 'disclosure', id: made.id },
    title: `村里公开了重大事项：${p.title}`,
  });
  return made.id;
}
