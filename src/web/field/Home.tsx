import { Button, Dialog, Switch } from 'antd-mobile';
import { isStaffRole } from './session.js';
import {
  AuditOutlined,
  CameraOutlined,
  FileTextOutlined,
  GiftOutlined,
  GlobalOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  LogoutOutlined,
  MessageOutlined,
  NotificationOutlined,
  ShoppingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { getLang, setLang, t } from './i18n.js';
import { setCare, useCare } from './care.js';
import { go } from './router.js';
import { EmergencyBanner } from './emergency/EmergencyBanner.js';
import { QueuePanel } from './offline/QueuePanel.js';
import { NearHome } from './inservice/NearHome.js';
import { queueState } from './offline/queue.js';
import type { Me } from './types.js';

/** The services below the two big buttons, each shown when the account may use it. */
const SERVICES = [
  { key: 'visits', path: '/visits', icon: <HomeOutlined />, label: 'svcVisits', ability: 'visits.record' },
  {
    key: 'emergency',
    path: '/emergency',
    icon: <AuditOutlined />,
    label: 'svcEmergency',
    ability: 'emergency.respond',
  },
  {
    key: 'campaigns',
    path: '/campaigns',
    icon: <AuditOutlined />,
    label: 'svcCampaigns',
    ability: 'campaigns.work',
  },
  {
    key: 'meetings',
    path: '/meetings',
    icon: <TeamOutlined />,
    label: 'svcMeetings',
    ability: 'meetings.convene',
  },
  { key: 'points', path: '/points', icon: <GiftOutlined />, label: 'svcPoints', ability: 'points.redeem' },
  { key: 'wishes', path: '/wishes', icon: <HeartOutlined />, label: 'svcWishes', ability: 'wishes.request' },
  {
    key: 'screening',
    path: '/screening',
    icon: <AuditOutlined />,
    label: 'svcScreening',
    ability: 'disputes.screen',
  },
  {
    key: 'mediation',
    path: '/mediation',
    icon: <SolutionOutlined />,
    label: 'svcMediation',
    ability: 'mediation.record',
  },
  { key: 'agency', path: '/agency', icon: <TeamOutlined />, label: 'svcAgency', ability: 'petitions.agency' },
  {
    key: 'whistle',
    path: '/whistle',
    icon: <NotificationOutlined />,
    label: 'svcWhistle',
    ability: 'whistles.raise',
  },
  { key: 'errands', path: '/errands', icon: <ShoppingOutlined />, label: 'svcErrands', ability: null },
  {
    key: 'move-in',
    path: '/move-in',
    icon: <UserAddOutlined />,
    label: 'regMoveInHousehold',
    ability: 'people.edit',
  },
  { key: 'my-data', path: '/my-data', icon: <IdcardOutlined />, label: 'svcMyData', ability: 'people.self' },
  {
    key: 'feedback',
    path: '/feedback',
    icon: <MessageOutlined />,
    label: 'svcFeedback',
    ability: 'feedback.submit',
  },
  {
    key: 'disclosures',
    path: '/disclosures',
    icon: <NotificationOutlined />,
    label: 'svcDisclosures',
    ability: 'disclosures.read',
  },
  {
    key: 'lessons',
    path: '/lessons',
    icon: <SolutionOutlined />,
    label: 'svcLessons',
    ability: 'lessons.watch',
  },
  { key: 'loans', path: '/loans', icon: <ShoppingOutlined />, label: 'svcLoans', ability: 'stations.mine' },
  {
    key: 'my-service',
    path: '/in-service',
    icon: <IdcardOutlined />,
    label: 'svcMyService',
    ability: 'inservice.self',
  },
] as const;

export function Home({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const worker = isStaffRole(me);
  const care = useCare();

  // reports still on the phone are sent only when this account signs in again: say so
  async function signOut() {
    const n = queueState().items.length;
    if (
      n &&
      !(await Dialog.confirm({
        content: t('signOutQueue', { n }),
        confirmText: t('signOut'),
        cancelText: t('cancel'),
      }))
    )
      return;
    onSignOut();
  }
  return (
    <div className="page">
      <div className="page-title">
        <h1 className="grow">{t('hello', { name: me.displayName })}</h1>
        <Button
          size="small"
          fill="outline"
          onClick={() => setLang(getLang() === 'zh' ? 'en' : 'zh')}
          data-testid="lang-switch"
        >
          <GlobalOutlined /> <span lang={getLang() === 'zh' ? 'en' : 'zh-CN'}>{t('langSwitch')}</span>
        </Button>
      </div>
      <p className="muted" style={{ margin: '0 4px 12px' }}>
        {t('myGrid', { name: me.scope.name })}
      </p>

      <EmergencyBanner me={me} />
      <QueuePanel />

      {me.role === 'in_service_member' && <NearHome />}
      {me.role !== 'in_service_member' && (
        <>
          <button
            type="button"
            className="big-action"
            onClick={() => go('/report')}
            data-testid="home-report"
          >
            <CameraOutlined className="icon" />
            <span>
              {worker ? t('tabPatrol') : t('tabReport')}
              <small>{worker ? t('homePatrol') : t('homeReport')}</small>
            </span>
          </button>
          <button
            type="button"
            className="big-action secondary"
            onClick={() => go('/cases')}
            data-testid="home-cases"
          >
            <FileTextOutlined className="icon" />
            <span>
              {worker ? t('tabTodo') : t('tabMine')}
              <small>{worker ? t('homeTodo') : t('homeMine')}</small>
            </span>
          </button>
        </>
      )}

      <h2 className="section-title">{t('homeServices')}</h2>
      <div className="services">
        {SERVICES.filter((x) =>
          x.ability
            ? me.abilities.includes(x.ability)
            : me.abilities.includes('errands.request') || me.abilities.includes('errands.handle'),
        ).map((x) => (
          <button
            key={x.key}
            type="button"
            className="service"
            onClick={() => go(x.path)}
            data-testid={`home-${x.key}`}
          >
            <span className="icon">{x.icon}</span>
            <span>{t(x.label)}</span>
          </button>
        ))}
      </div>

      <h2 className="section-title">{t('settings')}</h2>
      <div className="card row" style={{ minHeight: 64 }}>
        <div className="grow">
          <b>{t('careMode')}</b>
          <div className="muted">{t('careModeHint')}</div>
        </div>
        <Switch
          checked={care}
          onChange={setCare}
          aria-label={t('careMode')}
          data-testid="care-switch"
          style={{ '--height': '36px', '--width': '60px' }}
        />
      </div>

      <Button
        block
        fill="none"
        onClick={() => void signOut()}
        data-testid="sign-out"
        style={{ marginTop: 24, color: '#444' }}
      >
        <LogoutOutlined /> {t('signOut')}
      </Button>
    </div>
  );
}
