import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { notify, wordsBody } from '../notify/index.js';
import { isVillager, publishingVillage, viewOf } from './access.js';
import * as qrepo from './question-repository.js';
import * as repo from './repository.js';
import type { Deps } from './service.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/**
 * A villager asks about a published disclosure of their own village. The
 * village's staff are told. A retry with the same clientRequestId (a phone
 * that lost its answer) returns the same question instead of a second one.
 */
export async function askQuestion(
  deps: Deps,
  actor: Actor,
  id: number,
  input: { question: string; clientRequestId?: string },
) {
  const view = viewOf(actor);
  return createOnce({
    requestId: input.clientRequestId,
    find: (rid) => qrepo.findByClientRequest(deps.db, actor.countyCode, actor.accountId, rid),
    constraint: 'disclosure_question_request_idx',
    // the same request id for another disclosure is a client's mistake, not a retry
    replay: (earlier) => {
      if (earlier.disclosure_id !== id) throw new AppError('REQUEST_ID_REUSED');
      return { id: earlier.id, replayed: true };
    },
    create: async () => {
      const seen = await repo.findDisclosure(deps.db, view, id);
      if (!seen) throw new AppError('NOT_FOUND');
      if (!isVillager(actor)) throw new AppError('DISCLOSURE_VILLAGERS_ONLY');
      const now = deps.now();
      return deps.db.transaction().execute(async (tx) => {
        // locked so a withdrawal at the same moment either comes first (409) or after the question
        const d = await repo.lockDisclosure(tx, actor.countyCode, view.path, id);
        if (!d) throw new AppError('NOT_FOUND');
        if (d.status !== 'published') throw new AppError('DISCLOSURE_NOT_PUBLISHED');
        const q = await qrepo.insertQuestion(tx, {
          countyCode: actor.countyCode,
          disclosureId: id,
          askerId: actor.accountId,
          question: input.question,
          at: now,
          clientRequestId: input.clientRequestId ?? null,
        });
        await notify(tx, {
          countyCode: actor.countyCode,
          accountIds: await repo.villageStaffAccounts(tx, actor.countyCode, d.village_code),
          kind: 'disclosure.question',
          about: { type: 'disclosure', id: d.id },
          title: `村民对「${d.title}」提了问题`,
          ...wordsBody('question', input.question),
        });
        return { id: q.id, replayed: false };
      });
    },
  });
}

/** The village's staff answer once; the asker is told. */
export async function answerQuestion(
  deps: Deps,
  actor: Actor,
  id: number,
  questionId: number,
  answer: string,
  requestId?: string,
) {
  const village = publishingVillage(actor);
  const now = deps.now();
  return deps.db.transaction().execute(async (tx) => {
    const d = await repo.lockDisclosure(tx, actor.countyCode, village.path, id);
    if (!d) throw new AppError('NOT_FOUND');
    const q = await qrepo.lockQuestion(tx, actor.countyCode, id, questionId);
    if (!q) throw new AppError('NOT_FOUND');
    if (q.answer !== null) throw new AppError('DISCLOSURE_QUESTION_ANSWERED');
    await qrepo.saveAnswer(tx, actor.countyCode, questionId, answer, actor.accountId, now);
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'disclosure.answer',
      entityType: 'disclosure_question',
      entityId: questionId,
      after: { disclosureId: id },
      requestId: requestId ?? null,
    });
    await notify(tx, {
      countyCode: actor.countyCode,
      accountIds: [q.asker_account_id],
      kind: 'disclosure.answered',
      about: { type: 'disclosure', id: d.id },
      title: `您对「${d.title}」的提问已答复`,
      ...wordsBody('answer', answer),
    });
    return { id: questionId, answered: true };
  });
}
