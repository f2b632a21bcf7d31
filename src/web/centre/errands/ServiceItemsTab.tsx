import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

type Item =
  paths['/api/v1/admin/service-items']['get']['responses'][200]['content']['application/json']['items'][number];
type Values = Omit<Item, 'materials'> & { materials: string };

/** 服务事项清单: the county's catalogue of errands and proxy services; add, edit, retire (audited by the API). */
export function ServiceItemsTab() {
  const { t, label, lang } = useLang();
  const [tick, setTick] = useState(0);
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const res = useLoad(() => ok(api.GET('/api/v1/admin/service-items')), [tick]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button type="primary" onClick={() => setEditing('new')} data-testid="service-item-add">
        {t('errands.items.add')}
      </Button>
      <Table<Item>
        rowKey="code"
        size="small"
        loading={res.loading}
        dataSource={res.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        expandable={{
          expandedRowRender: (i) => (
            <p style={{ margin: 0, maxWidth: 900 }}>{lang === 'zh' ? i.guideZh : i.guideEn}</p>
          ),
        }}
        columns={[
          { title: t('errands.items.code'), dataIndex: 'code', width: 170 },
          {
            title: t('errands.kind'),
            dataIndex: 'kind',
            width: 100,
            render: (k: string) => label('errands.kind', k),
          },
          {
            title: t('errands.service'),
            key: 'name',
            render: (_: unknown, i: Item) => (lang === 'zh' ? i.nameZh : i.nameEn),
          },
          { title: t('errands.materials'), dataIndex: 'materials', render: (m: string[]) => m.join('、') },
          {
            title: t('errands.handledAt'),
            dataIndex: 'handledAt',
            width: 150,
            render: (h: string) => label('errands.handledAt', h),
          },
          {
            title: t('errands.promiseDays'),
            dataIndex: 'promiseDays',
            width: 130,
            render: (n: number) => (n === 0 ? t('errands.items.sameDay') : n),
          },
          {
            title: t('errands.status'),
            dataIndex: 'active',
            width: 90,
            render: (a: boolean) =>
              a ? (
                <Tag color="green">{t('errands.items.active')}</Tag>
              ) : (
                <Tag>{t('errands.items.inactive')}</Tag>
              ),
          },
          {
            title: '',
            key: 'edit',
            width: 70,
            render: (_: unknown, i: Item) => (
              <a onClick={() => setEditing(i)} data-testid={`service-item-edit-${i.code}`}>
                {t('errands.items.edit')}
              </a>
            ),
          },
        ]}
      />
      {editing && (
        <ItemModal
          item={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => (setEditing(null), setTick((n) => n + 1))}
        />
      )}
    </Space>
  );
}

function ItemModal({
  item,
  onClose,
  onSaved,
}: {
  item: Item | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, label, lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initial: Partial<Values> = item
    ? { ...item, materials: item.materials.join('\n') }
    : {
        kind: 'errand',
        handledAt: 'village',
        promiseDays: 1,
        active: true,
        sort: 0,
        materials: '',
        guideZh: '',
        guideEn: '',
      };

  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const { code, materials, ...rest } = v;
      const body = {
        ...rest,
        materials: materials
          .split('\n')
          .map((m) => m.trim())
          .filter(Boolean),
      };
      await ok(
        api.PUT('/api/v1/admin/service-items/{code}', {
          params: { path: { code: item?.code ?? code } },
          body,
        }),
      );
      void message.success(t('errands.items.saved'));
      onSaved();
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={640}
      title={item ? `${t('errands.items.edit')} · ${item.code}` : t('errands.items.add')}
      onCancel={onClose}
      footer={[
        <Button key="c" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={busy}
          onClick={() => void save()}
          data-testid="modal-confirm"
        >
          {t('common.save')}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        {!item && (
          <Form.Item
            name="code"
            label={t('errands.items.code')}
            extra={t('errands.items.codeHint')}
            rules={[{ required: true, pattern: /^[a-z_]{2,40}$/ }]}
          >
            <Input data-testid="item-code" />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="kind" label={t('errands.kind')}>
            <Select
              style={{ width: 140 }}
              options={['errand', 'proxy'].map((k) => ({ value: k, label: label('errands.kind', k) }))}
            />
          </Form.Item>
          <Form.Item name="handledAt" label={t('errands.handledAt')}>
            <Select
              style={{ width: 180 }}
              options={['village', 'township', 'county'].map((k) => ({
                value: k,
                label: label('errands.handledAt', k),
              }))}
            />
          </Form.Item>
          <Form.Item name="promiseDays" label={t('errands.promiseDays')} rules={[{ required: true }]}>
            <InputNumber min={0} max={60} data-testid="item-promise" />
          </Form.Item>
          <Form.Item name="sort" label={t('errands.items.sort')}>
            <InputNumber min={0} max={10000} />
          </Form.Item>
          <Form.Item name="active" label={t('errands.items.active')} valuePropName="checked">
            <Switch data-testid="item-active" />
          </Form.Item>
        </Space>
        <Form.Item
          name="nameZh"
          label={t('errands.items.nameZh')}
          rules={[{ required: true, min: 2, max: 40 }]}
        >
          <Input data-testid="item-name-zh" />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('errands.items.nameEn')}
          rules={[{ required: true, min: 2, max: 80 }]}
        >
          <Input data-testid="item-name-en" />
        </Form.Item>
        <Form.Item name="guideZh" label={t('errands.items.guideZh')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="guideEn" label={t('errands.items.guideEn')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="materials" label={t('errands.materials')} extra={t('errands.items.materialsHint')}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" title={error} />}
    </Modal>
  );
}
