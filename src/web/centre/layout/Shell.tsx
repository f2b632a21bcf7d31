import {
  AlertOutlined,
  PhoneOutlined,
  AuditOutlined,
  ClusterOutlined,
  ApartmentOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FlagOutlined,
  GiftOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  SettingOutlined,
  ShopOutlined,
  ShoppingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { App, Layout, Menu, Result, Spin } from 'antd';
import { Suspense, useEffect, type ReactNode } from 'react';
import { useLang } from '../lang.js';
import { CallDock } from '../calls/CallDock.js';
import { openLiveStream, useLive } from '../live.js';
import { navigate, useRoute } from '../router.js';
import { useSession } from '../session.js';
import { HeaderBar } from './HeaderBar.js';
import { openLink } from './links.js';
import {
  AdminPage,
  CadresPage,
  CaseDetailPage,
  CaseListPage,
  DashboardPage,
  DisclosuresPage,
  DisputesPage,
  EnterprisesPage,
  ErrandsPage,
  PartyPage,
  PetitionsPage,
  ReportsPage,
  TeamsPage,
  StationsPage,
  InServicePage,
  PeoplePage,
  TerritoryPage,
  CampaignsPage,
  CityPage,
  EmergencyPage,
  CallLogPage,
  MeetingsPage,
  OrgLifePage,
  VisitsPage,
  WishesPage,
  WhistlesPage,
  WorkersPage,
  Workbench,
} from './pages.js';

/** The signed-in frame: red header, left menu, the screen of the route. */
export function Shell() {
  const { t, lang } = useLang();
  const { can } = useSession();
  const { notification } = App.useApp();
  const route = useRoute();
  // a city centre reaches only its city's campaigns (src/server/city-reach.ts): it lands there
  const city = can('campaigns.city');
  const section = route.path[0] ?? (city ? 'city' : 'workbench');

  useEffect(() => openLiveStream(), []);
  useLive((e) => {
    if (e.title)
      notification.info({
        title: lang === 'en' && e.titleEn ? e.titleEn : e.title,
        placement: 'bottomRight',
        duration: 4,
        onClick: () => openLink(e),
      });
  });

  const items = [
    { key: 'workbench', icon: <DashboardOutlined />, label: t('menu.workbench'), show: !city },
    { key: 'cases', icon: <AlertOutlined />, label: t('menu.cases'), show: !city },
    { key: 'city', icon: <FileDoneOutlined />, label: t('menu.city'), show: city },
    {
      key: 'dashboard',
      icon: <DashboardOutlined />,
      label: t('menu.dashboard'),
      show: can('indicators.read'),
    },
    { key: 'reports', icon: <FileDoneOutlined />, label: t('menu.reports'), show: can('reports.read') },
    { key: 'territory', icon: <ApartmentOutlined />, label: t('menu.territory'), show: can('regions.read') },
    { key: 'people', icon: <TeamOutlined />, label: t('menu.people'), show: can('people.read') },
    { key: 'visits', icon: <HomeOutlined />, label: t('menu.visits'), show: can('visits.read') },
    { key: 'workers', icon: <GiftOutlined />, label: t('menu.workers'), show: can('workers.read') },
    { key: 'party', icon: <FlagOutlined />, label: t('menu.party'), show: can('party.read') },
    { key: 'cadres', icon: <IdcardOutlined />, label: t('menu.cadres'), show: can('cadres.read') },
    {
      key: 'enterprises',
      icon: <ShopOutlined />,
      label: t('menu.enterprises'),
      show: can('enterprises.read'),
    },
    { key: 'wishes', icon: <HeartOutlined />, label: t('menu.wishes'), show: can('wishes.read') },
    { key: 'errands', icon: <ShoppingOutlined />, label: t('menu.errands'), show: can('errands.read') },
    { key: 'disputes', icon: <AuditOutlined />, label: t('menu.disputes'), show: can('disputes.read') },
    {
      key: 'disclosures',
      icon: <FileDoneOutlined />,
      label: t('menu.disclosures'),
      show: can('disclosures.read'),
    },
    { key: 'petitions', icon: <AuditOutlined />, label: t('menu.petitions'), show: can('petitions.read') },
    { key: 'teams', icon: <ClusterOutlined />, label: t('menu.teams'), show: can('teams.read') },
    { key: 'whistles', icon: <AlertOutlined />, label: t('menu.whistles'), show: can('whistles.read') },
    { key: 'campaigns', icon: <FileDoneOutlined />, label: t('menu.campaigns'), show: can('campaigns.read') },
    { key: 'emergency', icon: <AlertOutlined />, label: t('menu.emergency'), show: can('emergency.read') },
    { key: 'calls', icon: <PhoneOutlined />, label: t('menu.calls'), show: can('calls.read') },
    { key: 'meetings', icon: <ClusterOutlined />, label: t('menu.meetings'), show: can('meetings.read') },
    { key: 'orglife', icon: <ClusterOutlined />, label: t('menu.orglife'), show: can('orglife.read') },
    { key: 'stations', icon: <ShopOutlined />, label: t('menu.stations'), show: can('stations.read') },
    { key: 'inservice', icon: <FlagOutlined />, label: t('menu.inservice'), show: can('inservice.read') },
    { key: 'admin', icon: <SettingOutlined />, label: t('menu.admin'), show: can('accounts.manage') },
  ]
    .filter((i) => i.show)
    .map((i) => ({ key: i.key, icon: i.icon, label: <span data-testid={`menu-${i.key}`}>{i.label}</span> }));

  let page: ReactNode;
  if (section === 'workbench' && !city) page = <Workbench />;
  else if (section === 'city' && city) page = <CityPage route={route} />;
  else if (city) page = <Result status="404" title="404" subTitle={t('app.notFound')} />;
  else if (section === 'cases' && route.path[1] && /^\d+$/.test(route.path[1]))
    page = <CaseDetailPage key={route.path[1]} id={Number(route.path[1])} />;
  else if (section === 'cases' && !route.path[1]) page = <CaseListPage query={route.query} />;
  else if (section === 'dashboard' && can('indicators.read'))
    page = (
      <Suspense fallback={null}>
        <DashboardPage route={route} />
      </Suspense>
    );
  else if (section === 'reports' && can('reports.read')) page = <ReportsPage route={route} />;
  else if (section === 'territory' && can('regions.read')) page = <TerritoryPage />;
  else if (section === 'people' && can('people.read')) page = <PeoplePage />;
  else if (section === 'visits' && can('visits.read')) page = <VisitsPage route={route} />;
  else if (section === 'workers' && can('workers.read')) page = <WorkersPage route={route} />;
  else if (section === 'party' && can('party.read')) page = <PartyPage route={route} />;
  else if (section === 'cadres' && can('cadres.read')) page = <CadresPage route={route} />;
  else if (section === 'enterprises' && can('enterprises.read')) page = <EnterprisesPage route={route} />;
  else if (section === 'wishes' && can('wishes.read')) page = <WishesPage route={route} />;
  else if (section === 'errands' && can('errands.read')) page = <ErrandsPage route={route} />;
  else if (section === 'disputes' && can('disputes.read')) page = <DisputesPage route={route} />;
  else if (section === 'disclosures' && can('disclosures.read')) page = <DisclosuresPage route={route} />;
  else if (section === 'petitions' && can('petitions.read')) page = <PetitionsPage route={route} />;
  else if (section === 'teams' && can('teams.read')) page = <TeamsPage route={route} />;
  else if (section === 'whistles' && can('whistles.read')) page = <WhistlesPage route={route} />;
  else if (section === 'campaigns' && can('campaigns.read')) page = <CampaignsPage route={route} />;
  else if (section === 'emergency' && can('emergency.read')) page = <EmergencyPage route={route} />;
  else if (section === 'calls' && can('calls.read')) page = <CallLogPage route={route} />;
  else if (section === 'meetings' && can('meetings.read')) page = <MeetingsPage route={route} />;
  else if (section === 'orglife' && can('orglife.read')) page = <OrgLifePage route={route} />;
  else if (section === 'stations' && can('stations.read')) page = <StationsPage route={route} />;
  else if (section === 'inservice' && can('inservice.read')) page = <InServicePage route={route} />;
  else if (section === 'admin' && can('accounts.manage')) page = <AdminPage />;
  else page = <Result status="404" title="404" subTitle={t('app.notFound')} />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <HeaderBar />
      <CallDock />
      <Layout>
        <Layout.Sider
          width={184}
          breakpoint="lg"
          collapsible
          theme="light"
          style={{ borderRight: '1px solid #f0f0f0' }}
        >
          <nav aria-label={t('menu.label')}>
            <Menu
              mode="inline"
              selectedKeys={[section]}
              items={items}
              onClick={(e) => navigate(`/${e.key}`)}
              style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>
          <Suspense
            fallback={<Spin style={{ display: 'block', margin: 48 }} description={t('app.loading')} />}
          >
            {page}
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
