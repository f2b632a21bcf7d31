import { Button, Card, Space, Tabs } from 'antd';
import { useState } from 'react';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { navigate, type Route } from '../router.js';
import { useSession } from '../session.js';
import { AddCadre } from './AddCadre.js';
import { CadreDrawer } from './CadreDrawer.js';
import { CadreTable } from './CadreTable.js';
import { FirstSecretaries, Mentors } from './PostingTable.js';
import { StatsPanel } from './StatsPanel.js';

/**
 * 干部队伍 (J16): the organisation department's figures for a region of my scope, the two-committee
 * members, reserve cadres with their training, first secretaries in post and mentor pairs
 * (`#/cadres?tab=reserve&region=211221001`).
 */
export function CadresPage({ route }: { route: Route }) {
  const { t } = useLang();
  const { can } = useSession();
  const region = route.query.get('region') ?? undefined;
  const tab = route.query.get('tab') ?? 'committee';
  const [open, setOpen] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [tick, setTick] = useState(0);
  const go = (q: { tab?: string; region?: string }) => navigate('/cadres', { tab, region, ...q }, true);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Space>
        <RegionPicker value={region} onChange={(r) => go({ region: r })} testId="cadres-region" />
        {can('cadres.manage') ? (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="cadres-add">
            {t('cadres.add')}
          </Button>
        ) : null}
      </Space>
      <StatsPanel key={tick} within={region} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => go({ tab: k })}
          items={[
            {
              key: 'committee',
              label: t('cadres.tab.committee'),
              children: <CadreTable kind="committee" within={region} onOpen={setOpen} tick={tick} />,
            },
            {
              key: 'reserve',
              label: t('cadres.tab.reserve'),
              children: <CadreTable kind="reserve" within={region} onOpen={setOpen} tick={tick} />,
            },
            {
              key: 'first',
              label: t('cadres.tab.first'),
              children: <FirstSecretaries within={region} onOpen={setOpen} />,
            },
            {
              key: 'mentors',
              label: t('cadres.tab.mentors'),
              children: <Mentors within={region} onOpen={setOpen} />,
            },
          ].map((i) => ({ ...i, label: <span data-testid={`cadres-tab-${i.key}`}>{i.label}</span> }))}
        />
      </Card>
      <CadreDrawer id={open} onClose={() => setOpen(null)} />
      <AddCadre
        open={adding}
        onClose={() => setAdding(false)}
        onDone={() => {
          setAdding(false);
          setTick((n) => n + 1);
        }}
      />
    </Space>
  );
}
