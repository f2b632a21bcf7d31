import { Card, Tabs } from 'antd';
import { useLang } from '../lang.js';
import { navigate, type Route } from '../router.js';
import { BoardTab } from './BoardTab.js';
import { LessonsTab } from './LessonsTab.js';
import { LifeTab } from './LifeTab.js';
import { OrdersTab } from './OrdersTab.js';

const TABS = ['meetings', 'board', 'lessons', 'orders'] as const;

/** 组织生活: 三会一课 and 主题党日, the rhythm board, the lesson menu (云党课) and lesson orders (配送+点单). */
export function OrgLifePage({ route }: { route: Route }) {
  const { t } = useLang();
  const tab = TABS.find((k) => k === route.path[1]) ?? 'meetings';
  const body = {
    meetings: <LifeTab />,
    board: <BoardTab />,
    lessons: <LessonsTab />,
    orders: <OrdersTab />,
  }[tab];
  return (
    <Card size="small" title={t('menu.orglife')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(`/orglife/${k}`)}
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`ol-tab-${k}`}>{t(`ol.tab.${k}`)}</span>,
          children: k === tab && body,
        }))}
      />
    </Card>
  );
}
