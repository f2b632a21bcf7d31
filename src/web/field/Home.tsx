import { Button, Dialog } from 'antd-mobile';
import { CameraOutlined, FileTextOutlined, GlobalOutlined, LogoutOutlined } from '@ant-design/icons';
import { getLang, setLang, t } from './i18n.js';
import { go } from './router.js';
import { QueuePanel } from './offline/QueuePanel.js';
import { queueState } from './offline/queue.js';
import type { Me } from './types.js';

export function Home({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const worker = me.role === 'grid_worker';

  // reports still on the phone are sent only when this account signs in again: say so
  async function signOut() {
    const n = queueState().items.length;
    if (n && !(await Dialog.confirm({ content: t('signOutQueue', { n }), confirmText: t('signOut'), cancelText: t('cancel') }))) return;
    onSignOut();
  }
  return (
    <div className="page">
      <div className="page-title">
        <span className="grow">{t('hello', { name: me.displayName })}</span>
        <Button size="small" fill="outline" onClick={() => setLang(getLang() === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">
          <GlobalOutlined /> {t('langSwitch')}
        </Button>
      </div>
      <p className="muted" style={{ margin: '0 4px 12px' }}>
        {t('myGrid', { name: me.scope.name })}
      </p>

      <QueuePanel />

      <button type="button" className="big-action" onClick={() => go('/report')} data-testid="home-report">
        <CameraOutlined className="icon" />
        <span>
          {worker ? t('tabPatrol') : t('tabReport')}
          <small>{worker ? t('homePatrol') : t('homeReport')}</small>
        </span>
      </button>
      <button type="button" className="big-action secondary" onClick={() => go('/cases')} data-testid="home-cases">
        <FileTextOutlined className="icon" />
        <span>
          {worker ? t('tabTodo') : t('tabMine')}
          <small>{worker ? t('homeTodo') : t('homeMine')}</small>
        </span>
      </button>

      <Button block fill="none" onClick={() => void signOut()} data-testid="sign-out" style={{ marginTop: 24, color: '#444' }}>
        <LogoutOutlined /> {t('signOut')}
      </Button>
    </div>
  );
}
