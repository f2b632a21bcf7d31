import { Button, Drawer, Form, Input, Progress, Select, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { useAreaLive } from '../live.js';
import { ok, useLoad } from '../load.js';
import { navigate, type Route } from '../router.js';
import { useSession } from '../session.js';
import { EmergencyDetail } from './EmergencyDetail.js';
import { SuppliesPanel, TeamsPanel } from './Resources.js';

export type EmergencyEvent =
  paths['/api/v1/emergency-events']['get']['responses'][200]['content']['application/json']['items'][number];

/** 应急指挥: the events over my scope, declaring one, one event's live map. `#/emergency/<id>` */
export function EmergencyPage({ route }: { route: Route }) {
  if (route.path[1] === 'teams') return <TeamsPanel />;
  if (route.path[1] === 'supplies') return <SuppliesPanel />;
  const id = Number(route.path[1]) || null;
  if (id) return <EmergencyDetail key={id} id={id} />;
  return <EmergencyList />;
}

function EmergencyList() {
  const { t, label } = useLang();
  const { can } = useSession();
  const [declaring, setDeclaring] = useState(false);
  const list = useLoad(
    () => ok(api.GET('/api/v1/emergency-events', { params: { query: { limit: 100 } } })),
    [],
  );
  // an event declared or closed in my scope appears or changes state without a reload
  useAreaLive((e) => {
    if (e.type === 'area.emergency.declared' || e.type === 'area.emergency.closed') list.reload();
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        {can('emergency.declare') && (
          <Button type="primary" danger data-testid="emg-declare" onClick={() => setDeclaring(true)}>
            {t('emg.declare')}
          </Button>
        )}
        <Button data-testid="emg-teams-open" onClick={() => navigate('/emergency/teams')}>
          {t('emg.teams')}
        </Button>
        <Button data-testid="emg-supplies-open" onClick={() => navigate('/emergency/supplies')}>
          {t('emg.supplies')}
        </Button>
      </Space>
      <Table<EmergencyEvent>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="emg-table"
        pagination={false}
        onRow={(e) => ({ onClick: () => navigate(`/emergency/${e.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('emg.title'), dataIndex: 'title' },
          { title: t('emg.kind'), width: 110, render: (_, e) => label('emg.kind', e.kind) },
          {
            title: t('emg.state'),
            width: 90,
            render: (_, e) => (
              <Tag color={e.state === 'declared' ? 'red' : 'default'}>{label('emg.state', e.state)}</Tag>
            ),
          },
          {
            title: t('emg.declaredAt'),
            width: 170,
            render: (_, e) => new Date(e.declaredAt).toLocaleString(),
          },
          { title: t('emg.total'), width: 80, render: (_, e) => e.counts.total },
          {
            title: t('emg.progress'),
            width: 160,
            render: (_, e) => (
              <Progress
                size="small"
                percent={
                  e.counts.total
                    ? Math.round((100 * (e.counts.total - e.counts.pending)) / e.counts.total)
                    : 0
                }
              />
            ),
          },
        ]}
      />
      {declaring && (
        <DeclareDrawer
          onClose={() => setDeclaring(false)}
          onDone={(id) => {
            setDeclaring(false);
            navigate(`/emergency/${id}`);
          }}
        />
      )}
    </Space>
  );
}

function DeclareDrawer({ onClose, onDone }: { onClose: () => void; onDone: (id: number) => void }) {
  const { t } = useLang();
  const { me } = useSession();
  const [key, setKey] = useState<string>();
  const [title, setTitle] = useState('');
  const [area, setArea] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const templates = useLoad(() => ok(api.GET('/api/v1/emergency-templates')), []);
  const scope = me?.scope.code ?? '';
  const children = useLoad(
    () =>
      scope
        ? ok(api.GET('/api/v1/regions/{code}/children', { params: { path: { code: scope } } }))
        : Promise.resolve({ items: [] }),
    [scope],
  );
  const submit = async () => {
    if (!key) return;
    setBusy(true);
    try {
      const made = await ok(
        api.POST('/api/v1/emergency-events', {
          body: { templateKey: key, title, area, clientRequestId: crypto.randomUUID() },
        }),
      );
      onDone(made.id);
    } catch (e) {
      void message.error(String((e as Error).message ?? e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open width={520} title={t('emg.declare')} onClose={onClose}>
      <Form layout="vertical">
        <Form.Item label={t('emg.kind')}>
          <Select
            data-testid="emg-template"
            value={key}
            onChange={(k: string) => {
              setKey(k);
              if (!title) setTitle(templates.data?.items.find((x) => x.key === k)?.title ?? '');
            }}
            options={(templates.data?.items ?? []).map((x) => ({ value: x.key, label: x.title }))}
          />
        </Form.Item>
        <Form.Item label={t('emg.title')}>
          <Input data-testid="emg-title" value={title} onChange={(e) => setTitle(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('emg.area')}>
          <Select
            mode="multiple"
            data-testid="emg-area"
            value={area}
            onChange={setArea}
            optionFilterProp="label"
            options={(children.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))}
          />
        </Form.Item>
        <Button
          type="primary"
          danger
          data-testid="emg-submit"
          loading={busy}
          disabled={!key || title.trim().length < 2 || area.length === 0}
          onClick={() => void submit()}
        >
          {t('emg.declare')}
        </Button>
      </Form>
    </Drawer>
  );
}
