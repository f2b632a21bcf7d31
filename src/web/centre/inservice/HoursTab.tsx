import { Alert, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { Registration } from './types.js';

type Report = paths['/api/v1/in-service/hours']['get']['responses'][200]['content']['application/json'];
type Unit = Report['units'][number];
const PAGE = 50;

/** The approved members of the scope with their hours, and the hours per employer unit. */
export function HoursTab() {
  const { t, lang } = useLang();
  const [page, setPage] = useState(1);
  const report = useLoad(
    () =>
      ok(
        api.GET('/api/v1/in-service/hours', {
          params: { query: { limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [page],
  );
  const r = report.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {report.error ? <Alert type="error" title={errorText(report.error, lang)} /> : null}
      <Typography.Title level={5}>{t('inservice.byUnit')}</Typography.Title>
      <Table<Unit>
        rowKey={(u) => `${u.employerOrgId ?? ''}:${u.employerUnit}`}
        size="small"
        loading={report.loading}
        pagination={false}
        dataSource={r?.units ?? []}
        data-testid="inservice-units"
        columns={[
          { title: t('inservice.employer'), dataIndex: 'employerUnit' },
          { title: t('inservice.members'), dataIndex: 'members', width: 120 },
          { title: t('inservice.hours'), dataIndex: 'hours', width: 160 },
        ]}
      />
      <Typography.Title level={5}>{t('inservice.byMember')}</Typography.Title>
      <Table<Registration>
        rowKey="id"
        size="small"
        loading={report.loading}
        dataSource={r?.items ?? []}
        data-testid="inservice-members"
        onRow={(m) => ({ 'data-testid': `inservice-member-${m.id}` }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: r?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (n) => t('common.total', { n }),
        }}
        columns={[
          { title: t('inservice.name'), dataIndex: 'name', width: 120 },
          { title: t('inservice.home'), dataIndex: 'homeName', width: 160 },
          {
            title: t('inservice.employer'),
            render: (_: unknown, m: Registration) => m.employerOrgName ?? m.employerUnit,
          },
          { title: t('inservice.wishes'), dataIndex: 'wishes', width: 110 },
          { title: t('inservice.hours'), dataIndex: 'hours', width: 140 },
        ]}
      />
    </Space>
  );
}
