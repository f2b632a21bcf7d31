import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import type { HistoryEntry } from './archive-schemas.js';
import { historyOf, householdTimeline } from './history.js';
import * as repo from './repository.js';

type HistoryRow = Awaited<ReturnType<typeof historyOf>>[number];
const toHistory = (h: HistoryRow): z.infer<typeof HistoryEntry> => ({
  id: Number(h.id),
  subject: h.subject as 'household' | 'resident',
  subjectId: Number(h.subject_id),
  event: h.event,
  at: h.at.toISOString(),
  effectiveOn: h.effective_on,
  actorName: h.actor_name,
  reason: h.reason,
  changed: h.changed,
  snapshot: h.snapshot as Record<string, unknown>,
});

/**
 * A household's or a resident's history (a household's with its members', a resident's with the
 * records merged into it), only when the record lies in the caller's scope: 404 otherwise.
 */
export async function visibleHistory(db: Db, actor: Actor, subject: 'household' | 'resident', id: number) {
  const scope = { countyCode: actor.countyCode, path: actor.scopePath };
  const found =
    subject === 'household'
      ? await repo.findHousehold(db, scope, id)
      : await repo.findResident(db, scope, id);
  if (!found) throw new AppError('NOT_FOUND');
  const rows =
    subject === 'household'
      ? await householdTimeline(db, actor.countyCode, id)
      : await historyOf(db, actor.countyCode, 'resident', id);
  return { items: rows.map(toHistory) };
}
