import { useEffect, useState } from 'react';
import { Button, Dialog } from 'antd-mobile';
import { CameraOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { errorText } from '../../shared/api.js';
import { pick, t } from '../i18n.js';
import { go } from '../router.js';
import { flush, removeItem, useQueue } from './queue.js';
import { loadDraft, loadVisitDraft, saveDraft, saveVisitDraft, type QueueItem } from './db.js';
import { hasContent } from '../report/useDraft.js';

/** 待发送 N 条: reports and visits kept on the phone, with "send now", and edit/delete for refused ones. */
export function QueuePanel() {
  const q = useQueue();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!q.items.length) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [q.items.length]);

  if (!q.items.length) return null;
  const next = Math.min(
    ...q.items.filter((i) => i.status === 'pending' && i.nextAt > now).map((i) => i.nextAt),
  );

  return (
    <div className="card queue" data-testid="queue">
      <div className="row">
        <CloudUploadOutlined style={{ fontSize: 28, color: '#873800' }} />
        <span className="count grow" data-testid="queue-count" data-count={q.items.length}>
          {t('queueCount', { n: q.items.length })}
        </span>
        {q.items.some((i) => i.status !== 'attention') && (
          <Button
            size="small"
            color="warning"
            loading={q.sending}
            onClick={() => void flush(true)}
            data-testid="queue-retry"
          >
            {q.sending ? t('queueSending') : t('queueRetry')}
          </Button>
        )}
      </div>
      <p className="muted" style={{ margin: '6px 0' }}>
        {t('queueHint')}
        {Number.isFinite(next) && !q.sending && ` · ${t('queueNext', { s: Math.ceil((next - now) / 1000) })}`}
      </p>
      {q.items.map((item) => (
        <Row key={item.id} item={item} busy={q.sending} />
      ))}
    </div>
  );
}

/** What the item is, in a line and a half: a report's category and words, a visit's household and notes. */
function label(item: QueueItem): { title: string; text: string } {
  if (item.kind === 'dispute') {
    const w = item.work;
    if (w.url === '/api/v1/disputes/{id}/sessions') return { title: t('queueMediation'), text: w.label };
    return {
      title: t('queueScreening'),
      text:
        w.url === '/api/v1/disputes'
          ? w.body.summary
          : (w.body.disputes ?? []).map((d) => d.summary).join('；') || t('screeningNothing'),
    };
  }
  if (item.kind === 'campaign') return { title: t('campQueueItem'), text: item.work.title };
  if (item.kind === 'emergency') return { title: t('emgQueueItem'), text: item.work.title };
  if (item.kind === 'visit')
    return { title: t('visitsQueueItem', { address: item.draft.address }), text: item.body.notes ?? '' };
  const cat = item.draft.category;
  return { title: cat ? pick(cat.name, cat.nameEn) : '—', text: item.body.description };
}

function Row({ item, busy }: { item: QueueItem; busy: boolean }) {
  const attention = item.status !== 'pending';
  const { title, text } = label(item);
  return (
    <div className="queue-item" data-testid={`queue-item-${item.status}`} data-kind={item.kind ?? 'report'}>
      <div style={{ fontWeight: 700 }}>
        {title}
        {item.draft.photos.length > 0 && (
          <span className="muted">
            {' '}
            · <CameraOutlined /> {item.draft.photos.length}
          </span>
        )}
      </div>
      <div className="muted">{text.slice(0, 40)}</div>
      {item.status === 'attention' && (
        <div className="error-text" data-testid="queue-error">
          {t('queueAttention')}：{item.error ? errorText(item.error) : ''}
        </div>
      )}
      {item.status === 'auth' && <div className="error-text">{t('queueAuth')}</div>}
      {item.maybeSent && <div className="muted">{t('queueMaybeSent')}</div>}
      {attention && (
        <div className="row" style={{ marginTop: 6 }}>
          <Button
            size="small"
            color="primary"
            disabled={busy}
            onClick={() => void edit(item)}
            data-testid="queue-edit"
          >
            {t('queueEdit')}
          </Button>
          <Button size="small" disabled={busy} onClick={() => void remove(item)} data-testid="queue-delete">
            {t('queueDelete')}
          </Button>
        </div>
      )}
    </div>
  );
}

async function remove(item: QueueItem): Promise<void> {
  if (
    await Dialog.confirm({
      content: t('queueDeleteConfirm'),
      confirmText: t('queueDelete'),
      cancelText: t('cancel'),
    })
  )
    await removeItem(item.id);
}

/** Back into the report or visit form (its draft), out of the queue; a half-written form is not overwritten silently. */
async function edit(item: QueueItem): Promise<void> {
  // a screening has no form to go back to: it is sent again or deleted
  if (item.kind === 'dispute' || item.kind === 'campaign' || item.kind === 'emergency') return;
  const current =
    item.kind === 'visit' ? await loadVisitDraft(item.draft.key) : await loadDraft(item.draft.key);
  const written =
    current && ('category' in current ? hasContent(current) : current.notes.trim() || current.photos.length);
  if (
    written &&
    !(await Dialog.confirm({
      content: t('replaceDraft'),
      confirmText: t('confirm'),
      cancelText: t('cancel'),
    }))
  )
    return;
  if (item.kind === 'visit')
    await saveVisitDraft({ ...item.draft, savedAt: Date.now(), refusal: item.error });
  else await saveDraft({ ...item.draft, savedAt: Date.now(), refusal: item.error });
  await removeItem(item.id);
  go(
    item.kind === 'visit'
      ? `/households/${item.draft.householdId}`
      : item.draft.household
        ? `/report/household/${item.draft.household.id}`
        : '/report',
  );
}
