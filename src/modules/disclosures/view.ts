import type { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { can } from './abilities.js';
import type { Actor } from '../accounts/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { isVillager, viewOf } from './access.js';
import * as qrepo from './question-repository.js';
import * as repo from './repository.js';
import type { ListRow } from './list-repository.js';
import { totalsOf, type FinanceLine, type Kind } from './rules.js';
import type { DisclosureDetail, DisclosureItem } from './schemas.js';
import type { Deps } from './service.js';

type Item = z.infer<typeof DisclosureItem>;
type Detail = z.infer<typeof DisclosureDetail>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const toItem = (r: ListRow): Item => ({
  id: r.id,
  villageCode: r.village_code,
  villageName: r.village_name,
  kind: r.kind as Kind,
  period: r.period,
  major: r.major,
  title: r.title,
  status: r.status as repo.Status,
  publishedAt: iso(r.published_at),
  updatedAt: r.updated_at.toISOString(),
  version: r.version,
  readCount: r.read_count,
  questionCount: r.question_count,
  unansweredCount: r.unanswered_count,
  readByMe: r.read_by_me,
});

/** Villagers see each other's questions under the family name only. */
const maskName = (name: string) =>
  name.length <= 1 ? name : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 2))}`;

/**
 * One disclosure as the caller may see it. A villager opening a published one
 * counts as a reader once ("已读 N 人" counts villagers, not the staff who wrote
 * or monitor it).
 */
export async function getDisclosure(deps: Deps, actor: Actor, id: number): Promise<Detail> {
  const view = viewOf(actor);
  let d = await repo.findDisclosure(deps.db, view, id);
  if (!d) throw new AppError('NOT_FOUND');
  if (
    d.status === 'published' &&
    isVillager(actor) &&
    (await repo.recordRead(deps.db, d.county_code, id, actor.accountId, deps.now()))
  ) {
    d = (await repo.findDisclosure(deps.db, view, id)) ?? d;
  }
  const [questions, history] = await Promise.all([
    qrepo.listQuestions(deps.db, d.county_code, id),
    repo.listHistory(deps.db, d.county_code, id),
  ]);
  const lines = d.finance_lines as FinanceLine[];
  const publisher = can(actor, 'disclosures.publish');
  const actions: Detail['actions'] = [];
  if (publisher && d.status === 'draft') actions.push('edit', 'publish');
  if (publisher && d.status === 'published') actions.push('withdraw');
  if (isVillager(actor) && d.status === 'published') actions.push('ask');
  if (publisher && questions.some((q) => q.answer === null)) actions.push('answer');
  return {
    ...toItem(d),
    body: d.body,
    financeLines: lines,
    totals: d.kind === 'finance' ? totalsOf(lines) : null,
    withdrawReason: d.withdraw_reason,
    questions: questions.map((q) => ({
      id: q.id,
      askerName: maskName(q.asker_name),
      mine: q.asker_account_id === actor.accountId,
      // read by the whole village: phone and ID numbers typed in are masked for all but the asker
      question: q.asker_account_id === actor.accountId ? q.question : maskPiiText(q.question),
      askedAt: q.asked_at.toISOString(),
      answer: q.answer === null || q.asker_account_id === actor.accountId ? q.answer : maskPiiText(q.answer),
      answeredBy: q.answerer_name,
      answeredAt: iso(q.answered_at),
    })),
    history: history.map((h) => ({
      action: h.action as Detail['history'][number]['action'],
      actorName: h.actor_name,
      at: h.at.toISOString(),
      note: h.note,
    })),
    actions,
  };
}
