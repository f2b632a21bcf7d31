import { DatePicker, Space, Table, Typography } from 'antd';
import { api } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

/** A household's history (who, when, what, why) and a date to see the archive as it stood then. */
export function HistoryPanel({
  householdId,
  asOf,
  onAsOf,
}: {
  householdId: number;
  asOf: string | undefined;
  onAsOf: (day: string | undefined) => void;
}) {
  const { t } = useLang();
  const list = useLoad(
    () => ok(api.GET('/api/v1/households/{id}/history', { params: { path: { id: householdId } } })),
    [householdId],
  );
  return (
    <div data-testid="household-history">
      <Space style={{ marginTop: 16 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('reg.history')}
        </Typography.Title>
        <DatePicker
          allowClear
          placeholder={t('reg.asOf')}
          onChange={(d) => onAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
          data-testid="as-of"
        />
        {asOf && <Typography.Text type="warning">{t('reg.asOfShown', { day: asOf })}</Typography.Text>}
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        pagination={{ pageSize: 10 }}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: t('reg.when'), dataIndex: 'at', render: (v: string) => fmtTime(v) },
          { title: t('reg.effective'), dataIndex: 'effectiveOn' },
          { title: t('reg.event'), dataIndex: 'event' },
          { title: t('reg.fields'), dataIndex: 'changed', render: (c: string[]) => c.join('、') },
          { title: t('reg.who'), dataIndex: 'actorName' },
          { title: t('reg.why'), dataIndex: 'reason' },
        ]}
      />
    </div>
  );
}
