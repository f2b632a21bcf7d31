import { Button, Card, Col, Drawer, Row, Space, Statistic, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { useSession } from '../session.js';
import { ConveneModal } from './ConveneModal.js';
import { MattersTab } from './MattersTab.js';
import { MeetingDetail } from './MeetingDetail.js';

type Meeting =
  paths['/api/v1/meetings']['get']['responses'][200]['content']['application/json']['items'][number];
type Query = NonNullable<paths['/api/v1/meetings']['get']['parameters']['query']>;
const PAGE = 50;

/** 议事厅: the meetings of my scope with their counts, a meeting's detail, and 四议两公开. */
export function MeetingsPage({ route }: { route: Route }) {
  const { t } = useLang();
  const tab = route.path[1] === 'matters' ? 'matters' : 'meetings';
  return (
    <Card size="small" title={t('menu.meetings')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'matters' ? '/meetings/matters' : '/meetings')}
        items={[
          {
            key: 'meetings',
            label: t('mtg.tab.meetings'),
            children: tab === 'meetings' && <MeetingsTab route={route} />,
          },
          {
            key: 'matters',
            label: <span data-testid="tab-matters">{t('mtg.tab.matters')}</span>,
            children: tab === 'matters' && <MattersTab route={route} />,
          },
        ]}
      />
    </Card>
  );
}

function MeetingsTab({ route }: { route: Route }) {
  const { t, label } = useLang();
  const { can } = useSession();
  const [within, setWithin] = useState<string | undefined>();
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<Query['sort']>();
  const [page, setPage] = useState(1);
  const [tick, setTick] = useState(0);
  const [convening, setConvening] = useState(false);
  const openId = Number(route.path[1]) || null;
  const counts = useLoad(
    () => ok(api.GET('/api/v1/meetings/counts', { params: { query: { within } } })),
    [within, tick],
  );
  // meetings have no number: whatever is typed is searched as words
  const filter = { within, q: search.q ?? search.number, sort };
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/meetings', {
          params: { query: { ...filter, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [within, search.q, search.number, sort, page, tick],
  );
  const reset = (fn: () => void) => (fn(), setPage(1));
  const table = useListTable<Meeting>({
    list,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => reset(() => setSort(v as Query['sort'])),
    href: (m) => `/meetings/${m.id}`,
    rowTestId: (m) => `meeting-row-${m.id}`,
  });
  const c = counts.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Row gutter={16} data-testid="meeting-counts">
        <Col span={6}>
          <Statistic title={t('mtg.count.held')} value={c?.held ?? '-'} />
        </Col>
        <Col span={6}>
          <Statistic title={t('mtg.count.settled')} value={c?.settled ?? '-'} />
        </Col>
        <Col span={6}>
          <Statistic title={t('mtg.count.done')} value={c?.resolutionsDone ?? '-'} />
        </Col>
        <Col span={6}>
          <Statistic title={t('mtg.count.open')} value={c?.resolutionsOpen ?? '-'} />
        </Col>
      </Row>
      <ListToolbar
        testId="meetings"
        search={filter.q}
        onSearch={(v) => reset(() => setSearch(v))}
        total={list.data?.total}
        canExport={can('meetings.export')}
        exportHref={exportUrl('/api/v1/meetings/export.xlsx', filter)}
        extra={
          can('meetings.convene') && (
            <Button type="primary" onClick={() => setConvening(true)} data-testid="meeting-convene">
              {t('mtg.convene')}
            </Button>
          )
        }
      >
        <RegionPicker value={within} onChange={(v) => reset(() => setWithin(v))} testId="meetings-region" />
      </ListToolbar>
      <Table<Meeting>
        {...table}
        data-testid="meeting-table"
        columns={[
          { title: t('mtg.heldOn'), dataIndex: 'heldOn', width: 110, ...sortable(sort, 'heldOn') },
          { title: t('mtg.title'), dataIndex: 'title', ellipsis: true, ...sortable(sort, 'title') },
          {
            title: t('mtg.meetingKind'),
            dataIndex: 'kind',
            width: 110,
            ...sortable(sort, 'kind'),
            render: (k: string) => label('mtg.meetingKind', k),
          },
          { title: t('mtg.region'), dataIndex: 'regionName', width: 140, ...sortable(sort, 'region') },
          {
            title: t('mtg.convener'),
            dataIndex: 'convenerName',
            width: 140,
            ...sortable(sort, 'convener'),
            render: (n: string, m) => `${label('mtg.convenerKind', m.convenerKind)} · ${n}`,
          },
          {
            title: t('mtg.attendance'),
            key: 'att',
            width: 80,
            render: (_: unknown, m) =>
              m.state === 'held' ? `${m.attended}/${m.invited}` : label('mtg.state', m.state),
          },
          { title: t('mtg.matters'), dataIndex: 'matters', width: 80, ...sortable(sort, 'matters') },
          {
            title: t('mtg.resolutions'),
            key: 'res',
            width: 100,
            render: (_: unknown, m) => (
              <Tag color={m.resolutions > 0 && m.resolutionsDone === m.resolutions ? 'green' : undefined}>
                {m.resolutionsDone}/{m.resolutions}
              </Tag>
            ),
          },
        ]}
      />
      <Drawer open={openId !== null} onClose={() => navigate('/meetings')} size={720} title={t('mtg.title')}>
        {openId !== null && <MeetingDetail id={openId} onChanged={() => setTick((n) => n + 1)} />}
      </Drawer>
      <ConveneModal
        open={convening}
        onClose={() => setConvening(false)}
        onMade={(id) => (setConvening(false), setTick((n) => n + 1), navigate(`/meetings/${id}`))}
      />
    </Space>
  );
}
