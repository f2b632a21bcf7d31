import { KeyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { Open311Key } from '../types.js';
import { Open311Settings } from './Open311Settings.js';

/** Open311 API keys: issue (the value is shown once), list, revoke. */
export function KeysTab() {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const keys = useLoad(() => ok(api.GET('/api/v1/open311/keys')).then((r) => r.items), []);
  const [labelText, setLabel] = useState('');
  const [issued, setIssued] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function issue() {
    if (!labelText.trim()) return;
    setBusy(true);
    try {
      const r = await ok(api.POST('/api/v1/open311/keys', { body: { label: labelText.trim() } }));
      setIssued(r.key);
      setLabel('');
      keys.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }
  async function revoke(id: number) {
    const r = await api
      .DELETE('/api/v1/open311/keys/{id}', { params: { path: { id } } })
      .catch((e: unknown) => ({ error: e, response: null }));
    if (r.response?.ok) keys.reload();
    else message.error(errorText(r.error, lang));
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space.Compact style={{ width: 480 }}>
        <Input
          placeholder={t('keys.label')}
          value={labelText}
          onChange={(e) => setLabel(e.target.value)}
          onPressEnter={() => void issue()}
          maxLength={100}
          data-testid="key-label"
        />
        <Button
          type="primary"
          icon={<KeyOutlined />}
          loading={busy}
          onClick={() => void issue()}
          disabled={!labelText.trim()}
          data-testid="key-issue"
        >
          {t('keys.issue')}
        </Button>
      </Space.Compact>
      <Table<Open311Key>
        rowKey="id"
        size="small"
        loading={keys.loading}
        dataSource={keys.data ?? []}
        pagination={false}
        columns={[
          { title: 'ID', dataIndex: 'id', width: 60 },
          { title: t('keys.label'), dataIndex: 'label' },
          {
            title: t('acc.createdAt'),
            dataIndex: 'createdAt',
            width: 150,
            render: (d: string) => fmtTime(d),
          },
          {
            title: t('keys.lastUsed'),
            dataIndex: 'lastUsedAt',
            width: 150,
            render: (d: string | null) => fmtTime(d),
          },
          {
            title: t('acc.status'),
            key: 'status',
            width: 200,
            render: (_: unknown, k: Open311Key) =>
              k.revokedAt ? (
                <Tag>
                  {t('keys.revoked')} {fmtTime(k.revokedAt)}
                </Tag>
              ) : (
                <Popconfirm
                  title={t('keys.revokeConfirm')}
                  onConfirm={() => void revoke(k.id)}
                  okText={t('keys.revoke')}
                  cancelText={t('common.cancel')}
                >
                  <Button size="small" danger data-testid={`key-revoke-${k.id}`}>
                    {t('keys.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={issued !== null}
        destroyOnHidden
        title={t('keys.issue')}
        onCancel={() => setIssued(null)}
        footer={
          <Button type="primary" onClick={() => setIssued(null)} data-testid="modal-confirm">
            {t('common.ok')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('keys.issued')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          copyable={{ text: issued ?? '' }}
          code
          style={{ fontSize: 15, wordBreak: 'break-all' }}
          data-testid="key-value"
        >
          {issued}
        </Typography.Paragraph>
      </Modal>
      <Open311Settings />
    </Space>
  );
}
