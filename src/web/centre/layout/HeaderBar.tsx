import {
  BellOutlined,
  DownOutlined,
  EnvironmentOutlined,
  GlobalOutlined,
  LogoutOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Badge, Dropdown, Layout, Space, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { useLive } from '../live.js';
import { ok, useLoad } from '../load.js';
import { navigate } from '../router.js';
import { useMe, useSession } from '../session.js';
import { InboxDrawer } from './InboxDrawer.js';
import { MapSettings } from './MapSettings.js';

/** Title, scope, unread inbox badge (live), language switch and the user menu. */
export function HeaderBar() {
  const { t, lang, setLang } = useLang();
  const me = useMe();
  const { signOut } = useSession();
  const [inboxOpen, setInboxOpen] = useState(false);
  const [mapOpen, setMapOpen] = useState(false);
  const unread = useLoad(
    () =>
      ok(api.GET('/api/v1/inbox', { params: { query: { unread: 'true', limit: 1 } } })).then((r) => r.unread),
    [],
  );
  useLive(() => unread.reload());

  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 16,
        color: '#fff',
        boxShadow: '0 1px 4px rgba(0,0,0,.25)',
        zIndex: 10,
      }}
    >
      <div
        style={{ display: 'flex', alignItems: 'center', gap: 10, cursor: 'pointer' }}
        onClick={() => navigate('/workbench')}
      >
        <span
          style={{
            display: 'inline-flex',
            alignItems: 'center',
            justifyContent: 'center',
            width: 32,
            height: 32,
            lineHeight: '32px',
            borderRadius: 4,
            background: '#ffd666',
            color: '#a50f25',
            fontWeight: 700,
            fontSize: 18,
          }}
        >
          网
        </span>
        <h1 style={{ fontSize: 18, fontWeight: 600, letterSpacing: 1, margin: 0, color: '#fff' }}>
          {t('app.title')}
        </h1>
      </div>
      <div style={{ flex: 1 }} />
      <Space size={20}>
        <Tag
          icon={<EnvironmentOutlined />}
          color="gold"
          style={{ marginInlineEnd: 0 }}
          data-testid="header-scope"
        >
          {me.scope.name} · {lang === 'zh' ? me.roleName.zh : me.roleName.en}
        </Tag>
        <button
          type="button"
          className="wg-header-link"
          onClick={() => setInboxOpen(true)}
          data-testid="inbox-badge"
          title={t('header.inbox')}
          aria-label={`${t('header.inbox')}${unread.data ? ` (${unread.data})` : ''}`}
        >
          <Badge count={unread.data ?? 0} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
          </Badge>
        </button>
        <button
          type="button"
          className="wg-header-link"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          data-testid="lang-switch"
          lang={lang === 'zh' ? 'en' : 'zh-CN'}
        >
          <GlobalOutlined /> {t('header.lang')}
        </button>
        <Dropdown
          menu={{
            items: [
              {
                key: 'map',
                icon: <EnvironmentOutlined />,
                label: t('header.mapSettings'),
                onClick: () => setMapOpen(true),
              },
              { type: 'divider' },
              {
                key: 'logout',
                icon: <LogoutOutlined />,
                label: <span data-testid="logout">{t('header.logout')}</span>,
                onClick: () => void signOut(),
              },
            ],
          }}
        >
          <button type="button" className="wg-header-link" data-testid="user-menu">
            <UserOutlined /> {me.displayName} <DownOutlined style={{ fontSize: 10 }} />
          </button>
        </Dropdown>
      </Space>
      <InboxDrawer open={inboxOpen} onClose={() => setInboxOpen(false)} onChanged={unread.reload} />
      <MapSettings open={mapOpen} onClose={() => setMapOpen(false)} />
    </Layout.Header>
  );
}
