import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Input, Popconfirm, Select, Space, Table, Tag, type ButtonProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useMe } from '../session.js';
import { ROLES, type Account, type Role } from '../types.js';
import { AccountCreateModal } from './AccountCreateModal.js';
import { AccountEditModal } from './AccountEditModal.js';
import { AccountPasswordModal } from './AccountPasswordModal.js';

const PAGE = 50;

/**
 * Accounts in my scope (GET /accounts, filtered by text, role and status), with
 * create, edit, disable/enable (after a confirmation) and password reset.
 * Disabled accounts are greyed and tagged red; my own row cannot be disabled.
 */
export function AccountsTab() {
  const { t, label, lang } = useLang();
  const me = useMe();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState<string | undefined>();
  const [role, setRole] = useState<Role | undefined>();
  const [status, setStatus] = useState<'true' | 'false' | undefined>();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Account | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const res = useLoad(
    () =>
      ok(
        api.GET('/api/v1/accounts', {
          params: { query: { q, role, disabled: status, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [page, q, role, status],
  );
  const items = res.data?.items ?? [];
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => (set(v), setPage(1));

  async function toggle(a: Account) {
    const r = await api
      .PATCH('/api/v1/accounts/{id}', {
        params: { path: { id: a.id } },
        body: { disabled: !a.disabled, updatedAt: a.updatedAt },
      })
      .catch((e: unknown) => ({ error: e, response: null }));
    if (r.response?.ok)
      message.success(t(a.disabled ? 'party.account.enabledOk' : 'party.account.disabledOk'));
    else message.error(errorText(r.error, lang));
    res.reload();
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="account-create"
        >
          {t('acc.create')}
        </Button>
        <Input.Search
          allowClear
          placeholder={t('party.account.search')}
          style={{ width: 220 }}
          onSearch={filter((v: string) => setQ(v.trim() || undefined))}
          data-testid="account-search"
        />
        <Select<Role>
          allowClear
          placeholder={t('party.account.anyRole')}
          aria-label={t('party.account.anyRole')}
          style={{ width: 170 }}
          value={role}
          onChange={filter(setRole)}
          options={ROLES.map((r) => ({ value: r, label: label('role', r) }))}
        />
        <Select<'true' | 'false'>
          allowClear
          placeholder={t('party.account.anyStatus')}
          aria-label={t('party.account.anyStatus')}
          style={{ width: 130 }}
          value={status}
          onChange={filter(setStatus)}
          options={[
            { value: 'false', label: t('acc.active') },
            { value: 'true', label: t('acc.disabled') },
          ]}
        />
      </Space>
      <Table<Account>
        rowKey="id"
        size="small"
        loading={res.loading}
        dataSource={items}
        onRow={(a) =>
          ({
            'data-testid': `account-row-${a.username}`,
            style: a.disabled ? { opacity: 0.6, background: '#fafafa' } : undefined,
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: page,
          pageSize: PAGE,
          total: res.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => t('common.total', { n }),
        }}
        columns={[
          { title: 'ID', dataIndex: 'id', width: 60 },
          {
            title: t('acc.username'),
            dataIndex: 'username',
            width: 150,
            render: (u: string, a) =>
              a.id === me.id ? (
                <>
                  {u} <Tag color="blue">{t('party.account.self')}</Tag>
                </>
              ) : (
                u
              ),
          },
          { title: t('acc.displayName'), dataIndex: 'displayName' },
          { title: t('acc.role'), dataIndex: 'role', width: 130, render: (r: string) => label('role', r) },
          {
            title: t('acc.scope'),
            key: 'scope',
            render: (_: unknown, a: Account) => `${a.scopeName} (${a.scopeCode})`,
          },
          {
            title: `${t('acc.department')} / ${t('acc.worker')}`,
            key: 'tie',
            render: (_: unknown, a: Account) =>
              a.departmentName ?? (a.workerId !== null ? `${t('acc.worker')} #${a.workerId}` : ''),
          },
          {
            title: t('acc.status'),
            dataIndex: 'disabled',
            width: 80,
            render: (d: boolean, a) =>
              d ? (
                <Tag color="red" data-testid={`account-disabled-${a.username}`}>
                  {t('acc.disabled')}
                </Tag>
              ) : (
                <Tag color="green">{t('acc.active')}</Tag>
              ),
          },
          {
            title: t('acc.createdAt'),
            dataIndex: 'createdAt',
            width: 140,
            render: (d: string) => fmtTime(d),
          },
          {
            title: t('party.account.actions'),
            key: 'actions',
            width: 210,
            render: (_: unknown, a: Account) => (
              <Space size={4}>
                <Button
                  size="small"
                  type="link"
                  onClick={() => setEditing(a)}
                  data-testid={`account-edit-${a.username}`}
                >
                  {t('party.account.edit')}
                </Button>
                {a.id !== me.id && (
                  <Popconfirm
                    title={t(a.disabled ? 'party.account.enableConfirm' : 'party.account.disableConfirm', {
                      name: a.username,
                    })}
                    okButtonProps={
                      { danger: !a.disabled, 'data-testid': 'account-toggle-confirm' } as ButtonProps
                    }
                    onConfirm={() => toggle(a)}
                  >
                    <Button
                      size="small"
                      type="link"
                      danger={!a.disabled}
                      data-testid={`account-toggle-${a.username}`}
                    >
                      {t(a.disabled ? 'party.account.enable' : 'party.account.disable')}
                    </Button>
                  </Popconfirm>
                )}
                <Button
                  size="small"
                  type="link"
                  onClick={() => setResetting(a)}
                  data-testid={`account-password-${a.username}`}
                >
                  {t('party.account.password')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <AccountCreateModal open={creating} onClose={() => setCreating(false)} onCreated={res.reload} />
      <AccountEditModal account={editing} onClose={() => setEditing(null)} onSaved={res.reload} />
      <AccountPasswordModal account={resetting} onClose={() => setResetting(null)} />
    </Space>
  );
}
