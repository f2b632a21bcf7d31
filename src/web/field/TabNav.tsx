import type { ReactNode } from 'react';
import { t } from './i18n.js';
import { go } from './router.js';

export type Tab = { key: string; title: string; icon: ReactNode; badge?: number };

/**
 * The bottom tabs, as a navigation landmark of real buttons. A tap always goes to the tab's
 * root — also on the tab already active (from a case back to the list, from 入户走访 back home):
 * a phone without a system back button is never stuck.
 */
export function TabNav({ tabs, active }: { tabs: Tab[]; active: string }) {
  return (
    <nav className="tabbar" aria-label={t('navMain')}>
      {tabs.map((x) => (
        <button
          key={x.key}
          type="button"
          className={x.key === active ? 'tab active' : 'tab'}
          aria-current={x.key === active ? 'page' : undefined}
          onClick={() => go(x.key)}
          data-testid={`tab-${x.key.slice(1) || 'home'}`}
        >
          <span className="tab-icon" aria-hidden="true">
            {x.icon}
            {!!x.badge && (
              <span className="tab-badge" data-testid="unread-badge">
                {x.badge > 99 ? '99+' : x.badge}
              </span>
            )}
          </span>
          <span className="tab-title">{x.title}</span>
          {!!x.badge && <span className="sr-only">{t('unreadN', { n: x.badge })}</span>}
        </button>
      ))}
    </nav>
  );
}
