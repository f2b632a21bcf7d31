import { Alert, Button, Descriptions, Drawer, Image, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { WishActionModal, type WishAction } from './WishActionModal.js';
import { WishStatusTag } from './WishStatusTag.js';

/** One wish: who it is for (public name only), claims, fulfilment with photos, thanks, the steps, and the actions the API offers. */
export function WishDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: number | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, label, lang } = useLang();
  const [tick, setTick] = useState(0);
  const [acting, setActing] = useState<WishAction | null>(null);
  const res = useLoad(
    () =>
      id ? ok(api.GET('/api/v1/wishes/{id}', { params: { path: { id } } })) : Promise.resolve(undefined),
    [id, tick],
  );
  const w = res.data;
  const active = w?.claims.filter((c) => c.status === 'active') ?? [];

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={640}
      title={w ? `${w.number} · ${w.title}` : ''}
      data-testid="wish-drawer"
    >
      {res.error ? <Alert type="error" title={errorText(res.error, lang)} /> : null}
      {w && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('wishes.status')} span={2}>
              <WishStatusTag status={w.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('wishes.beneficiary')}>{w.beneficiary}</Descriptions.Item>
            <Descriptions.Item label={t('wishes.kind')}>
              {label('wishes.kind', w.beneficiaryKind)}
            </Descriptions.Item>
            <Descriptions.Item label={t('wishes.detail')} span={2}>
              {w.detail || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('wishes.grid')}>{w.gridName}</Descriptions.Item>
            <Descriptions.Item label={t('wishes.source')}>
              {label('wishes.source', w.source)}
            </Descriptions.Item>
            <Descriptions.Item label={t('wishes.createdAt')}>{fmtTime(w.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('wishes.claimers')}>
              <span data-testid="wish-claimers">
                {active.map((c) => (
                  <Tag key={c.id}>
                    {c.claimerName} · {label('wishes.claimerKind', c.claimerKind)}
                  </Tag>
                ))}
                {active.length === 0 && '—'}
                {w.maxClaimers > 1 && t('wishes.share', { n: active.length, max: w.maxClaimers })}
              </span>
            </Descriptions.Item>
            {w.rejectReason && (
              <Descriptions.Item label={t('wishes.rejectReason')} span={2}>
                {w.rejectReason}
              </Descriptions.Item>
            )}
            {w.fulfilNote && (
              <Descriptions.Item label={t('wishes.fulfilNote')} span={2}>
                {w.fulfilNote}
              </Descriptions.Item>
            )}
            {w.thanksNote && (
              <Descriptions.Item label={t('wishes.thanks')} span={2}>
                <span data-testid="wish-thanks">{w.thanksNote}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          {w.actions.length > 0 && (
            <Space wrap>
              {w.actions.map((a) => (
                <Button
                  key={a}
                  type={a === 'reject' || a === 'withdraw' || a === 'unclaim' ? 'default' : 'primary'}
                  danger={a === 'reject'}
                  onClick={() => setActing(a)}
                  data-testid={`wish-action-${a}`}
                >
                  {label('wishes.action', a)}
                </Button>
              ))}
            </Space>
          )}
          {w.photos.length > 0 && (
            <Image.PreviewGroup>
              {w.photos.map((p) => (
                <Image key={p.id} width={96} src={p.thumbUrl} preview={{ src: p.url }} />
              ))}
            </Image.PreviewGroup>
          )}
          <Typography.Title level={5}>{t('wishes.steps')}</Typography.Title>
          <Timeline
            items={w.history.map((h) => ({
              key: h.id,
              content: (
                <span>
                  <b>{label('wishes.step', h.action)}</b> {fmtTime(h.at)} · {h.actorName ?? '—'}
                  {h.note ? ` — ${h.note}` : ''}
                </span>
              ),
            }))}
          />
          <WishActionModal
            key={`${w.id}.${w.version}.${acting ?? ''}`}
            w={w}
            action={acting}
            onClose={() => setActing(null)}
            onDone={() => {
              setActing(null);
              setTick((n) => n + 1);
              onChanged();
            }}
          />
        </Space>
      )}
    </Drawer>
  );
}
