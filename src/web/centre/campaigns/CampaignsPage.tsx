import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { useSession } from '../session.js';
import { CampaignDetail } from './CampaignDetail.js';
import { LaunchDrawer } from './LaunchDrawer.js';
import { useListColumns } from './parts.js';

export type Campaign =
  paths['/api/v1/campaigns']['get']['responses'][200]['content']['application/json']['items'][number];

/** 上级号召: the campaigns over my scope, launching one, and one campaign's progress. `#/campaigns/<id>` */
export function CampaignsPage({ route }: { route: Route }) {
  const id = Number(route.path[1]) || null;
  if (id) return <CampaignDetail key={id} id={id} within={route.query.get('within') ?? undefined} />;
  return <CampaignList />;
}

function CampaignList() {
  const { t } = useLang();
  const columns = useListColumns<Campaign>();
  const { can } = useSession();
  const [launching, setLaunching] = useState(false);
  const list = useLoad(() => ok(api.GET('/api/v1/campaigns', { params: { query: { limit: 100 } } })), []);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {can('campaigns.launch') && (
        <Button type="primary" data-testid="camp-launch" onClick={() => setLaunching(true)}>
          {t('camp.launch')}
        </Button>
      )}
      <Table<Campaign>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="camp-table"
        pagination={false}
        onRow={(c) => ({ onClick: () => navigate(`/campaigns/${c.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('camp.title'),
            render: (_, c) => (
              <>
                {c.title}
                {c.fromCity && (
                  <Tag color="purple" style={{ marginInlineStart: 8 }} data-testid={`camp-city-${c.id}`}>
                    {t('city.fromCity')}
                  </Tag>
                )}
              </>
            ),
          },
          { title: t('camp.region'), dataIndex: 'regionName', width: 140 },
          ...columns,
        ]}
      />
      <LaunchDrawer
        open={launching}
        onClose={() => setLaunching(false)}
        onLaunched={(id) => {
          setLaunching(false);
          navigate(`/campaigns/${id}`);
        }}
      />
    </Space>
  );
}
