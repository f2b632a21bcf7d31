import type { DbOrTx } from '../../platform/db/database.js';

/** SQL of a county's points rules (积分规则). */

export const listRules = (db: DbOrTx, countyCode: string) =>
  db.selectFrom('points_rule').selectAll().where('county_code', '=', countyCode).orderBy('code').execute();

export const lockRule = (tx: DbOrTx, countyCode: string, code: string) =>
  tx
    .selectFrom('points_rule')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();

export const updateRule = (
  tx: DbOrTx,
  countyCode: string,
  code: string,
  v: { points: number; daily_cap: number | null; active: boolean },
) =>
  tx
    .updateTable('points_rule')
    .set(v)
    .where('county_code', '=', countyCode)
    .where('code', '=', code)
    .returningAll()
    .executeTakeFirstOrThrow();

export type PointsRuleRow = Awaited<ReturnType<typeof listRules>>[number];
