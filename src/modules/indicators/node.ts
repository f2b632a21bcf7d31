import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { narrowScope, type Actor } from '../accounts/index.js';
import { CODE_LENGTHS, pathOf } from '../regions/index.js';
import type { Node } from './sources.js';

export type RegionNode = Node & { name: string; level: string };

/** The region asked about (default: the caller's scope), inside the caller's subtree, else 404. */
export async function nodeOf(db: DbOrTx, actor: Actor, code: string | undefined): Promise<RegionNode> {
  const path = narrowScope(actor, code, pathOf);
  const row = await db
    .selectFrom('region')
    .select(['code', 'name', 'level'])
    .where('path', '=', path)
    .where('county_code', '=', actor.countyCode)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const i = (CODE_LENGTHS as readonly number[]).indexOf(row.code.length);
  return {
    countyCode: actor.countyCode,
    code: row.code,
    path,
    name: row.name,
    level: row.level,
    childLength: CODE_LENGTHS[i + 1] ?? null,
  };
}
