import { Button, Card, DatePicker, Space, Statistic, Table, Tabs, Tag, Typography, App } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { useSession } from '../session.js';
import { DisputeDetail } from './DisputeDetail.js';
import { DisputeListTab } from './DisputeListTab.js';
import { RecordSheetPage } from './RecordSheetPage.js';
import { DispatchTab } from './DispatchTab.js';
import { RegistryTab, RewardsTab } from './RegistryTab.js';

/** 矛盾纠纷: the rhythm board (who has not reported), the disputes, the generated reports, the mediation registry and rewards. */
export function DisputesPage({ route }: { route: Route }) {
  const sub = route.path[1];
  if (sub === 'sheet' && route.path[2]) return <RecordSheetPage id={Number(route.path[2])} />;
  if (sub && /^\d+$/.test(sub)) return <DisputeDetail key={sub} id={Number(sub)} />;
  const tab = route.query.get('tab') ?? 'rhythm';
  return <DisputeTabs tab={tab} />;
}

function DisputeTabs({ tab }: { tab: string }) {
  const { t } = useLang();
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  return (
    <Card
      title={t('menu.disputes')}
      extra={
        <DatePicker
          value={dayjs(date)}
          onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
          allowClear={false}
        />
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate('/disputes', { tab: k }, true)}
        items={[
          { key: 'rhythm', label: t('disputes.rhythm'), children: <RhythmTab date={date} /> },
          { key: 'list', label: t('disputes.list'), children: <DisputeListTab /> },
          { key: 'report', label: t('disputes.report'), children: <ReportTab date={date} /> },
          { key: 'dispatch', label: t('disputes.dispatch'), children: <DispatchTab date={date} /> },
          { key: 'registry', label: t('disputes.registry'), children: <RegistryTab /> },
          { key: 'rewards', label: t('disputes.rewards'), children: <RewardsTab /> },
        ]}
      />
    </Card>
  );
}

function RhythmTab({ date }: { date: string }) {
  const { t } = useLang();
  const board = useLoad(
    () => ok(api.GET('/api/v1/disputes/rhythm', { params: { query: { date } } })),
    [date],
  );
  const b = board.data;
  const yes = (v: boolean, k: 'disputes.reported' | 'disputes.issued' | 'disputes.dispatchHeld') =>
    v ? <Tag color="green">{t(k)}</Tag> : <Tag color="red">{t('disputes.missing')}</Tag>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="rhythm-board">
      {b?.counties.map((c) => (
        <Typography.Text key={c.code}>
          {c.name} {t('disputes.monthReported')}：{yes(c.monthReported, 'disputes.issued')}{' '}
          {t('disputes.monthDispatched')}：{yes(c.monthDispatched, 'disputes.dispatchHeld')}
        </Typography.Text>
      ))}
      <Table
        size="small"
        rowKey="code"
        loading={board.loading}
        dataSource={b?.townships ?? []}
        pagination={false}
        columns={[
          { title: t('disputes.township'), dataIndex: 'name' },
          { title: t('disputes.weekReported'), render: (_, r) => yes(r.weekReported, 'disputes.issued') },
          {
            title: t('disputes.weekDispatched'),
            render: (_, r) => yes(r.weekDispatched, 'disputes.dispatchHeld'),
          },
          { title: t('disputes.villagesMissing'), dataIndex: 'villagesMissing' },
        ]}
      />
      <Table
        size="small"
        rowKey="code"
        loading={board.loading}
        dataSource={b?.villages ?? []}
        pagination={{ pageSize: 15 }}
        columns={[
          { title: t('disputes.village'), dataIndex: 'name' },
          { title: t('disputes.township'), dataIndex: 'townshipName' },
          { title: t('disputes.reported'), render: (_, r) => yes(r.reported, 'disputes.reported') },
          {
            title: t('disputes.found'),
            render: (_, r) => (r.reported ? (r.nothingFound ? t('disputes.nothingFound') : r.found) : '—'),
          },
        ]}
      />
    </Space>
  );
}

function ReportTab({ date }: { date: string }) {
  const { t, lang } = useLang();
  const { can, me } = useSession();
  const { message } = App.useApp();
  const level = me?.scope.level;
  const [period, setPeriod] = useState<'day' | 'week' | 'month'>(
    level === 'county' ? 'month' : level === 'township' ? 'week' : 'day',
  );
  const r = useLoad(
    () => ok(api.GET('/api/v1/disputes/reports', { params: { query: { period, date } } })),
    [period, date],
  );
  const issue = async () => {
    try {
      await ok(
        api.POST('/api/v1/disputes/reports', {
          body: { period: period === 'month' ? 'month' : 'week', date },
        }),
      );
      r.reload();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  const d = r.data;
  const keys = ['found', 'settled', 'escalated', 'overdue', 'open'] as const;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="dispute-report">
      <Space>
        {(['day', 'week', 'month'] as const).map((p) => (
          <Button key={p} type={p === period ? 'primary' : 'default'} onClick={() => setPeriod(p)}>
            {t(`disputes.period.${p}`)}
          </Button>
        ))}
        {can('disputes.report') && period !== 'day' && !d?.issuedAt && (
          <Button onClick={issue} data-testid="issue-report">
            {t('disputes.issue')}
          </Button>
        )}
        {d?.issuedAt && <Tag color="green">{`${t('disputes.issued')} ${fmtTime(d.issuedAt)}`}</Tag>}
      </Space>
      <Typography.Text type="secondary">
        {d ? `${d.start} — ${dayjs(d.end).subtract(1, 'day').format('YYYY-MM-DD')}` : ''}
      </Typography.Text>
      <Space size="large">
        {keys.map((k) => (
          <Statistic key={k} title={t(`disputes.${k}`)} value={d?.[k].count ?? 0} />
        ))}
      </Space>
      <Table
        size="small"
        rowKey="id"
        dataSource={d?.found.items ?? []}
        onRow={(x) => ({ onClick: () => navigate(`/disputes/${x.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('disputes.number'), dataIndex: 'number' },
          { title: t('disputes.summary'), dataIndex: 'summary' },
          { title: t('disputes.village'), dataIndex: 'gridName' },
          { title: t('disputes.state'), dataIndex: 'state' },
        ]}
      />
    </Space>
  );
}
