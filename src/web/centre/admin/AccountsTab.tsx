import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { Account } from '../types.js';
import { AccountCreateModal } from './AccountCreateModal.js';

const PAGE = 50;

/** Accounts in my scope (GET /accounts) and a form to create one (POST /accounts). */
export function AccountsTab() {
  const { t, label } = useLang();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const res = useLoad(() => ok(api.GET('/api/v1/accounts', { params: { query: { limit: PAGE, offset: (page - 1) * PAGE } } })), [page]);
  const items = res.data?.items ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-create">
        {t('acc.create')}
      </Button>
      <Table<Account>
        rowKey="id"
        size="small"
        loading={res.loading}
        dataSource={items}
        pagination={{ current: page, pageSize: PAGE, total: (page - 1) * PAGE + items.length + (items.length === PAGE ? 1 : 0), onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: 'ID', dataIndex: 'id', width: 60 },
          { title: t('acc.username'), dataIndex: 'username', width: 160 },
          { title: t('acc.displayName'), dataIndex: 'displayName' },
          { title: t('acc.role'), dataIndex: 'role', width: 140, render: (r: string) => label('role', r) },
          { title: t('acc.scope'), key: 'scope', render: (_: unknown, a: Account) => `${a.scopeName} (${a.scopeCode})` },
          { title: t('acc.status'), dataIndex: 'disabled', width: 80, render: (d: boolean) => (d ? <Tag>{t('acc.disabled')}</Tag> : <Tag color="green">{t('acc.active')}</Tag>) },
          { title: t('acc.createdAt'), dataIndex: 'createdAt', width: 150, render: (d: string) => fmtTime(d) },
        ]}
      />
      <AccountCreateModal open={creating} onClose={() => setCreating(false)} onCreated={res.reload} />
    </Space>
  );
}
