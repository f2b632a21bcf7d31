import type { DbOrTx } from '../../platform/db/database.js';
import type { Dim, Node } from './sources.js';

const SOURCE_NAMES: Record<string, string> = {
  resident_app: '随手拍',
  patrol: '网格巡查',
  hotline: '热线',
  petition: '信访',
  enterprise: '企业诉求',
  grassroots_request: '基层请求',
  campaign: '专项任务',
  open311: 'Open311',
};

/** Display names of breakdown keys: regions, categories, departments, sources. */
export async function namesOf(
  db: DbOrTx,
  node: Node,
  dim: Dim,
  keys: string[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  if (dim === 'source') return new Map(keys.map((k) => [k, SOURCE_NAMES[k] ?? k]));
  if (dim === 'region') {
    const rows = await db.selectFrom('region').select(['code', 'name']).where('code', 'in', keys).execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  }
  if (dim === 'category') {
    const rows = await db.selectFrom('category').select(['code', 'name']).where('code', 'in', keys).execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  }
  const ids = keys.map(Number).filter(Number.isSafeInteger);
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('department')
    .select(['id', 'name'])
    .where('county_code', '=', node.countyCode)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [String(r.id), r.name]));
}

/** The breakdown with names, highest value first (a comparison of units, never of people). */
export async function named(
  db: DbOrTx,
  node: Node,
  dim: Dim,
  items: { key: string; value: number | null }[],
) {
  const names = await namesOf(
    db,
    node,
    dim,
    items.map((i) => i.key),
  );
  return items
    .map((i) => ({ ...i, name: names.get(i.key) ?? i.key }))
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.key.localeCompare(b.key));
}
