import { App, Button, Card, Drawer, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { useSession } from '../session.js';

type Team = paths['/api/v1/teams']['get']['responses'][200]['content']['application/json']['items'][number];
type Kind = Team['kind'];
type Query = NonNullable<paths['/api/v1/teams']['get']['parameters']['query']>;
const PAGE = 50;

/** 5+5+N: each village's five councils, five roles and local groups, with their members. */
export function TeamsPage({ route }: { route: Route }) {
  const { t, label, lang } = useLang();
  const { can } = useSession();
  const { message } = App.useApp();
  const [within, setWithin] = useState<string | undefined>();
  const [kind, setKind] = useState<Kind | undefined>();
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<Query['sort']>();
  const [page, setPage] = useState(1);
  const [tick, setTick] = useState(0);
  const [name, setName] = useState('');
  const openId = Number(route.path[1]) || null;
  const filter = { within, kind, ...search, sort };
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/teams', {
          params: { query: { ...filter, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [within, kind, search.q, search.number, sort, page, tick],
  );
  const reset = (fn: () => void) => (fn(), setPage(1));
  const table = useListTable<Team>({
    list,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => reset(() => setSort(v as Query['sort'])),
    href: (x) => `/teams/${x.id}`,
    rowTestId: (x) => `team-row-${x.id}`,
  });
  const team = useLoad(
    () =>
      openId
        ? ok(api.GET('/api/v1/teams/{id}', { params: { path: { id: openId } } }))
        : Promise.resolve(undefined),
    [openId, tick],
  );
  const manage = can('teams.manage');
  const run = async (p: Promise<unknown>) => {
    try {
      await p;
      setTick((n) => n + 1);
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };

  return (
    <Card size="small" title={t('teams.title')}>
      <ListToolbar
        testId="teams"
        search={search.number ?? search.q}
        onSearch={(v) => reset(() => setSearch(v))}
        total={list.data?.total}
        canExport={can('teams.export')}
        exportHref={exportUrl('/api/v1/teams/export.xlsx', filter)}
      >
        <RegionPicker value={within} onChange={(v) => reset(() => setWithin(v))} testId="teams-region" />
        <Select<Kind>
          allowClear
          style={{ width: 160 }}
          placeholder={t('teams.kind')}
          aria-label={t('teams.kind')}
          value={kind}
          onChange={(v) => reset(() => setKind(v))}
          options={(['council', 'role', 'group'] as const).map((k) => ({
            value: k,
            label: label('teams.kind', k),
          }))}
          data-testid="teams-kind"
        />
      </ListToolbar>
      <Table<Team>
        {...table}
        data-testid="team-table"
        columns={[
          { title: t('teams.village'), dataIndex: 'villageName', width: 160, ...sortable(sort, 'village') },
          {
            title: t('teams.kind'),
            dataIndex: 'kind',
            width: 120,
            ...sortable(sort, 'kind'),
            render: (k: string) => <Tag>{label('teams.kind', k)}</Tag>,
          },
          { title: t('teams.name'), dataIndex: 'name', width: 160, ...sortable(sort, 'name') },
          { title: t('teams.duty'), dataIndex: 'duty', ellipsis: true },
          { title: t('teams.members'), dataIndex: 'members', width: 90, ...sortable(sort, 'members') },
        ]}
      />
      <Drawer
        open={openId !== null}
        onClose={() => navigate('/teams')}
        size={560}
        title={team.data ? `${team.data.villageName} · ${team.data.name}` : ''}
      >
        {team.data && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <span>{team.data.duty}</span>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={team.data.memberList}
              columns={[
                { title: t('pet.name'), dataIndex: 'name' },
                { title: t('teams.title_'), dataIndex: 'title' },
                { title: t('teams.affiliation'), dataIndex: 'affiliation' },
                {
                  title: '',
                  key: 'who',
                  render: (_: unknown, m: { residentId: number | null; id: number }) => (
                    <Space>
                      <Tag>{m.residentId ? t('teams.resident') : t('teams.outside')}</Tag>
                      {manage && (
                        <Popconfirm
                          title={t('teams.remove')}
                          onConfirm={() =>
                            run(
                              ok(
                                api.DELETE('/api/v1/teams/{id}/members/{memberId}', {
                                  params: { path: { id: openId!, memberId: m.id } },
                                }),
                              ),
                            )
                          }
                        >
                          <Button size="small" type="link" danger>
                            {t('teams.remove')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
            {manage && (
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  placeholder={t('pet.name')}
                  maxLength={40}
                />
                <Button
                  disabled={!name.trim()}
                  onClick={() =>
                    void run(
                      ok(
                        api.POST('/api/v1/teams/{id}/members', {
                          params: { path: { id: openId! } },
                          body: { name: name.trim() },
                        }),
                      ),
                    ).then(() => setName(''))
                  }
                >
                  {t('teams.addMember')}
                </Button>
              </Space.Compact>
            )}
          </Space>
        )}
      </Drawer>
    </Card>
  );
}
