import { Tabs } from 'antd';
import { useLang } from '../lang.js';
import { navigate, type Route } from '../router.js';
import { PetitionRegister } from './PetitionRegister.js';
import { WindowsBoard } from './WindowsBoard.js';

/** 信访超市: the windows board, the visitor register, the statutory deadlines. `#/petitions/<tab>/<id>` */
export function PetitionsPage({ route }: { route: Route }) {
  const { t } = useLang();
  const tab = route.path[1] ?? 'windows';
  const openId = Number(route.path[2]) || null;
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => navigate(`/petitions/${k}`)}
      items={[
        {
          key: 'windows',
          label: <span data-testid="pet-tab-windows">{t('pet.tab.windows')}</span>,
          children: tab === 'windows' ? <WindowsBoard /> : null,
        },
        {
          key: 'register',
          label: <span data-testid="pet-tab-register">{t('pet.tab.register')}</span>,
          children: tab === 'register' ? <PetitionRegister openId={openId} /> : null,
        },
        {
          key: 'deadlines',
          label: <span data-testid="pet-tab-deadlines">{t('pet.tab.deadlines')}</span>,
          children: tab === 'deadlines' ? <PetitionRegister openId={openId} due /> : null,
        },
      ]}
    />
  );
}
