import { Suspense, useEffect, useRef } from 'react';
import { isStaffRole } from './session.js';
import { DotLoading, Toast } from 'antd-mobile';
import { BellOutlined, CameraOutlined, FileTextOutlined, HomeOutlined } from '@ant-design/icons';
import { pick, t } from './i18n.js';
import { useRoute } from './router.js';
import { useOnline } from './useOnline.js';
import { readAbout, startLive, useLive, type LiveEvent } from './messages/live.js';
import { linkOf } from './messages/links.js';
import { formOpen, useAnyFormOpen } from './forms.js';
import { TabNav } from './TabNav.js';
import { useQueue } from './offline/queue.js';
import { Home } from './Home.js';
import { CallLayer } from './calls/CallLayer.js';
import {
  AgencyScreen,
  CaseDetailScreen,
  CaseList,
  DisclosuresRoutes,
  ErrandsRoutes,
  MediationRecord,
  Messages,
  PointsRoutes,
  RegistersRoutes,
  RaiseWhistle,
  MyLoans,
  MyService,
  ReportScreen,
  ScreeningScreen,
  VisitsRoutes,
  CampaignTargets,
  EmergencyChecks,
  MeetingsScreen,
  LessonsScreen,
  WishesRoutes,
} from './screens.js';
import type { Me } from './types.js';

/** The signed-in app: the current screen and the bottom tab bar. */
export function Shell({
  me,
  startedOffline,
  onSignOut,
}: {
  me: Me;
  startedOffline: boolean;
  onSignOut: () => void;
}) {
  const route = useRoute();
  const online = useOnline();
  const live = useLive();
  const queue = useQueue();
  const worker = isStaffRole(me);

  // news pops up only when no form is open and it is not about what is on the screen; otherwise it
  // waits in the inbox (the badge counts it) and one line says so when the form closes
  const held = useRef(0);
  const routeRef = useRef(route);
  routeRef.current = route;
  useEffect(
    () =>
      startLive((e: LiveEvent) => {
        if (!e.title || linkOf(e) === routeRef.current) return;
        if (formOpen()) held.current++;
        else Toast.show({ content: pick(e.title, e.titleEn), duration: 3000 });
      }),
    [me.username],
  );
  const busy = useAnyFormOpen();
  useEffect(() => {
    if (busy || !held.current) return;
    Toast.show({ content: t('heldNews', { n: held.current }), duration: 3000 });
    held.current = 0;
  }, [busy]);

  // opening what a message is about reads it
  useEffect(() => void readAbout(route), [route, live.unread]);

  // tell the person when a report kept on the phone went out
  const shown = useRef(queue.lastSent?.at ?? 0);
  useEffect(() => {
    if (queue.lastSent && queue.lastSent.at > shown.current) {
      shown.current = queue.lastSent.at;
      Toast.show({
        icon: 'success',
        content: t('queueSent', { number: queue.lastSent.number }),
        duration: 3000,
      });
    }
  }, [queue.lastSent]);

  const parts = route.split('/').filter(Boolean);
  const top = `/${parts[0] ?? ''}`;
  let screen;
  // '/report/household/12': a report started from a household (a visit), pre-filled from it
  if (top === '/report')
    screen = (
      <ReportScreen
        me={me}
        source={worker ? 'patrol' : 'resident_app'}
        householdId={parts[1] === 'household' ? Number(parts[2]) || undefined : undefined}
      />
    );
  else if (top === '/cases' && parts[1])
    screen = <CaseDetailScreen key={parts[1]} id={Number(parts[1])} me={me} />;
  else if (top === '/cases') screen = <CaseList me={me} />;
  else if (top === '/messages') screen = <Messages />;
  else if (
    top === '/move-in' ||
    top === '/my-data' ||
    top === '/feedback' ||
    (top === '/households' && parts[2] === 'add')
  )
    screen = <RegistersRoutes parts={parts} me={me} onClosed={onSignOut} />;
  else if (top === '/visits' || top === '/households') screen = <VisitsRoutes parts={parts} me={me} />;
  else if (top === '/points') screen = <PointsRoutes parts={parts} me={me} />;
  else if (top === '/whistle') screen = <RaiseWhistle />;
  else if (top === '/loans') screen = <MyLoans />;
  else if (top === '/in-service') screen = <MyService me={me} />;
  else if (top === '/campaigns') screen = <CampaignTargets me={me} />;
  else if (top === '/emergency') screen = <EmergencyChecks me={me} />;
  else if (top === '/meetings') screen = <MeetingsScreen me={me} />;
  else if (top === '/lessons') screen = <LessonsScreen me={me} />;
  else if (top === '/wishes') screen = <WishesRoutes parts={parts} me={me} />;
  else if (top === '/mediation') screen = <MediationRecord />;
  else if (top === '/agency') screen = <AgencyScreen />;
  else if (top === '/screening')
    screen = (
      <ScreeningScreen householdId={parts[1] === 'household' ? Number(parts[2]) || undefined : undefined} />
    );
  else if (top === '/errands') screen = <ErrandsRoutes parts={parts} me={me} />;
  else if (top === '/disclosures') screen = <DisclosuresRoutes parts={parts} me={me} />;
  else screen = <Home me={me} onSignOut={onSignOut} />;

  const tabs = [
    { key: '/', title: t('tabHome'), icon: <HomeOutlined /> },
    { key: '/report', title: worker ? t('tabPatrol') : t('tabReport'), icon: <CameraOutlined /> },
    {
      key: '/cases',
      title: worker ? t('tabTodo') : t('tabMine'),
      icon: <FileTextOutlined />,
    },
    { key: '/messages', title: t('tabMessages'), icon: <BellOutlined />, badge: live.unread },
    // 在职党员 report nothing and have no case list: home (wishes, errands, hours) and messages
  ].filter((x) => me.role !== 'in_service_member' || x.key === '/' || x.key === '/messages');

  return (
    <>
      {(!online || startedOffline) && (
        <div className="offline-bar" role="status" data-testid="offline-bar">
          {online ? t('offlineStart') : t('offline')}
          {queue.items.length > 0 && ` · ${t('queueCount', { n: queue.items.length })}`}
        </div>
      )}
      <main>
        <Suspense
          fallback={
            <div className="page" style={{ textAlign: 'center', padding: 48 }}>
              <DotLoading />
            </div>
          }
        >
          {screen}
        </Suspense>
      </main>
      <TabNav tabs={tabs} active={tabs.some((x) => x.key === top) ? top : '/'} />
      {worker && (
        <CallLayer
          canCall={top === '/messages' && (me.role === 'grid_worker' || me.role === 'village_staff')}
        />
      )}
    </>
  );
}
