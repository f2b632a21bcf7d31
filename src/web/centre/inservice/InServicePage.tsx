import { Alert, Button, Card, Input, Modal, Select, Space, Table, Tabs, Tag, type ButtonProps } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { useSession } from '../session.js';
import { HoursTab } from './HoursTab.js';

import type { Registration } from './types.js';
type Status = Registration['status'];
const STATUSES: Status[] = ['pending', 'approved', 'rejected'];
const PAGE = 20;
type Query = NonNullable<paths['/api/v1/in-service/registrations']['get']['parameters']['query']>;

/** 在职党员: the community's staff review sign-ups (报到) and see the members and their hours. */
export function InServicePage({ route }: { route: Route }) {
  const { t } = useLang();
  const tab = route.query.get('tab') ?? 'review';
  return (
    <Card size="small" title={t('menu.inservice')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate('/inservice', { tab: k })}
        items={[
          { key: 'review', label: t('inservice.tab.review'), children: <ReviewTab /> },
          { key: 'hours', label: t('inservice.tab.hours'), children: <HoursTab /> },
        ]}
      />
    </Card>
  );
}

export function StatusTag({ status }: { status: Status }) {
  const { label } = useLang();
  const color = status === 'approved' ? 'green' : status === 'pending' ? 'orange' : 'default';
  return (
    <Tag color={color} data-testid="inservice-status">
      {label('inservice.status', status)}
    </Tag>
  );
}

function ReviewTab() {
  const { t, label, lang } = useLang();
  const { can } = useSession();
  const [status, setStatus] = useState<Status | undefined>('pending');
  const [search, setSearch] = useState<ListSearch>({});
  const [sort, setSort] = useState<Query['sort']>();
  const [page, setPage] = useState(1);
  const [tick, setTick] = useState(0);
  const [refusing, setRefusing] = useState<Registration | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const filter = { status, ...search, sort };
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/in-service/registrations', {
          params: { query: { ...filter, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [status, search.q, search.number, sort, page, tick],
  );
  const reset = (fn: () => void) => (fn(), setPage(1));
  const table = useListTable<Registration>({
    list,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => reset(() => setSort(v as Query['sort'])),
    rowTestId: (r) => `inservice-row-${r.id}`,
  });

  async function decide(r: Registration, decision: 'approve' | 'reject', why?: string) {
    setBusy(true);
    setError(null);
    try {
      await ok(
        api.POST('/api/v1/in-service/registrations/{id}/{decision}', {
          params: { path: { id: r.id, decision } },
          body: why ? { reason: why } : {},
        }),
      );
      setRefusing(null);
      setTick((n) => n + 1);
    } catch (err) {
      const text = errorText(err, lang);
      if (decision === 'reject') setError(text);
      else Modal.error({ content: text });
    } finally {
      setBusy(false);
    }
  }

  const approve = (r: Registration) =>
    Modal.confirm({
      title: `${t('inservice.approve')} · ${r.name}`,
      content: t('inservice.approveConfirm'),
      okButtonProps: { 'data-testid': 'inservice-approve-ok' } as ButtonProps,
      onOk: () => decide(r, 'approve'),
    });

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ListToolbar
        testId="inservice"
        search={search.number ?? search.q}
        onSearch={(v) => reset(() => setSearch(v))}
        total={list.data?.total}
        canExport={can('inservice.export')}
        exportHref={exportUrl('/api/v1/in-service/registrations/export.xlsx', filter)}
      >
        <Select<Status>
          allowClear
          style={{ width: 180 }}
          aria-label={t('inservice.status')}
          placeholder={t('inservice.status')}
          value={status}
          onChange={(v) => reset(() => setStatus(v))}
          options={STATUSES.map((v) => ({ value: v, label: label('inservice.status', v) }))}
          data-testid="inservice-filter"
        />
      </ListToolbar>
      {list.error ? <Alert type="error" title={errorText(list.error, lang)} /> : null}
      <Table<Registration>
        {...table}
        data-testid="inservice-table"
        columns={[
          { title: t('inservice.name'), dataIndex: 'name', width: 120, ...sortable(sort, 'name') },
          { title: t('inservice.phone'), dataIndex: 'phone', width: 130 },
          { title: t('inservice.home'), dataIndex: 'homeName', width: 160, ...sortable(sort, 'home') },
          {
            title: t('inservice.employer'),
            ...sortable(sort, 'employer'),
            render: (_: unknown, r: Registration) => r.employerOrgName ?? r.employerUnit,
          },
          {
            title: t('inservice.signedUp'),
            dataIndex: 'createdAt',
            width: 140,
            ...sortable(sort, 'createdAt'),
            render: (d: string) => fmtTime(d),
          },
          {
            title: t('inservice.status'),
            width: 160,
            ...sortable(sort, 'status'),
            render: (_: unknown, r: Registration) => (
              <Space size={4} wrap>
                <StatusTag status={r.status} />
                {r.duplicatePhone && r.status === 'pending' && (
                  <Tag color="red" data-testid="inservice-duplicate">
                    {t('inservice.duplicatePhone')}
                  </Tag>
                )}
                {r.rejectReason && <span className="muted">{r.rejectReason}</span>}
              </Space>
            ),
          },
          { title: t('inservice.hours'), dataIndex: 'hours', width: 110, ...sortable(sort, 'hours') },
          {
            title: t('inservice.actions'),
            width: 170,
            render: (_: unknown, r: Registration) =>
              r.status === 'pending' && can('inservice.review') ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => approve(r)}
                    data-testid="inservice-approve"
                  >
                    {t('inservice.approve')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => (setRefusing(r), setReason(''), setError(null))}
                    data-testid="inservice-reject"
                  >
                    {t('inservice.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={refusing !== null}
        title={refusing ? `${t('inservice.rejectTitle')} · ${refusing.name}` : ''}
        onCancel={() => setRefusing(null)}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'inservice-reject-ok' } as ButtonProps}
        onOk={() => {
          if (!refusing) return;
          if (reason.trim().length < 2) return setError(t('inservice.reasonRequired'));
          void decide(refusing, 'reject', reason.trim());
        }}
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          placeholder={t('inservice.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="inservice-reason"
        />
        {error && <Alert style={{ marginTop: 12 }} type="error" title={error} />}
      </Modal>
    </Space>
  );
}
