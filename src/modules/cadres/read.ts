import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './repository.js';
import { cadreView, pairingView, postingView } from './view.js';

/** A visible cadre with their trainings, first-secretary postings and mentor pairings (404 otherwise). */
export async function cadreDetail(db: DbOrTx, scope: repo.Scope, id: number, on: string) {
  const c = await repo.findCadre(db, scope, id);
  if (!c) throw new AppError('NOT_FOUND');
  const [trainings, postings, mentors, mentees] = await Promise.all([
    repo.trainingsOf(db, c.county_code, id),
    repo.postingsOf(db, c.county_code, id),
    repo.pairingsOf(db, c.county_code, id, 'mentee'),
    repo.pairingsOf(db, c.county_code, id, 'mentor'),
  ]);
  return {
    ...cadreView(c, on),
    trainings: trainings.map((t) => ({
      id: t.id,
      title: t.title,
      heldOn: t.held_on,
      hours: Number(t.hours),
    })),
    postings: postings.map(postingView),
    mentors: mentors.map(pairingView),
    mentees: mentees.map(pairingView),
  };
}

/** The code and name of the scope's root region. */
export async function regionName(db: DbOrTx, scope: repo.Scope) {
  const r = await db
    .selectFrom('region')
    .select(['code', 'name'])
    .where('path', '=', scope.path as never)
    .executeTakeFirstOrThrow();
  return { regionCode: r.code, regionName: r.name };
}
