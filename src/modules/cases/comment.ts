import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { notify, wordsBody } from '../notify/index.js';
import * as repo from './repository.js';
import type { Tier } from './states.js';

export type CommentInput = {
  countyCode: string;
  caseId: number;
  at: Date;
  text: string;
  /** who wrote it, as shown in the timeline (e.g. the Open311 client's key label) */
  authorName: string;
  /** where it came from, stored as the history row's actor_role (e.g. 'open311') */
  channel: string;
};

/**
 * A remark on a case from outside the workflow — an Open311 client's update (a resident
 * adding "still broken" or "it's fixed, thanks"). It is a history row with action
 * 'comment' (state and tier unchanged, no deadline) plus its audit row, and the people
 * holding the case are told. The case itself (state, version, deadlines) is untouched,
 * so staff working on it never see a version conflict. Runs in the caller's transaction.
 */
export async function addComment(
  tx: Tx,
  input: CommentInput,
  requestId?: string,
): Promise<{ historyId: number; state: string }> {
  const c = await tx
    .selectFrom('cases')
    .select(['id', 'number', 'state', 'tier', 'holder_code', 'department_id'])
    .where('county_code', '=', input.countyCode)
    .where('id', '=', input.caseId)
    .forUpdate()
    .executeTakeFirst();
  if (!c) throw new AppError('NOT_FOUND');
  const row = await tx
    .insertInto('case_history')
    .values({
      county_code: input.countyCode,
      case_id: c.id,
      at: input.at,
      action: 'comment',
      from_state: c.state,
      to_state: c.state,
      tier: c.tier,
      actor_account_id: null,
      actor_role: input.channel,
      actor_name: input.authorName,
      department_id: c.department_id,
      note: input.text,
      photo_ids: [],
      deadline_at: null,
      on_time: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, {
    actor: null,
    countyCode: input.countyCode,
    action: 'case.comment',
    entityType: 'case',
    entityId: c.id,
    after: { historyId: row.id, channel: input.channel, state: c.state },
    requestId,
  });
  const tier = c.tier as Tier;
  await notify(tx, {
    countyCode: input.countyCode,
    accountIds: [
      ...(await repo.accountsForHolder(tx, c.holder_code, repo.TIER_ROLES[tier])),
      ...(await repo.departmentAccounts(tx, c.department_id)),
    ],
    caseId: c.id,
    kind: 'case.comment',
    title: `${c.number}：群众补充`,
    ...wordsBody('comment', input.text.slice(0, 200)),
    event: { number: c.number, state: c.state },
  });
  return { historyId: row.id, state: c.state };
}
