import { Card, Tabs } from 'antd';
import { useLang } from '../lang.js';
import { navigate, type Route } from '../router.js';
import { useSession } from '../session.js';
import { GoodsTab } from './GoodsTab.js';
import { LedgerTab } from './LedgerTab.js';
import { RedemptionsTab } from './RedemptionsTab.js';
import { RosterTab } from './RosterTab.js';

/** 网格员与积分 ('#/workers?tab=…'): the roster (J3), goods, the points ledger and exchanges (J4). */
export function WorkersPage({ route }: { route: Route }) {
  const { t } = useLang();
  const { can } = useSession();
  const tabs = [
    {
      key: 'roster',
      label: <span data-testid="tab-roster">{t('points.tabRoster')}</span>,
      children: <RosterTab />,
    },
    can('points.read') && {
      key: 'goods',
      label: <span data-testid="tab-goods">{t('points.tabGoods')}</span>,
      children: <GoodsTab />,
    },
    can('points.ledger') && {
      key: 'ledger',
      label: <span data-testid="tab-ledger">{t('points.tabLedger')}</span>,
      children: <LedgerTab />,
    },
    can('points.read') && {
      key: 'redemptions',
      label: <span data-testid="tab-redemptions">{t('points.tabRedemptions')}</span>,
      children: <RedemptionsTab />,
    },
  ].filter((x) => !!x);
  const active = tabs.some((x) => x.key === route.query.get('tab')) ? route.query.get('tab')! : 'roster';
  return (
    <Card size="small">
      <Tabs
        destroyOnHidden
        activeKey={active}
        onChange={(k) => navigate('/workers', { tab: k }, true)}
        items={tabs}
      />
    </Card>
  );
}
