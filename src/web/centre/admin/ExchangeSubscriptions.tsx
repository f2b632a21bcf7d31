import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Popconfirm,
  Select,
  Table,
  Tag,
  type ButtonProps,
} from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { ExSubscription, ExSystem } from '../types.js';
import { EX_EVENTS } from './exchange-messages.js';
import { ShownOnceModal } from './ShownOnceModal.js';

type Values = { systemId: number; url: string; events: (typeof EX_EVENTS)[number][] };

/** Webhook subscribers per system account: add (the signing secret shown once), list, delete. */
export function ExchangeSubscriptions({ systems }: { systems: ExSystem[] }) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const subs = useLoad(() => ok(api.GET('/api/v1/exchange/subscriptions')).then((r) => r.items), []);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const live = systems.filter((s) => !s.revokedAt);
  const nameOf = (id: number) => systems.find((s) => s.id === id)?.name ?? `#${id}`;

  async function add(v: Values) {
    setBusy(true);
    try {
      const r = await ok(
        api.POST('/api/v1/exchange/systems/{id}/subscriptions', {
          params: { path: { id: v.systemId } },
          body: { url: v.url.trim(), events: v.events },
        }),
      );
      form.resetFields(['url']);
      setSecret(r.secret);
      subs.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }
  async function remove(id: number) {
    try {
      await ok(api.DELETE('/api/v1/exchange/subscriptions/{id}', { params: { path: { id } } }));
      subs.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  }

  return (
    <Card size="small" title={t('ex.subscriptions')}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ events: ['case.created', 'case.closed'] }}
        onFinish={(v) => void add(v)}
        disabled={live.length === 0}
      >
        <Form.Item
          name="systemId"
          label={t('ex.system')}
          rules={[{ required: true, message: t('ex.noSystems') }]}
        >
          <Select
            style={{ width: 320 }}
            placeholder={live.length ? undefined : t('ex.noSystems')}
            options={live.map((s) => ({ value: s.id, label: s.name }))}
            data-testid="ex-sub-system"
          />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('ex.url')}
          rules={[
            { required: true, message: t('ex.urlBad') },
            { type: 'url', message: t('ex.urlBad') },
            { pattern: /^https?:\/\//i, message: t('ex.urlBad') },
            { max: 500, message: t('ex.urlBad') },
          ]}
        >
          <Input
            style={{ width: 480 }}
            placeholder="https://hotline.example.gov.cn/wangge/hook"
            data-testid="ex-sub-url"
          />
        </Form.Item>
        <Form.Item
          name="events"
          label={t('ex.events')}
          rules={[{ required: true, type: 'array', min: 1, message: t('ex.eventsRule') }]}
        >
          <Checkbox.Group
            data-testid="ex-sub-events"
            options={EX_EVENTS.map((e) => ({ value: e, label: `${t(`ex.ev.${e}`)} (${e})` }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="ex-sub-add">
          {t('ex.subscribe')}
        </Button>
      </Form>
      <Table<ExSubscription>
        style={{ marginTop: 12 }}
        rowKey="id"
        size="small"
        loading={subs.loading}
        dataSource={subs.data ?? []}
        pagination={false}
        onRow={(s) => ({ 'data-testid': `ex-sub-row-${s.id}` }) as object}
        columns={[
          { title: t('ex.system'), dataIndex: 'systemAccountId', render: (id: number) => nameOf(id) },
          { title: t('ex.url'), dataIndex: 'url' },
          {
            title: t('ex.events'),
            dataIndex: 'events',
            render: (evs: string[]) => evs.map((e) => <Tag key={e}>{e}</Tag>),
          },
          { title: t('ex.created'), dataIndex: 'createdAt', width: 150, render: (d: string) => fmtTime(d) },
          {
            title: '',
            key: 'actions',
            width: 90,
            render: (_: unknown, s: ExSubscription) => (
              <Popconfirm
                title={t('ex.unsubscribeConfirm')}
                onConfirm={() => void remove(s.id)}
                okText={t('ex.unsubscribe')}
                okButtonProps={{ 'data-testid': `ex-sub-delete-confirm-${s.id}` } as ButtonProps}
                cancelText={t('common.cancel')}
              >
                <Button size="small" danger data-testid={`ex-sub-delete-${s.id}`}>
                  {t('ex.unsubscribe')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <ShownOnceModal
        value={secret}
        title="ex.secretTitle"
        warning="ex.secretOnce"
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
