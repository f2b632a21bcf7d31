import { List, Tag, Typography } from 'antd';
import { fmtTime } from '../format.js';
import { noticeBodyText } from '../../shared/notice-body.js';
import { useLang } from '../lang.js';
import type { InboxItem } from '../types.js';

/** Notifications, newest first; unread ones in bold. Click → the case. */
export function InboxList({
  items,
  onOpen,
  loading,
}: {
  items: InboxItem[];
  onOpen: (n: InboxItem) => void;
  loading?: boolean;
}) {
  const { t, lang } = useLang();
  return (
    <List
      size="small"
      loading={loading}
      dataSource={items}
      locale={{ emptyText: t('inbox.empty') }}
      renderItem={(n) => (
        <List.Item
          key={n.id}
          onClick={() => onOpen(n)}
          style={{ cursor: 'pointer' }}
          data-testid={`inbox-item-${n.id}`}
        >
          <List.Item.Meta
            title={
              <span style={{ fontWeight: n.readAt ? 400 : 600 }}>
                {!n.readAt && <Tag color="red">{t('inbox.unread')}</Tag>}
                {lang === 'en' ? n.titleEn : n.title}
              </span>
            }
            description={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fmtTime(n.createdAt)}
                {n.body ? ` · ${noticeBodyText(n, lang)}` : ''}
              </Typography.Text>
            }
          />
        </List.Item>
      )}
    />
  );
}
