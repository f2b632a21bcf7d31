import { App, Button, Popconfirm, Space, Table, Tag, type ButtonProps } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { useSession } from '../session.js';
import type { RedemptionItem } from './types.js';

const COLOR: Record<string, string> = { requested: 'gold', handed_over: 'green', cancelled: 'default' };

/** Exchanges, with hand-over and cancel for staff who manage goods (while requested). */
export function RedemptionTable({
  items,
  onChanged,
  loading,
  compact,
}: {
  items: RedemptionItem[];
  onChanged: () => void;
  loading?: boolean;
  compact?: boolean;
}) {
  const { t, label, lang } = useLang();
  const { message } = App.useApp();
  const { can } = useSession();
  const manage = can('goods.manage');

  async function run(x: RedemptionItem, step: 'hand-over' | 'cancel') {
    try {
      const path =
        step === 'hand-over' ? '/api/v1/redemptions/{id}/hand-over' : '/api/v1/redemptions/{id}/cancel';
      await ok(api.POST(path, { params: { path: { id: x.id } } }));
      message.success(t(step === 'hand-over' ? 'points.handedOver' : 'points.cancelled'));
      onChanged();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  }

  // hand over or cancel, shown only when some exchange still waits
  const actions = {
    title: '',
    key: 'act',
    width: 170,
    render: (_: unknown, x: RedemptionItem) =>
      x.status === 'requested' ? (
        <Space>
          <Popconfirm
            title={t('points.handOverConfirm', { name: x.workerName })}
            onConfirm={() => run(x, 'hand-over')}
            okButtonProps={{ 'data-testid': 'hand-over-confirm' } as ButtonProps}
          >
            <Button size="small" type="primary" data-testid={`hand-over-${x.id}`}>
              {t('points.handOver')}
            </Button>
          </Popconfirm>
          <Popconfirm title={t('points.cancelConfirm')} onConfirm={() => run(x, 'cancel')}>
            <Button size="small" data-testid={`redemption-cancel-${x.id}`}>
              {t('points.cancel')}
            </Button>
          </Popconfirm>
        </Space>
      ) : null,
  };

  return (
    <Table<RedemptionItem>
      rowKey="id"
      size="small"
      loading={loading}
      pagination={compact ? { pageSize: 10, showSizeChanger: false } : false}
      dataSource={items}
      onRow={(x) => ({ 'data-testid': `redemption-row-${x.id}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('points.requestedAt'),
          dataIndex: 'requestedAt',
          width: 150,
          render: (a: string) => fmtTime(a),
        },
        ...(compact
          ? []
          : [
              { title: t('points.name'), dataIndex: 'workerName', width: 100 },
              { title: t('points.grid'), dataIndex: 'gridName', width: 180 },
            ]),
        {
          title: t('points.goodsName'),
          key: 'goods',
          render: (_: unknown, x: RedemptionItem) => `${x.goodsName} × ${x.quantity}${x.unit}`,
        },
        { title: t('points.points'), dataIndex: 'points', width: 70 },
        ...(compact ? [] : [{ title: t('points.stockedBy'), dataIndex: 'stockedBy', width: 140 }]),
        {
          title: t('points.status'),
          dataIndex: 'status',
          width: 90,
          render: (s: string) => <Tag color={COLOR[s]}>{label('points.status', s)}</Tag>,
        },
        ...(compact
          ? []
          : [
              {
                title: t('points.decidedAt'),
                dataIndex: 'decidedAt',
                width: 150,
                render: (a: string | null) => fmtTime(a),
              },
            ]),
        ...(manage && items.some((x) => x.status === 'requested') ? [actions] : []),
      ]}
    />
  );
}
