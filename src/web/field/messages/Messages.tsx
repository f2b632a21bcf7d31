import { Button, DotLoading } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { noticeBodyText } from '../../shared/notice-body.js';
import { getLang, pick, t } from '../i18n.js';
import { failText, ok, timeout } from '../net.js';
import { useFetch } from '../useFetch.js';
import { when } from '../cases/bits.js';
import type { InboxItem } from '../types.js';
import { openLink } from './links.js';
import { markedRead, refreshUnread, useLive } from './live.js';

/** 消息: my notifications (GET /api/v1/inbox), live through the event stream. */
export function Messages() {
  const { tick, connected } = useLive();
  const inbox = useFetch(
    null,
    () => ok(api.GET('/api/v1/inbox', { params: { query: { limit: 50 } }, signal: timeout(20_000) })),
    [tick],
  );
  const items = inbox.data?.items ?? [];

  async function markRead(ids?: number[]) {
    markedRead(ids ? ids.length : 'all');
    await ok(api.POST('/api/v1/inbox/read', { body: ids ? { ids } : {} })).catch(() => undefined);
    await refreshUnread();
    await inbox.reload();
  }

  function open(m: InboxItem) {
    if (!m.readAt) void markRead([m.id]);
    openLink(m);
  }

  return (
    <div className="page">
      <div className="page-title">
        <h1 className="grow">{t('messagesTitle')}</h1>
        {connected && (
          <span className="live-dot" data-testid="live">
            ● {t('live')}
          </span>
        )}
      </div>
      {(inbox.data?.unread ?? 0) > 0 && (
        <Button
          block
          onClick={() => void markRead()}
          style={{ marginBottom: 12 }}
          data-testid="mark-all-read"
        >
          {t('markAllRead')}
        </Button>
      )}
      {inbox.error && <div className="card error-text">{failText(inbox.error)}</div>}
      {inbox.loading && !inbox.data && <DotLoading />}
      <div className="card" data-testid="messages">
        {inbox.data && !items.length && <p className="muted">{t('noMessages')}</p>}
        {items.map((m) => (
          <div
            key={m.id}
            className={m.readAt ? 'msg' : 'msg unread'}
            role="button"
            tabIndex={0}
            onClick={() => open(m)}
            data-testid={`message-${m.id}`}
            style={{ minHeight: 48, cursor: 'pointer' }}
          >
            <div className="msg-title">{pick(m.title, m.titleEn)}</div>
            {m.body && <div data-testid={`message-body-${m.id}`}>{noticeBodyText(m, getLang())}</div>}
            <div className="muted">{when(m.createdAt)}</div>
          </div>
        ))}
      </div>
    </div>
  );
}
