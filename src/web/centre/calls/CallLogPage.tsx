import { Card, Table, Tag } from 'antd';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { useLive } from '../live.js';
import { ok, useLoad } from '../load.js';
import type { Route } from '../router.js';

const ABOUT = ['case', 'household', 'campaign_target', 'dispute', 'grid'] as const;

/** 通话记录: my calls and those of my subtree, newest first; `?aboutType=case&aboutId=12` for one object's. */
export function CallLogPage({ route }: { route: Route }) {
  const { t, label } = useLang();
  const aboutType = ABOUT.find((a) => a === route.query.get('aboutType'));
  const aboutId = route.query.get('aboutId') ?? undefined;
  const res = useLoad(
    () =>
      ok(
        api.GET('/api/v1/calls', {
          params: { query: { limit: 200, aboutType, aboutId: aboutId as never } },
        }),
      ),
    [aboutType, aboutId],
  );
  useLive((e) => e.type.startsWith('call.') && res.reload());
  return (
    <Card title={t('call.log')} size="small">
      <Table
        size="small"
        rowKey="id"
        loading={res.loading}
        data-testid="call-log"
        dataSource={res.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          {
            title: t('call.started'),
            dataIndex: 'startedAt',
            render: (v: string) => new Date(v).toLocaleString(),
          },
          { title: t('call.caller'), render: (_, r) => r.caller.name },
          { title: t('call.callee'), render: (_, r) => r.callee.name },
          {
            title: '',
            dataIndex: 'media',
            render: (m: string) => t(m === 'video' ? 'call.video' : 'call.voice'),
          },
          {
            title: t('call.outcome'),
            render: (_, r) =>
              r.outcome ? (
                <Tag color={r.outcome === 'completed' ? 'green' : 'orange'}>
                  {label('callOutcome', r.outcome)}
                </Tag>
              ) : (
                <Tag color="blue">{r.state}</Tag>
              ),
          },
          { title: t('call.duration'), dataIndex: 'durationSeconds' },
          {
            title: t('call.about'),
            render: (_, r) =>
              r.about ? `${label('callAbout', r.about.type)} ${r.about.id ?? r.about.code ?? ''}` : '',
          },
        ]}
      />
    </Card>
  );
}
