import { Alert, Descriptions, Drawer, Skeleton, Table, Tag, Typography } from 'antd';
import { fmtTime } from '../format.js';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';
import { AwardForm } from './AwardForm.js';
import { RedemptionTable } from './RedemptionTable.js';
import type { PointsEntry } from './types.js';

/** A grid worker (GET /workers/{id}): who, where, the points ledger, exchanges, and a manual award for those who may. */
export function WorkerDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: number | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, label, lang } = useLang();
  const { can } = useSession();
  const w = useLoad(
    () =>
      id ? ok(api.GET('/api/v1/workers/{id}', { params: { path: { id } } })) : Promise.resolve(undefined),
    [id],
  );
  const d = w.data;
  const changed = () => {
    w.reload();
    onChanged();
  };
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={860}
      title={d ? `${d.name} · ${t('points.worker')}` : t('points.worker')}
      data-testid="worker-drawer"
    >
      {!d ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('points.village')}>{d.villageName}</Descriptions.Item>
            <Descriptions.Item label={t('points.grid')}>{d.gridName}</Descriptions.Item>
            <Descriptions.Item label={t('points.employment')}>
              {label('points.employment', d.employment)}
            </Descriptions.Item>
            <Descriptions.Item label={t('points.duty')}>{label('points.duty', d.duty)}</Descriptions.Item>
            <Descriptions.Item label={t('points.balance')}>
              {d.earnsPoints ? (
                <Typography.Text strong data-testid="worker-balance">
                  {d.pointsBalance}
                </Typography.Text>
              ) : (
                t('points.paid')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('points.account')}>
              {d.hasAccount ? t('common.yes') : '—'}
            </Descriptions.Item>
          </Descriptions>
          {!d.earnsPoints && (
            <Alert type="info" showIcon title={t('points.paid')} style={{ marginBottom: 12 }} />
          )}
          {d.earnsPoints && can('points.award') && <AwardForm workerId={d.id} onDone={changed} />}
          {d.earnsPoints && (
            <>
              <Typography.Title level={5}>{t('points.ledger')}</Typography.Title>
              <Table<PointsEntry>
                rowKey="id"
                size="small"
                pagination={{ pageSize: 10, showSizeChanger: false }}
                locale={{ emptyText: t('points.noLedger') }}
                dataSource={d.entries}
                data-testid="worker-ledger"
                columns={[
                  { title: t('points.at'), dataIndex: 'at', width: 150, render: (a: string) => fmtTime(a) },
                  {
                    title: t('points.reason'),
                    key: 'reason',
                    render: (_: unknown, e: PointsEntry) =>
                      (lang === 'zh' ? e.reasonZh : e.reasonEn) + (e.note ? ` · ${e.note}` : ''),
                  },
                  {
                    title: t('points.delta'),
                    dataIndex: 'delta',
                    width: 80,
                    render: (n: number) => (
                      <Tag color={n > 0 ? 'green' : 'orange'}>{n > 0 ? `+${n}` : n}</Tag>
                    ),
                  },
                  { title: t('points.after'), dataIndex: 'balanceAfter', width: 80 },
                ]}
              />
              <Typography.Title level={5}>{t('points.exchanges')}</Typography.Title>
              <RedemptionTable items={d.redemptions} onChanged={changed} compact />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
