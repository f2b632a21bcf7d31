import { Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { CadreItem } from './types.js';

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
  const [q, setQ] = useState<string>();
  const [page, setPage] = useState(1);
  const size = 20;
  const res = useLoad(
    () =>
      ok(
        api.GET('/api/v1/cadres', {
          params: { query: { kind, within, q, limit: size, offset: (page - 1) * size } },
        }),
      ),
    [kind, within, q, page, tick],
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.Search
        allowClear
        placeholder={t('cadres.search')}
        style={{ width: 240 }}
        onSearch={(v) => {
          setPage(1);
          setQ(v.trim() || undefined);
        }}
        data-testid={`cadres-search-${kind}`}
      />
      <Table<CadreItem>
        rowKey="id"
        size="small"
        loading={res.loading}
        dataSource={res.data?.items}
        data-testid={`cadres-table-${kind}`}
        onRow={(c) => ({ onClick: () => onOpen(c.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: size,
          total: res.data?.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { title: t('cadres.name'), dataIndex: 'name', width: 110 },
          { title: t('cadres.region'), dataIndex: 'regionName' },
          {
            title: t('cadres.gender'),
            dataIndex: 'gender',
            width: 60,
            render: (g: string) => t(g === 'male' ? 'people.male' : 'people.female'),
          },
          { title: t('cadres.age'), dataIndex: 'age', width: 60 },
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
