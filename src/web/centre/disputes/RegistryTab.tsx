import { Statistic, Table, Space } from 'antd';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate } from '../router.js';

/** The mediation places (评理说事点, rooms, centres) and mediators of my scope and above it. */
export function RegistryTab() {
  const { t, label } = useLang();
  const places = useLoad(() => ok(api.GET('/api/v1/mediation/places', {})), []);
  const mediators = useLoad(() => ok(api.GET('/api/v1/mediation/mediators', {})), []);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="mediation-registry">
      <Table
        size="small"
        rowKey="id"
        loading={places.loading}
        dataSource={places.data?.items ?? []}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: t('disputes.name'), dataIndex: 'name' },
          { title: t('disputes.type'), render: (_, p) => label('disputes.kind', p.kind) },
          { title: t('disputes.region'), dataIndex: 'regionName' },
          { title: t('disputes.mediators'), dataIndex: 'mediatorName' },
          { title: t('disputes.remote'), render: (_, p) => (p.video ? '✓' : '') },
          { title: t('disputes.sessionsCount'), dataIndex: 'sessions' },
        ]}
      />
      <Table
        size="small"
        rowKey="id"
        loading={mediators.loading}
        dataSource={mediators.data?.items ?? []}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: t('disputes.mediators'), dataIndex: 'name' },
          { title: t('disputes.type'), render: (_, m) => label('disputes.source', m.source) },
          { title: t('disputes.note'), dataIndex: 'title' },
          { title: t('disputes.region'), dataIndex: 'regionName' },
          { title: t('disputes.settledCount'), dataIndex: 'settled' },
        ]}
      />
    </Space>
  );
}

/** 以奖代补: the township fund's awards per mediator or place, with the dispute each rewards. */
export function RewardsTab() {
  const { t } = useLang();
  const r = useLoad(() => ok(api.GET('/api/v1/mediation/rewards', {})), []);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="rewards-ledger">
      <Statistic title={t('disputes.amount')} value={r.data?.total ?? 0} precision={2} />
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={r.data?.byMediator ?? []}
        columns={[
          { title: t('disputes.mediators'), dataIndex: 'name' },
          { title: t('disputes.amount'), dataIndex: 'amountYuan' },
          { title: '#', dataIndex: 'awards' },
        ]}
      />
      <Table
        size="small"
        rowKey="id"
        loading={r.loading}
        dataSource={r.data?.items ?? []}
        onRow={(x) => ({ onClick: () => navigate(`/disputes/${x.disputeId}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('disputes.heldOn'), dataIndex: 'awardedOn' },
          { title: t('disputes.number'), dataIndex: 'disputeNumber' },
          { title: t('disputes.mediators'), render: (_, x) => x.mediatorName ?? x.placeName },
          { title: t('disputes.amount'), dataIndex: 'amountYuan' },
          { title: t('disputes.reason'), dataIndex: 'reason' },
        ]}
      />
    </Space>
  );
}
