import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { useSession } from '../session.js';
import { KINDS, periodText, type Kind, type ReportSummary } from './format.js';
import { ReportDetail } from './ReportDetail.js';

const PAGE = 20;

/** 报表: the kept reports of my area (filter by kind, region, period), one opened, one made now. */
export function ReportsPage({ route }: { route: Route }) {
  const id = route.path[1];
  if (id && /^\d+$/.test(id)) return <ReportDetail key={id} id={Number(id)} />;
  return <ReportList query={route.query} />;
}

function ReportList({ query }: { query: URLSearchParams }) {
  const { t, lang } = useLang();
  const { can } = useSession();
  const kind = (query.get('kind') ?? undefined) as Kind | undefined;
  const region = query.get('region') ?? undefined;
  const from = query.get('from') ?? undefined;
  const to = query.get('to') ?? undefined;
  const page = Number(query.get('page') ?? 1);
  const set = (patch: Record<string, string | undefined>) =>
    navigate('/reports', { kind, region, from, to, ...patch, page: patch.page }, true);
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/reports', {
          params: { query: { kind, region, from, to, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [kind, region, from, to, page],
  );
  const [making, setMaking] = useState(false);

  return (
    <Card
      title={t('rep.title')}
      data-testid="reports-page"
      extra={
        can('reports.generate') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setMaking(true)}
            data-testid="report-new"
          >
            {t('rep.generate')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<Kind | ''>
          style={{ width: 170 }}
          value={kind ?? ''}
          data-testid="report-kind-filter"
          onChange={(v) => set({ kind: v || undefined })}
          options={[
            { value: '', label: t('rep.allKinds') },
            ...KINDS.map((k) => ({ value: k, label: t(`rep.kind.${k}`) })),
          ]}
        />
        <RegionPicker value={region} onChange={(v) => set({ region: v })} testId="report-region-filter" />
        <DatePicker.RangePicker
          value={from && to ? [dayjs(from), dayjs(to)] : null}
          onChange={(v) =>
            set({
              from: v?.[0]?.format('YYYY-MM-DD') ?? undefined,
              to: v?.[1]?.format('YYYY-MM-DD') ?? undefined,
            })
          }
          data-testid="report-period-filter"
        />
        <Typography.Text type="secondary">{t('rep.total', { n: list.data?.total ?? 0 })}</Typography.Text>
      </Space>
      <Table<ReportSummary>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('rep.none') }}
        onRow={(r) => ({ onClick: () => navigate(`/reports/${r.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => set({ page: String(p) }),
        }}
        columns={[
          {
            title: t('rep.kind'),
            render: (_, r) => (
              <Tag color={r.kind === 'monthly' ? 'red' : r.kind === 'weekly' ? 'orange' : 'blue'}>
                {t(`rep.kind.${r.kind}`)}
              </Tag>
            ),
          },
          { title: t('rep.region'), dataIndex: 'regionName' },
          {
            title: t('rep.period'),
            render: (_, r) => <span data-testid={`report-row-${r.kind}`}>{periodText(r, lang)}</span>,
          },
          { title: t('rep.generatedAt'), render: (_, r) => fmtTime(r.generatedAt) },
          { title: t('rep.by'), render: (_, r) => r.generatedBy ?? t('rep.scheduled') },
        ]}
      />
      {making && <MakeReport onClose={() => setMaking(false)} region={region} />}
    </Card>
  );
}

/** Make a report now: the kind, the region (default my own area), a day or month of its period. */
function MakeReport({ onClose, region: start }: { onClose: () => void; region?: string }) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [kind, setKind] = useState<Kind>('monthly');
  const [region, setRegion] = useState<string | undefined>(start);
  const [at, setAt] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const r = await ok(
        api.POST('/api/v1/reports', {
          body: {
            kind,
            region,
            at: at ? at.format(kind === 'monthly' ? 'YYYY-MM' : 'YYYY-MM-DD') : undefined,
          },
        }),
      );
      void message.success(t('rep.made'));
      onClose();
      navigate(`/reports/${r.id}`);
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('rep.generateTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'report-make' } as Record<`data-${string}`, string>}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('rep.kind')}</Typography.Text>
        <Select<Kind>
          style={{ width: '100%' }}
          value={kind}
          onChange={setKind}
          data-testid="report-make-kind"
          options={KINDS.map((k) => ({ value: k, label: t(`rep.kind.${k}`) }))}
        />
        <Typography.Text>{t('rep.region')}</Typography.Text>
        <RegionPicker value={region} onChange={setRegion} testId="report-make-region" width={472} />
        <Typography.Text type="secondary">{t('rep.regionHint')}</Typography.Text>
        <Typography.Text>{t('rep.at')}</Typography.Text>
        <DatePicker
          value={at}
          onChange={setAt}
          picker={kind === 'monthly' ? 'month' : 'date'}
          placeholder={t('rep.atHint')}
          data-testid="report-make-at"
        />
      </Space>
    </Modal>
  );
}
