import { App, Button, Card, Col, Row, Select, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

/**
 * 党员联系户 (issue 14): the grids of a region with households no member looks after, the unlinked
 * households of the picked grid, and their bulk assignment to one member of the selected organisation.
 */
export function LinksPanel({
  within,
  orgId,
  version,
  onChanged,
}: {
  within?: string;
  orgId?: number;
  version: number;
  onChanged: () => void;
}) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [grid, setGrid] = useState<string | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [member, setMember] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const grids = useLoad(
    () =>
      ok(
        api.GET('/api/v1/party/links/grids', {
          params: { query: { within, unlinkedOnly: 'true', limit: 200 } },
        }),
      ),
    [within, version],
  );
  const households = useLoad(
    () =>
      grid
        ? ok(
            api.GET('/api/v1/party/links/households', {
              params: { query: { within: grid, unlinked: 'true', limit: 200 } },
            }),
          )
        : Promise.resolve(undefined),
    [grid, version],
  );
  const members = useLoad(
    () =>
      orgId
        ? ok(
            api.GET('/api/v1/party/orgs/{id}', {
              params: { path: { id: orgId }, query: { members: 'all', limit: 500 } },
            }),
          )
        : Promise.resolve(undefined),
    [orgId, version],
  );
  const assign = async () => {
    if (!member || picked.length === 0) return;
    setBusy(true);
    try {
      const r = await ok(
        api.POST('/api/v1/party/links', {
          body: { memberId: member, householdIds: picked, clientRequestId: crypto.randomUUID() },
        }),
      );
      message.success(t('party.links.assigned', { n: r.linked }));
      setPicked([]);
      onChanged();
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  const g = grids.data;
  return (
    <Card size="small" title={t('party.links.title')} data-testid="party-links">
      <Row gutter={12} style={{ marginBottom: 8 }}>
        <Col span={8}>
          <Statistic title={t('party.links.households')} value={g?.households ?? '—'} />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('party.links.unlinked')}
            value={g?.unlinked ?? '—'}
            data-testid="party-links-unlinked"
          />
        </Col>
        <Col span={8}>
          <Statistic title={t('party.links.grids')} value={g?.gridsWithUnlinked ?? '—'} />
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} lg={10}>
          <Table
            rowKey="code"
            size="small"
            className="wg-clickable-rows"
            loading={grids.loading}
            dataSource={g?.items}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            data-testid="party-links-grids"
            rowClassName={(r) => (r.code === grid ? 'ant-table-row-selected' : '')}
            onRow={(r) => ({ onClick: () => (setGrid(r.code), setPicked([])) })}
            columns={[
              { title: t('party.grid'), dataIndex: 'name' },
              { title: t('party.links.unlinked'), dataIndex: 'unlinked', width: 80 },
              { title: t('party.links.households'), dataIndex: 'households', width: 70 },
            ]}
          />
        </Col>
        <Col xs={24} lg={14}>
          <Space wrap style={{ marginBottom: 8 }}>
            <Select
              style={{ width: 240 }}
              showSearch
              optionFilterProp="label"
              placeholder={orgId ? t('party.links.pickMember') : t('party.links.pickOrgFirst')}
              disabled={!orgId}
              value={member ?? undefined}
              onChange={setMember}
              data-testid="party-links-member"
              options={(members.data?.members ?? []).map((m) => ({
                value: m.id,
                label: `${m.name}（${m.gridName ?? '—'}）`,
              }))}
            />
            <Button
              type="primary"
              disabled={!member || picked.length === 0}
              loading={busy}
              onClick={assign}
              data-testid="party-links-assign"
            >
              {t('party.links.assign', { n: picked.length })}
            </Button>
          </Space>
          <Table
            rowKey="id"
            size="small"
            loading={households.loading}
            dataSource={grid ? households.data?.items : []}
            pagination={false}
            scroll={{ y: 320 }}
            data-testid="party-links-households"
            rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked(keys as number[]) }}
            columns={[
              { title: t('party.address'), dataIndex: 'address' },
              { title: t('party.people'), dataIndex: 'memberCount', width: 60 },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}
