import type { DbOrTx } from '../../platform/db/database.js';

/**
 * People who follow a case without holding it — an enterprise's cadre whose need became the
 * case (J16): they are told of every step, like the staff the step concerns. Following gives
 * no right to see or act on the case.
 */
export async function followCase(tx: DbOrTx, countyCode: string, caseId: number, accountId: number) {
  await tx
    .insertInto('case_follower')
    .values({ county_code: countyCode, case_id: caseId, account_id: accountId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function followersOf(tx: DbOrTx, countyCode: string, caseId: number): Promise<number[]> {
  const rows = await tx
    .selectFrom('case_follower')
    .select('account_id')
    .where('county_code', '=', countyCode)
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((r) => r.account_id);
}
