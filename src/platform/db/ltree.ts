import { sql, type RawBuilder } from 'kysely';

/** `column <@ path`: the row lies in the subtree rooted at `path` (GiST-indexed). */
export function inSubtree(column: string, path: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} <@ ${path}::ltree`;
}
