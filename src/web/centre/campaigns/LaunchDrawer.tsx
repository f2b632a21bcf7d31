import { App, Checkbox } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { LaunchForm, useLaunch } from './LaunchForm.js';

type Preview = paths['/api/v1/campaigns/preview']['post']['responses'][200]['content']['application/json'];

/**
 * Launch from a template: the rule's target count before launching (by child region of my scope),
 * the regions it is limited to, the dates and the supervising tiers.
 */
export function LaunchDrawer({
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
  // the count by child region of the whole scope: the regions offered
  const [whole, setWhole] = useState<Preview>();
  const l = useLaunch<Preview>(
    open,
    (rule) => ok(api.POST('/api/v1/campaigns/preview', { body: { rule } })),
    setWhole,
  );
  const launch = () =>
    l.launch(
      (body) => ok(api.POST('/api/v1/campaigns', { body })),
      (made) => {
        message.success(t('camp.launched', { n: made.targets }));
        onLaunched(made.id);
      },
    );
  return (
    <LaunchForm
      l={l}
      open={open}
      onClose={onClose}
      onLaunch={launch}
      testId="camp"
      title="camp.launch"
      regionsLabel="camp.pickRegions"
      previewTitle="camp.previewTotal"
      regions={
        <Checkbox.Group
          data-testid="camp-regions"
          value={l.regions}
          onChange={(v) => l.pickRegions(v as string[])}
          options={(whole?.byRegion ?? []).map((r) => ({
            value: r.code,
            label: `${r.name}（${r.targets}）`,
          }))}
        />
      }
    />
  );
}
