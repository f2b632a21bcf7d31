import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Skeleton, Space, Table, Tabs, Typography } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate } from '../router.js';
import { changeText, periodText, valueText, type Report } from './format.js';

type Value = Report['values'][number];
type Listed = Report['lists'][string]['items'][number];

/** One kept report: its figures with 环比/同比, the units under it, the cases behind the figures. */
export function ReportDetail({ id }: { id: number }) {
  const { t, label, lang } = useLang();
  const res = useLoad(() => ok(api.GET('/api/v1/reports/{id}', { params: { path: { id } } })), [id]);
  const r = res.data;
  if (res.error !== undefined && !r)
    return <Alert type="error" showIcon title={errorText(res.error, lang)} />;
  if (!r)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const name = (v: { nameZh: string; nameEn: string }) => (lang === 'zh' ? v.nameZh : v.nameEn);
  const byCode = new Map(r.values.map((v) => [v.code, v]));
  const regionCodes = Object.keys(r.byRegion[0]?.values ?? {});
  const change = (x: number | null) => (
    <span style={{ color: x === null ? undefined : x > 0 ? '#cf1322' : x < 0 ? '#389e0d' : undefined }}>
      {changeText(x)}
    </span>
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="report-detail">
      <Card size="small">
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Space wrap>
            <Button
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate('/reports')}
              title={t('common.back')}
            />
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="report-title">
              {r.trail.join(' ')} {t(`rep.kind.${r.kind}`)}
            </Typography.Title>
          </Space>
          <Space>
            <Button
              icon={<DownloadOutlined />}
              href={`/api/v1/reports/${r.id}/export.xlsx`}
              data-testid="report-excel"
            >
              {t('rep.excel')}
            </Button>
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              href={`/print/report/${r.id}`}
              target="_blank"
              data-testid="report-print"
            >
              {t('rep.print')}
            </Button>
          </Space>
        </Space>
        <Descriptions size="small" column={3} style={{ marginTop: 8 }}>
          <Descriptions.Item label={t('rep.period')}>{periodText(r, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('rep.generatedAt')}>{fmtTime(r.generatedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('rep.by')}>{r.generatedBy ?? t('rep.scheduled')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('rep.figures')}>
        <Table<Value>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={r.values}
          data-testid="report-figures"
          columns={[
            { title: t('rep.figure'), render: (_, v) => name(v) },
            {
              title: t('rep.value'),
              align: 'right',
              render: (_, v) => <b data-testid={`figure-${v.code}`}>{valueText(v.value, v.unit)}</b>,
            },
            { title: t('rep.previous'), align: 'right', render: (_, v) => valueText(v.previous, v.unit) },
            { title: t('rep.changePrevious'), align: 'right', render: (_, v) => change(v.changePrevious) },
            { title: t('rep.yearBefore'), align: 'right', render: (_, v) => valueText(v.yearBefore, v.unit) },
            { title: t('rep.changeYear'), align: 'right', render: (_, v) => change(v.changeYear) },
          ]}
        />
      </Card>
      {r.byRegion.length > 0 && (
        <Card size="small" title={t('rep.byRegion')}>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={r.byRegion}
            columns={[
              { title: t('rep.region'), dataIndex: 'name' },
              ...regionCodes.map((code) => ({
                title: byCode.get(code) ? name(byCode.get(code)!) : code,
                align: 'right' as const,
                render: (_: unknown, x: Report['byRegion'][number]) =>
                  valueText(x.values[code] ?? null, byCode.get(code)?.unit ?? 'count'),
              })),
            ]}
          />
        </Card>
      )}
      <Card size="small" title={t('rep.lists')}>
        <Tabs
          items={Object.entries(r.lists).map(([code, l]) => ({
            key: code,
            label: `${byCode.get(code) ? name(byCode.get(code)!) : code} (${l.total})`,
            children: (
              <>
                {l.total > l.items.length && (
                  <Typography.Text type="secondary">
                    {t('rep.listMore', { shown: l.items.length })}
                  </Typography.Text>
                )}
                <Table<Listed>
                  size="small"
                  rowKey="id"
                  dataSource={l.items}
                  pagination={{ pageSize: 20, showSizeChanger: false }}
                  columns={[
                    {
                      title: t('rep.number'),
                      render: (_, i) => <a href={`/cases/${i.id}`}>{i.number}</a>,
                    },
                    { title: t('rep.when'), render: (_, i) => fmtTime(i.at) },
                    { title: t('rep.category'), dataIndex: 'category' },
                    { title: t('rep.grid'), dataIndex: 'grid' },
                    { title: t('rep.state'), render: (_, i) => (i.state ? label('state', i.state) : '—') },
                  ]}
                />
              </>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
