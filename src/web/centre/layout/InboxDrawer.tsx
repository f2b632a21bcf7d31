import { Button, Drawer } from 'antd';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { useLive } from '../live.js';
import { ok, useLoad } from '../load.js';
import type { InboxItem } from '../types.js';
import { InboxList } from './InboxList.js';
import { linkOf, openLink } from './links.js';

/** The inbox (GET /inbox): open a notification → mark it read and go to what it is about. */
export function InboxDrawer({
  open,
  onClose,
  onChanged,
}: {
  open: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useLang();
  const inbox = useLoad(
    () =>
      open ? ok(api.GET('/api/v1/inbox', { params: { query: { limit: 50 } } })) : Promise.resolve(undefined),
    [open],
  );
  useLive(() => open && inbox.reload());

  async function markRead(ids?: number[]) {
    await api.POST('/api/v1/inbox/read', { body: ids ? { ids } : {} });
    inbox.reload();
    onChanged();
  }
  async function openItem(n: InboxItem) {
    if (!n.readAt) await markRead([n.id]);
    if (linkOf(n)) {
      onClose();
      openLink(n);
    }
  }

  return (
    <Drawer
      title={t('inbox.title')}
      open={open}
      onClose={onClose}
      size={420}
      extra={
        <Button size="small" onClick={() => void markRead()} data-testid="inbox-mark-all">
          {t('inbox.markAll')}
        </Button>
      }
    >
      <InboxList items={inbox.data?.items ?? []} loading={inbox.loading} onOpen={(n) => void openItem(n)} />
    </Drawer>
  );
}
