import { Alert, App, Button, Card, Descriptions, Segmented, Space, Table, Tag } from 'antd';
import { CallButton } from '../calls/CallButton.js';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { CloseCard, ProgressCard } from './parts.js';

type Row =
  paths['/api/v1/campaigns/{id}/progress']['get']['responses'][200]['content']['application/json']['items'][number];
type Target =
  paths['/api/v1/campaigns/{id}/targets']['get']['responses'][200]['content']['application/json']['items'][number];
type Query = NonNullable<paths['/api/v1/campaigns/{id}/targets']['get']['parameters']['query']>;
type TargetState = Target['state'];
const PAGE = 20;

/** One campaign: its progress by tier with drill-down, the targets (open or missed), and closing it. */
export function CampaignDetail({ id, within }: { id: number; within?: string }) {
  const { t, label } = useLang();
  const { message } = App.useApp();
  const { can } = useSession();
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<TargetState | 'all'>('open');
  const path = { path: { id } };
  const c = useLoad(() => ok(api.GET('/api/v1/campaigns/{id}', { params: path })), [id, tick]);
  const p = useLoad(
    () => ok(api.GET('/api/v1/campaigns/{id}/progress', { params: { ...path, query: { within } } })),
    [id, within, tick],
  );
  const node = p.data?.code;
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<Query['sort']>();
  const [page, setPage] = useState(1);
  // targets have no number: whatever is typed is searched as words
  const filter = {
    within: node,
    state: state === 'all' ? undefined : state,
    q: search.q ?? search.number,
    sort,
  };
  const list = useLoad(
    () =>
      node
        ? ok(
            api.GET('/api/v1/campaigns/{id}/targets', {
              params: { ...path, query: { ...filter, limit: PAGE, offset: (page - 1) * PAGE } },
            }),
          )
        : Promise.resolve({ items: [], total: 0 }),
    [id, node, state, search.q, search.number, sort, page, tick],
  );
  const reset = (fn: () => void) => (fn(), setPage(1));
  const table = useListTable<Target>({
    list,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => reset(() => setSort(v as Query['sort'])),
  });
  const close = async (body: { reason?: string }) => {
    const r = await ok(api.POST('/api/v1/campaigns/{id}/actions/close', { params: path, body }));
    message.success(t('camp.closed', { n: r.missed.length }));
    reset(() => setState('missed'));
    setTick((n) => n + 1);
  };
  const d = c.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button onClick={() => navigate('/campaigns')}>{t('camp.back')}</Button>
      {d?.fromCity && (
        <Alert type="info" showIcon data-testid="camp-from-city" title={t('city.fromCityNote')} />
      )}
      {d && (
        <Descriptions size="small" bordered column={3} title={d.title} data-testid="camp-detail">
          <Descriptions.Item label={t('camp.region')}>{d.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('camp.window')}>{`${d.startsOn} ~ ${d.endsOn}`}</Descriptions.Item>
          <Descriptions.Item label={t('camp.state')}>
            <Tag data-testid="camp-state">{label('camp.state', d.state)}</Tag>
          </Descriptions.Item>
          {d.closeReason && (
            <Descriptions.Item label={t('camp.closeReasonShown')} span={3}>
              {d.closeReason}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <ProgressCard<Row>
        testId="camp"
        progress={p}
        onDrill={(r) => navigate(`/campaigns/${id}`, { within: r.code })}
        back={
          within && (
            <Button size="small" onClick={() => navigate(`/campaigns/${id}`)}>
              {t('camp.back')}
            </Button>
          )
        }
      />
      <Card
        size="small"
        title={t('camp.list')}
        extra={
          <Segmented
            data-testid="camp-list-state"
            value={state}
            onChange={(v) => reset(() => setState(v as typeof state))}
            options={(['open', 'done', 'not_applicable', 'missed', 'all'] as const).map((s) => ({
              value: s,
              label: s === 'all' ? t('common.all') : label('camp.tstate', s),
            }))}
          />
        }
      >
        <ListToolbar
          testId="camp-targets"
          search={filter.q}
          onSearch={(v) => reset(() => setSearch(v))}
          total={list.data?.total}
          canExport={can('campaigns.export')}
          exportHref={exportUrl(`/api/v1/campaigns/${id}/targets/export.xlsx`, filter)}
        />
        <Table<Target>
          {...table}
          data-testid="camp-targets"
          columns={[
            { title: t('camp.name'), dataIndex: 'name', width: 120, ...sortable(sort, 'name') },
            { title: t('camp.address'), dataIndex: 'address', ...sortable(sort, 'address') },
            { title: t('camp.grid'), dataIndex: 'gridName', width: 180, ...sortable(sort, 'grid') },
            {
              title: t('camp.state'),
              dataIndex: 'state',
              width: 90,
              ...sortable(sort, 'state'),
              render: (v: string) => label('camp.tstate', v),
            },
            {
              title: t('camp.doneAt'),
              dataIndex: 'doneAt',
              width: 150,
              ...sortable(sort, 'doneAt'),
              render: (v: string | null) => (v ? fmtTime(v) : ''),
            },
            {
              title: t('camp.reason'),
              width: 160,
              render: (_, x) => [label('camp.na', x.naReason), x.note].filter(Boolean).join('：'),
            },
            // 视频连线: the target's grid worker (calls module, about campaign_target)
            { width: 230, render: (_, x) => <CallButton about={{ type: 'campaign_target', id: x.id }} /> },
          ]}
        />
      </Card>
      {d?.actions.includes('close') && <CloseCard testId="camp" onClose={close} />}
    </Space>
  );
}
