import { Alert, Button, Card, Input, Progress, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { errorText } from '../../shared/api.js';
import { sortable } from '../common/ListToolbar.js';
import { useLang } from '../lang.js';

/**
 * The pieces the county's campaign screens (上级号召) and the city's (全市响应) share: the coverage
 * bar, the list's columns, the progress table with drill-down and the close card.
 */

/** A coverage percentage as a small bar; with a test id, wrapped in a span carrying it. */
export function Coverage({ percent, testId }: { percent: number; testId?: string }) {
  const bar = <Progress percent={percent} size="small" format={(n) => `${n}%`} />;
  return testId ? <span data-testid={testId}>{bar}</span> : bar;
}

type Listed = {
  startsOn: string;
  endsOn: string;
  state: string;
  counts: { targets: number; missed: number; coverage: number };
};

/**
 * The columns a campaign list shows after its title (and launching region): dates, state, counts. With
 * `sort` (the server's sort of a list that sorts them: startsOn, state, targets, missed, coverage) the
 * columns get their sorters.
 */
export function useListColumns<T extends Listed>(sort?: string): ColumnsType<T> {
  const { t, label } = useLang();
  const by = (key: string) => (sort === undefined ? {} : sortable(sort || undefined, key));
  return [
    {
      title: t('camp.window'),
      width: 200,
      ...by('startsOn'),
      render: (_, c) => `${c.startsOn} ~ ${c.endsOn}`,
    },
    {
      title: t('camp.state'),
      dataIndex: 'state',
      width: 90,
      ...by('state'),
      render: (s: string) => (
        <Tag color={s === 'running' ? 'processing' : 'default'}>{label('camp.state', s)}</Tag>
      ),
    },
    { title: t('camp.targets'), width: 80, ...by('targets'), render: (_, c) => c.counts.targets },
    { title: t('camp.missed'), width: 80, render: (_, c) => c.counts.missed || '' },
    {
      title: t('camp.coverage'),
      width: 160,
      ...by('coverage'),
      render: (_, c) => <Coverage percent={c.counts.coverage} />,
    },
  ];
}

export type ProgressRow = {
  code: string;
  name: string;
  level: string;
  targets: number;
  done: number;
  notApplicable: number;
  open: number;
  missed: number;
  coverage: number;
};

/**
 * A campaign's progress at one node: a row a child region, opened by a click down to the grids;
 * `back` (shown when drilled in) goes up. Test ids: `<testId>-progress`, `<testId>-cov-<code>`.
 */
export function ProgressCard<R extends ProgressRow>(p: {
  testId: string;
  progress: { data?: { name: string; items: R[] }; loading: boolean; error?: unknown };
  onDrill: (r: R) => void;
  back?: ReactNode;
}) {
  const { t, lang } = useLang();
  const { data, loading, error } = p.progress;
  return (
    <Card size="small" title={`${t('camp.progress')} · ${data?.name ?? ''}`} extra={p.back}>
      {error !== undefined && <Alert type="error" title={errorText(error, lang)} />}
      <Table<R>
        rowKey="code"
        size="small"
        pagination={false}
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid={`${p.testId}-progress`}
        onRow={(r) => ({
          onClick: () => r.level !== 'grid' && p.onDrill(r),
          style: { cursor: r.level === 'grid' ? 'default' : 'pointer' },
        })}
        columns={[
          { title: t('camp.region'), dataIndex: 'name' },
          { title: t('camp.targets'), dataIndex: 'targets', width: 80 },
          { title: t('camp.done'), dataIndex: 'done', width: 80 },
          { title: t('camp.notApplicable'), dataIndex: 'notApplicable', width: 80 },
          { title: t('camp.open'), dataIndex: 'open', width: 80 },
          { title: t('camp.missed'), dataIndex: 'missed', width: 80 },
          {
            title: t('camp.coverage'),
            dataIndex: 'coverage',
            width: 160,
            render: (v: number, r) => <Coverage percent={v} testId={`${p.testId}-cov-${r.code}`} />,
          },
        ]}
      />
    </Card>
  );
}

/**
 * Closing a campaign: an optional reason (trimmed; none sent when blank) and the button; the error
 * of a refused close is shown under it. Test ids: `<testId>-close-reason`, `<testId>-close`.
 */
export function CloseCard({
  testId,
  onClose,
}: {
  testId: string;
  onClose: (body: { reason?: string }) => Promise<void>;
}) {
  const { t, lang } = useLang();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const close = async () => {
    setError(undefined);
    try {
      await onClose(reason.trim() ? { reason: reason.trim() } : {});
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card size="small" title={t('camp.close')}>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          data-testid={`${testId}-close-reason`}
          placeholder={t('camp.closeReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <Button danger data-testid={`${testId}-close`} onClick={close}>
          {t('camp.close')}
        </Button>
      </Space.Compact>
      {error !== undefined && <Alert type="error" title={errorText(error, lang)} style={{ marginTop: 8 }} />}
    </Card>
  );
}
