import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag, type ButtonProps } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, type Loaded } from '../load.js';
import type { ExSystem } from '../types.js';
import { ExchangeSystemModal } from './ExchangeSystemModal.js';
import { ShownOnceModal } from './ShownOnceModal.js';

/** System accounts: list, create (key shown once), rotate (new key shown once), revoke with confirm. */
export function ExchangeSystems({
  systems,
  onChange,
}: {
  systems: Loaded<ExSystem[]>;
  onChange: () => void;
}) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [key, setKey] = useState<string | null>(null);

  async function rotate(id: number) {
    try {
      const r = await ok(api.POST('/api/v1/exchange/systems/{id}/rotate', { params: { path: { id } } }));
      setKey(r.key);
      onChange();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  }
  async function revoke(id: number) {
    try {
      await ok(api.DELETE('/api/v1/exchange/systems/{id}', { params: { path: { id } } }));
      onChange();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  }

  return (
    <Card
      size="small"
      title={t('ex.systems')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="ex-system-create"
        >
          {t('ex.create')}
        </Button>
      }
    >
      <Table<ExSystem>
        rowKey="id"
        size="small"
        loading={systems.loading}
        dataSource={systems.data ?? []}
        pagination={false}
        onRow={(s) => ({ 'data-testid': `ex-system-row-${s.id}` }) as object}
        columns={[
          { title: t('ex.name'), dataIndex: 'name' },
          {
            title: t('ex.operations'),
            dataIndex: 'operations',
            render: (ops: string[]) => ops.map((o) => <Tag key={o}>{o}</Tag>),
          },
          { title: t('ex.scope'), dataIndex: 'scopeCode', width: 150 },
          { title: t('ex.callsPerMinute'), dataIndex: 'callsPerMinute', width: 110 },
          {
            title: `${t('ex.created')} / ${t('ex.rotated')}`,
            key: 'when',
            width: 160,
            render: (_: unknown, s: ExSystem) => (
              <>
                {fmtTime(s.createdAt)}
                {s.rotatedAt && <div>{fmtTime(s.rotatedAt)}</div>}
              </>
            ),
          },
          {
            title: t('ex.lastUsed'),
            dataIndex: 'lastUsedAt',
            width: 150,
            render: (d: string | null) => fmtTime(d),
          },
          {
            title: t('ex.status'),
            key: 'status',
            width: 190,
            render: (_: unknown, s: ExSystem) =>
              s.revokedAt ? (
                <Tag>
                  {t('ex.revoked')} {fmtTime(s.revokedAt)}
                </Tag>
              ) : (
                <Space>
                  <Popconfirm
                    title={t('ex.rotateConfirm')}
                    onConfirm={() => void rotate(s.id)}
                    okText={t('ex.rotate')}
                    okButtonProps={{ 'data-testid': `ex-rotate-confirm-${s.id}` } as ButtonProps}
                    cancelText={t('common.cancel')}
                  >
                    <Button size="small" data-testid={`ex-rotate-${s.id}`}>
                      {t('ex.rotate')}
                    </Button>
                  </Popconfirm>
                  <Popconfirm
                    title={t('ex.revokeConfirm')}
                    onConfirm={() => void revoke(s.id)}
                    okText={t('ex.revoke')}
                    okButtonProps={{ 'data-testid': `ex-revoke-confirm-${s.id}` } as ButtonProps}
                    cancelText={t('common.cancel')}
                  >
                    <Button size="small" danger data-testid={`ex-revoke-${s.id}`}>
                      {t('ex.revoke')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <ExchangeSystemModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(k) => {
          setCreating(false);
          setKey(k);
          onChange();
        }}
      />
      <ShownOnceModal value={key} title="ex.keyTitle" warning="ex.keyOnce" onClose={() => setKey(null)} />
    </Card>
  );
}
