import type { DbOrTx, Tx } from '../../platform/db/database.js';

/** A disclosure's questions, oldest first, with who asked and who answered. */
export async function listQuestions(db: DbOrTx, countyCode: string, disclosureId: number) {
  return db
    .selectFrom('disclosure_question as q')
    .innerJoin('account as a', 'a.id', 'q.asker_account_id')
    .leftJoin('account as s', 's.id', 'q.answered_by')
    .select([
      'q.id',
      'q.asker_account_id',
      'a.display_name as asker_name',
      'q.question',
      'q.asked_at',
      'q.answer',
      's.display_name as answerer_name',
      'q.answered_at',
    ])
    .where('q.county_code', '=', countyCode)
    .where('q.disclosure_id', '=', disclosureId)
    .orderBy('q.id')
    .execute();
}

export async function findByClientRequest(
  db: DbOrTx,
  countyCode: string,
  askerId: number,
  clientRequestId: string,
) {
  return db
    .selectFrom('disclosure_question')
    .select(['id', 'disclosure_id'])
    .where('county_code', '=', countyCode)
    .where('asker_account_id', '=', askerId)
    .where('client_request_id', '=', clientRequestId)
    .executeTakeFirst();
}

export async function insertQuestion(
  tx: Tx,
  v: {
    countyCode: string;
    disclosureId: number;
    askerId: number;
    question: string;
    at: Date;
    clientRequestId: string | null;
  },
) {
  return tx
    .insertInto('disclosure_question')
    .values({
      county_code: v.countyCode,
      disclosure_id: v.disclosureId,
      asker_account_id: v.askerId,
      question: v.question,
      asked_at: v.at,
      client_request_id: v.clientRequestId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The question, locked: two answers at once, one wins and the other sees it answered. */
export async function lockQuestion(tx: Tx, countyCode: string, disclosureId: number, id: number) {
  return tx
    .selectFrom('disclosure_question')
    .select(['id', 'asker_account_id', 'answer'])
    .where('county_code', '=', countyCode)
    .where('disclosure_id', '=', disclosureId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function saveAnswer(
  tx: Tx,
  countyCode: string,
  id: number,
  answer: string,
  by: number,
  at: Date,
) {
  await tx
    .updateTable('disclosure_question')
    .set({ answer, answered_by: by, answered_at: at })
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .execute();
}
