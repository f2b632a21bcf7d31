import { Col, Row, Space, Statistic, Table, Tag } from 'antd';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

/** 节奏看板: per kind how many organisations are on time, due or behind, and who is behind since when. */
export function BoardTab() {
  const { t, label } = useLang();
  const board = useLoad(() => ok(api.GET('/api/v1/org-life/board', { params: { query: {} } })), []);
  const b = board.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Row gutter={16} data-testid="ol-board-summary">
        {(b?.summary ?? []).map((s) => (
          <Col span={4} key={s.kind} data-testid={`ol-board-${s.kind}`}>
            <Statistic
              title={`${label('ol.kind', s.kind)}（${label('ol.period', s.period)}）`}
              value={s.behind}
              suffix={`/ ${s.orgs} ${t('ol.state.behind')}`}
            />
          </Col>
        ))}
      </Row>
      <Table
        size="small"
        rowKey={(r) => `${r.orgId}-${r.kind}`}
        loading={board.loading}
        dataSource={b?.behind ?? []}
        data-testid="ol-board-behind"
        columns={[
          { title: t('ol.org'), dataIndex: 'orgName' },
          { title: t('ol.region'), dataIndex: 'regionName' },
          { title: t('ol.kind'), dataIndex: 'kind', render: (k: string) => label('ol.kind', k) },
          {
            title: t('ol.state'),
            dataIndex: 'state',
            render: (s: string) => <Tag color={s === 'behind' ? 'red' : 'gold'}>{label('ol.state', s)}</Tag>,
          },
          { title: t('ol.behindSince'), dataIndex: 'behindSince' },
          { title: t('ol.missed'), dataIndex: 'missed' },
          { title: t('ol.lastHeld'), dataIndex: 'lastHeld' },
        ]}
      />
    </Space>
  );
}
