import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Input,
  Modal,
  Popconfirm,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
  type ButtonProps,
} from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { FinanceTable } from './FinanceTable.js';
import { Questions } from './Questions.js';
import { periodText, STATUS_COLORS } from './bits.js';

/** One disclosure: content, money table, questions (answerable by its village's staff), history, and the actions the API offers. */
export function DisclosureDrawer({
  id,
  onClose,
  onEdit,
  onChanged,
}: {
  id: number | null;
  onClose: () => void;
  onEdit: (id: number) => void;
  onChanged: () => void;
}) {
  const { t, label, lang } = useLang();
  const [tick, setTick] = useState(0);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const res = useLoad(
    () =>
      id ? ok(api.GET('/api/v1/disclosures/{id}', { params: { path: { id } } })) : Promise.resolve(undefined),
    [id, tick],
  );
  const d = res.data?.id === id ? res.data : undefined;

  async function run(call: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await call();
      setWithdrawing(false);
      setTick((n) => n + 1);
      onChanged();
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }
  const publish = () =>
    run(() =>
      ok(
        api.POST('/api/v1/disclosures/{id}/publish', {
          params: { path: { id: d!.id } },
          body: { version: d!.version },
        }),
      ),
    );
  const withdraw = () => {
    if (reason.trim().length < 4) return setError(t('disclosures.reasonShort'));
    return run(() =>
      ok(
        api.POST('/api/v1/disclosures/{id}/withdraw', {
          params: { path: { id: d!.id } },
          body: { reason: reason.trim(), version: d!.version },
        }),
      ),
    );
  };

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={880}
      title={d?.title ?? ''}
      data-testid="disclosure-drawer"
      extra={
        d && (
          <Space>
            {d.actions.includes('edit') && (
              <Button onClick={() => onEdit(d.id)} data-testid="disclosure-edit">
                {t('disclosures.edit')}
              </Button>
            )}
            {d.actions.includes('publish') && (
              <Popconfirm
                title={t('disclosures.publishConfirm')}
                onConfirm={() => void publish()}
                okButtonProps={{ 'data-testid': 'disclosure-publish-confirm' } as ButtonProps}
              >
                <Button type="primary" loading={busy} data-testid="disclosure-publish">
                  {t('disclosures.publish')}
                </Button>
              </Popconfirm>
            )}
            {d.actions.includes('withdraw') && (
              <Button
                danger
                onClick={() => (setReason(''), setError(null), setWithdrawing(true))}
                data-testid="disclosure-withdraw"
              >
                {t('disclosures.withdraw')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {!d ? (
        <Skeleton active />
      ) : (
        <>
          {error && !withdrawing && (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />
          )}
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('disclosures.kind')}>
              {label('disclosures.kind', d.kind)}
            </Descriptions.Item>
            <Descriptions.Item label={t('disclosures.period')}>
              {d.major ? <Tag color="volcano">{t('disclosures.majorTag')}</Tag> : periodText(d.period, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('disclosures.village')}>{d.villageName}</Descriptions.Item>
            <Descriptions.Item label={t('disclosures.status')}>
              <Tag
                color={STATUS_COLORS[d.status]}
                data-testid="disclosure-drawer-status"
                data-status={d.status}
              >
                {label('disclosures.status', d.status)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('disclosures.publishedAt')}>
              {fmtTime(d.publishedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('disclosures.reads')}>
              {t('disclosures.readCount', { n: d.readCount })}
            </Descriptions.Item>
            {d.withdrawReason && (
              <Descriptions.Item label={t('disclosures.withdrawnReason')} span={2}>
                {d.withdrawReason}
              </Descriptions.Item>
            )}
          </Descriptions>
          {d.body && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.body}</Typography.Paragraph>}
          {d.totals && <FinanceTable lines={d.financeLines} totals={d.totals} />}
          <Questions d={d} onAnswered={() => (setTick((n) => n + 1), onChanged())} />
          <Typography.Title level={5}>{t('disclosures.history')}</Typography.Title>
          <Timeline
            items={d.history.map((h) => ({
              content: (
                <span>
                  <b>{label('disclosures.step', h.action)}</b> · {h.actorName} · {fmtTime(h.at)}
                  {h.note && <div style={{ color: '#555' }}>{h.note}</div>}
                </span>
              ),
            }))}
          />
        </>
      )}
      <Modal
        open={withdrawing}
        title={`${t('disclosures.withdraw')} · ${d?.title ?? ''}`}
        onCancel={() => setWithdrawing(false)}
        onOk={() => void withdraw()}
        confirmLoading={busy}
        okButtonProps={{ danger: true, 'data-testid': 'disclosure-withdraw-confirm' } as ButtonProps}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('disclosures.withdrawReason')}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="disclosure-withdraw-reason"
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </Modal>
    </Drawer>
  );
}
