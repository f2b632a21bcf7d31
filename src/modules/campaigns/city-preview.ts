import type { DbOrTx } from '../../platform/db/database.js';
import { narrowScope, type Actor } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import * as city from './city-repository.js';
import { previewTargets, regionPaths } from './rules.js';
import type { RuleInput } from './schemas.js';

const inside = (path: string, node: string) => path === node || path.startsWith(`${node}.`);

/**
 * 全市任务对象预览: how many targets a city's rule would select, before launching (nothing is made).
 * By county over the whole city (each county's archive counted in its own county, as the launch
 * does); `within` a county, township or village of the city: by its child regions. Counts only —
 * a city sees no household's name. Regions the rule names must lie in the city (400); `within`
 * outside it 404.
 */
export async function previewCityTargets(
  db: DbOrTx,
  actor: Actor,
  rule: RuleInput,
  within: string | undefined,
  asOf: string,
) {
  const paths = await regionPaths(db, actor, rule.regions);
  const node = narrowScope(actor, within, pathOf);
  if (node === actor.scopePath) {
    const byRegion: { code: string; name: string; targets: number }[] = [];
    for (const c of await city.countiesOf(db, actor.scopePath)) {
      const mine = paths.filter((p) => inside(p, c.path));
      if (paths.length > 0 && mine.length === 0) continue;
      const p = await previewTargets(db, rule, { countyCode: c.code, path: c.path, asOf }, mine);
      if (p.targets > 0) byRegion.push({ code: c.code, name: c.name, targets: p.targets });
    }
    return { targets: byRegion.reduce((n, r) => n + r.targets, 0), byRegion };
  }
  const county = node.split('.')[2] ?? '';
  // the regions named in this county (or above the node); named elsewhere only: none here
  const mine = paths.filter((p) => inside(p, node) || inside(node, p));
  if (paths.length > 0 && mine.length === 0) return { targets: 0, byRegion: [] };
  return previewTargets(db, rule, { countyCode: county, path: node, asOf }, mine);
}
