import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';

/** A county's Open311 settings (ADR 0002: keyed by county): its test endpoint, if it offers one. */
export async function readSettings(db: Db, countyCode: string): Promise<{ testUrl: string | null }> {
  const row = await db
    .selectFrom('open311_setting')
    .select('test_url')
    .where('county_code', '=', countyCode)
    .executeTakeFirst();
  return { testUrl: row?.test_url ?? null };
}

/** Sets or clears the test endpoint, audited in the same transaction. */
export async function writeSettings(
  db: Db,
  actor: Actor,
  testUrl: string | null,
  requestId: string,
): Promise<{ testUrl: string | null }> {
  return db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('open311_setting')
      .select('test_url')
      .where('county_code', '=', actor.countyCode)
      .forUpdate()
      .executeTakeFirst();
    await tx
      .insertInto('open311_setting')
      .values({ county_code: actor.countyCode, test_url: testUrl, updated_by: actor.accountId })
      .onConflict((oc) =>
        oc
          .column('county_code')
          .doUpdateSet({ test_url: testUrl, updated_by: actor.accountId, updated_at: new Date() }),
      )
      .execute();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'open311_setting.update',
      entityType: 'open311_setting',
      entityId: actor.countyCode,
      before: { testEndpoint: before?.test_url != null },
      after: { testEndpoint: testUrl !== null },
      requestId,
    });
    return { testUrl };
  });
}

/** The test endpoints discovery lists: the jurisdiction's own, or every county's when none is named. */
export async function testEndpoints(db: Db, countyCode: string | null): Promise<string[]> {
  let q = db.selectFrom('open311_setting').select('test_url').where('test_url', 'is not', null);
  if (countyCode) q = q.where('county_code', '=', countyCode);
  const rows = await q.orderBy('county_code').execute();
  return [...new Set(rows.map((r) => r.test_url!))];
}
