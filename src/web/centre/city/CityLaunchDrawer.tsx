import { App, Tree } from 'antd';
import type { Key } from 'react';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { LaunchForm, useLaunch, type Rule } from '../campaigns/LaunchForm.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';

type Preview =
  paths['/api/v1/city-campaigns/preview']['post']['responses'][200]['content']['application/json'];
type Node = { key: string; title: string; isLeaf?: boolean; checkable?: boolean; children?: Node[] };

const label = (r: Preview['byRegion'][number]) => `${r.name}（${r.targets}）`;
const ask = (rule: Rule, within?: string) =>
  ok(api.POST('/api/v1/city-campaigns/preview', { body: { rule, within } }));

/**
 * A city launches from a national template: the rule's count by county before launching (open a
 * county for its townships), the regions it is limited to, the dates and the supervising tiers.
 */
export function CityLaunchDrawer({
  open,
  onClose,
  onLaunched,
}: {
  open: boolean;
  onClose: () => void;
  onLaunched: (id: number) => void;
}) {
  const { t } = useLang();
  const { message } = App.useApp();
  const [tree, setTree] = useState<Node[]>([]);
  // a rule names townships, villages or grids: a county is opened, not chosen
  const l = useLaunch<Preview>(
    open,
    (rule) => ask(rule),
    (p) => setTree(p.byRegion.map((c) => ({ key: c.code, title: label(c), checkable: false }))),
  );

  // a county's townships, counted when it is opened
  const loadTownships = async (node: { key: Key }) => {
    if (!l.tpl) return;
    const code = String(node.key);
    const p = await ask({ ...l.tpl.rule, regions: [] }, code);
    const kids = p.byRegion.map((r) => ({ key: r.code, title: label(r), isLeaf: true }));
    setTree((all) => all.map((c) => (c.key === code ? { ...c, children: kids } : c)));
  };

  const launch = () =>
    l.launch(
      (body) => ok(api.POST('/api/v1/city-campaigns', { body })),
      (made) => {
        message.success(t('city.launched', { n: made.targets, c: made.counties }));
        onLaunched(made.id);
      },
    );
  return (
    <LaunchForm
      l={l}
      open={open}
      onClose={onClose}
      onLaunch={launch}
      testId="city"
      title="city.launch"
      regionsLabel="city.pickRegions"
      previewTitle="city.previewTotal"
      regions={
        <div data-testid="city-regions">
          <Tree
            checkable
            checkStrictly
            treeData={tree}
            loadData={loadTownships}
            checkedKeys={l.regions}
            onCheck={(v) => l.pickRegions((Array.isArray(v) ? v : v.checked).map(String))}
          />
        </div>
      }
    />
  );
}
