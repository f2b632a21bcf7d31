import { Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { ListToolbar, exportUrl, sortable } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { useSession } from '../session.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { CadreItem } from './types.js';

type CadreSort = NonNullable<paths['/api/v1/cadres']['get']['parameters']['query']>['sort'];

/** Two-committee members or reserve cadres of a region (GET /cadres), phones masked; a row opens the cadre. */
export function CadreTable({
  kind,
  within,
  onOpen,
  tick,
}: {
  kind: 'committee' | 'reserve';
  within?: string;
  onOpen: (id: number) => void;
  tick: number;
}) {
  const { t } = useLang();
  const { can } = useSession();
  const [q, setQ] = useState<string>();
  const [sort, setSort] = useState<CadreSort | undefined>();
  const [page, setPage] = useState(1);
  const size = 20;
  const filter = { kind, within, q, sort };
  const res = useLoad(
    () =>
      ok(
        api.GET('/api/v1/cadres', {
          params: { query: { ...filter, limit: size, offset: (page - 1) * size } },
        }),
      ),
    [kind, within, q, sort, page, tick],
  );
  const table = useListTable<CadreItem>({
    list: res,
    page,
    pageSize: size,
    onPage: setPage,
    onSort: (v) => setSort(v as CadreSort),
    onRowClick: (c) => onOpen(c.id),
    rowTestId: (c) => `cadre-row-${c.id}`,
    filter,
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ListToolbar
        testId={`cadres-${kind}`}
        search={q}
        placeholder={t('cadres.search')}
        // a cadre has no record number: digits are words of the name or unit
        onSearch={(v) => setQ(v.q ?? v.number)}
        total={res.data?.total}
        canExport={can('cadres.export')}
        exportHref={exportUrl('/api/v1/cadres/export.xlsx', filter)}
      />
      <Table<CadreItem>
        {...table}
        data-testid={`cadres-table-${kind}`}
        columns={[
          { title: t('cadres.name'), dataIndex: 'name', width: 110, ...sortable(sort, 'name') },
          { title: t('cadres.region'), dataIndex: 'regionName', ...sortable(sort, 'region') },
          {
            title: t('cadres.gender'),
            dataIndex: 'gender',
            width: 60,
            render: (g: string) => t(g === 'male' ? 'people.male' : 'people.female'),
          },
          { title: t('cadres.birthYear'), dataIndex: 'birthYear', width: 90, ...sortable(sort, 'birthYear') },
          {
            title: t('cadres.education'),
            dataIndex: 'education',
            width: 90,
            render: (e: CadreItem['education']) => t(`cadres.edu.${e}`),
          },
          {
            title: t('cadres.posts'),
            dataIndex: 'posts',
            render: (posts: CadreItem['posts'], c) => (
              <>
                {posts.map((p) => (
                  <Tag key={p}>{t(`cadres.post.${p}`)}</Tag>
                ))}
                {c.oneShoulder ? <Tag color="red">{t('cadres.oneShoulder')}</Tag> : null}
              </>
            ),
          },
          {
            title: t('cadres.phone'),
            dataIndex: 'phone',
            width: 120,
            render: (p: string | null) => p ?? '—',
          },
        ]}
      />
    </Space>
  );
}
