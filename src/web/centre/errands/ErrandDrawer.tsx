import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Image,
  Input,
  Modal,
  Radio,
  Space,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { StatusTag } from './StatusTag.js';
import { RelayPanel } from './RelayPanel.js';

type Detail = paths['/api/v1/errands/{id}']['get']['responses'][200]['content']['application/json'];
type Action = Detail['actions'][number];
type Rating = NonNullable<Detail['rating']>;

/** One errand: request, contact (masked; audited reveal), result, steps, the guide, and the actions the API offers. */
export function ErrandDrawer({
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
  const [acting, setActing] = useState<Action | 'reveal' | null>(null);
  const [text, setText] = useState('');
  const [rating, setRating] = useState<Rating>('satisfied');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
  const res = useLoad(
    () =>
      id ? ok(api.GET('/api/v1/errands/{id}', { params: { path: { id } } })) : Promise.resolve(undefined),
    [id, tick],
  );
  const e = res.data;
  const needsText = acting === 'decline' || acting === 'done' || acting === 'reveal' || acting === 'return';
  const hasText = needsText || acting === 'forward';

  const open = (a: Action | 'reveal') => (setActing(a), setText(''), setError(null));
  async function submit() {
    if (!e || !acting) return;
    if (needsText && text.trim().length < (acting === 'reveal' ? 4 : acting === 'return' ? 1 : 2))
      return setError(t('errands.required'));
    setBusy(true);
    setError(null);
    try {
      if (acting === 'reveal') {
        setPhone(
          (
            await ok(
              api.POST('/api/v1/errands/{id}/reveal-phone', {
                params: { path: { id: e.id } },
                body: { reason: text.trim() },
              }),
            )
          ).contactPhone,
        );
      } else {
        const words = text.trim() || undefined;
        const body =
          acting === 'decline'
            ? { reason: words }
            : acting === 'done' || acting === 'return' || acting === 'forward'
              ? { note: words }
              : acting === 'confirm'
                ? { rating }
                : {};
        await ok(
          api.POST('/api/v1/errands/{id}/actions/{action}', {
            params: { path: { id: e.id, action: acting } },
            body: { version: e.version, ...body },
          }),
        );
        onChanged();
        setTick((n) => n + 1);
      }
      setActing(null);
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      open={id !== null}
      onClose={() => (setPhone(null), onClose())}
      size={640}
      title={e ? `${e.number} · ${lang === 'zh' ? e.serviceName : e.serviceNameEn}` : ''}
      data-testid="errand-drawer"
    >
      {res.error ? <Alert type="error" title={errorText(res.error, lang)} /> : null}
      {e && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('errands.status')} span={2}>
              <StatusTag e={e} />
            </Descriptions.Item>
            <Descriptions.Item label={t('errands.detail')} span={2}>
              {e.detail}
            </Descriptions.Item>
            <Descriptions.Item label={t('errands.requester')}>
              {e.contactName ?? e.requesterName}
            </Descriptions.Item>
            <Descriptions.Item label={t('errands.contact')}>
              <Space>
                <span data-testid="errand-phone">{phone ?? e.contactPhone ?? '—'}</span>
                {e.canRevealPhone && !phone && (
                  <Button size="small" type="link" onClick={() => open('reveal')} data-testid="errand-reveal">
                    {t('errands.reveal')}
                  </Button>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('errands.grid')}>{e.gridName}</Descriptions.Item>
            <Descriptions.Item label={t('errands.assignee')}>{e.assigneeName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('errands.createdAt')}>{fmtTime(e.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('errands.dueAt')}>{fmtTime(e.dueAt)}</Descriptions.Item>
            {e.resultNote && (
              <Descriptions.Item label={t('errands.result')} span={2}>
                {e.resultNote}
              </Descriptions.Item>
            )}
            {e.declineReason && (
              <Descriptions.Item label={t('errands.declineReason')} span={2}>
                {e.declineReason}
              </Descriptions.Item>
            )}
            {e.rating && (
              <Descriptions.Item label={t('errands.rating')} span={2}>
                {label('errands.rating', e.rating)}
                {e.ratingComment ? ` — ${e.ratingComment}` : ''}
              </Descriptions.Item>
            )}
          </Descriptions>
          <RelayPanel e={e} />
          {e.actions.length > 0 && (
            <Space wrap>
              {e.actions.map((a) => (
                <Button
                  key={a}
                  type={a === 'decline' || a === 'cancel' ? 'default' : 'primary'}
                  danger={a === 'decline'}
                  onClick={() => open(a)}
                  data-testid={`action-${a}`}
                >
                  {label('errands.action', a)}
                </Button>
              ))}
            </Space>
          )}
          {e.photos.length > 0 && (
            <Image.PreviewGroup>
              {e.photos.map((p) => (
                <Image key={p.id} width={96} src={p.thumbUrl} preview={{ src: p.url }} />
              ))}
            </Image.PreviewGroup>
          )}
          <Typography.Title level={5}>{t('errands.steps')}</Typography.Title>
          <Timeline
            items={e.steps.map((s) => ({
              key: s.id,
              content: (
                <span>
                  <b>{label('errands.step', s.action)}</b> {fmtTime(s.at)} · {s.actorName ?? '—'}
                  {s.note ? ` — ${s.note}` : ''}
                </span>
              ),
            }))}
          />
          <Typography.Title level={5}>{t('errands.guide')}</Typography.Title>
          <Typography.Paragraph>{lang === 'zh' ? e.service.guideZh : e.service.guideEn}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            {t('errands.materials')}
            {t('common.colon')}
            {e.service.materials.join('、') || '—'} · {t('errands.handledAt')}
            {t('common.colon')}
            {label('errands.handledAt', e.service.handledAt)}
          </Typography.Paragraph>
        </Space>
      )}
      <Modal
        open={acting !== null}
        title={acting === 'reveal' ? t('errands.reveal') : acting ? label('errands.action', acting) : ''}
        onCancel={() => setActing(null)}
        footer={[
          <Button key="c" onClick={() => setActing(null)}>
            {t('common.cancel')}
          </Button>,
          <Button
            key="ok"
            type="primary"
            loading={busy}
            onClick={() => void submit()}
            data-testid="modal-confirm"
          >
            {t('common.ok')}
          </Button>,
        ]}
      >
        {acting === 'confirm' && (
          <Radio.Group
            value={rating}
            onChange={(ev) => setRating(ev.target.value as Rating)}
            options={(['satisfied', 'basically_satisfied', 'dissatisfied'] as const).map((r) => ({
              value: r,
              label: label('errands.rating', r),
            }))}
          />
        )}
        {hasText && (
          <Input.TextArea
            rows={3}
            maxLength={acting === 'decline' || acting === 'reveal' ? 200 : 1000}
            placeholder={
              acting === 'reveal'
                ? t('errands.revealReason')
                : acting === 'decline'
                  ? t('errands.reason')
                  : acting === 'forward'
                    ? t('errands.forwardNote')
                    : acting === 'return'
                      ? t('errands.returnNote')
                      : t('errands.note')
            }
            value={text}
            onChange={(ev) => setText(ev.target.value)}
            data-testid="modal-text"
          />
        )}
        {error && <Alert style={{ marginTop: 12 }} type="error" title={error} />}
      </Modal>
    </Drawer>
  );
}
