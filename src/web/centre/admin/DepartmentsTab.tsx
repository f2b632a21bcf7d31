import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { api, errorText } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { AdminDepartment } from '../types.js';
import { DepartmentModal } from './DepartmentModal.js';

/** 职能部门 (GET/POST/PATCH /admin/departments): my county's bureaus and township offices. */
export function DepartmentsTab() {
  const { t, label, lang } = useLang();
  const { message } = App.useApp();
  const [within, setWithin] = useState<string>();
  const [q, setQ] = useState<string>();
  const [all, setAll] = useState(false);
  const [editing, setEditing] = useState<AdminDepartment | null | undefined>(undefined);
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/admin/departments', {
          params: {
            query: {
              ...(within && /^\d{6}(\d{3})?$/.test(within) ? { within } : {}),
              ...(q ? { q } : {}),
              ...(all ? {} : { active: 'true' as const }),
            },
          },
        }),
      ).then((r) => r.items),
    [within, q, all],
  );

  async function setActive(d: AdminDepartment, active: boolean) {
    try {
      await ok(
        api.PATCH('/api/v1/admin/departments/{id}', { params: { path: { id: d.id } }, body: { active } }),
      );
      message.success(t('dept.saved'));
      list.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('dept.deactivateHint')}</Typography.Text>
      <Space wrap>
        <RegionPicker value={within} onChange={setWithin} testId="dept-within" />
        <Input.Search
          allowClear
          placeholder={t('dept.search')}
          onSearch={(s) => setQ(s.trim() || undefined)}
          style={{ width: 220 }}
        />
        <Switch checked={all} onChange={setAll} /> <span>{t('dept.showInactive')}</span>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing(null)}
          data-testid="dept-add"
        >
          {t('dept.add')}
        </Button>
      </Space>
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error, lang)} />}
      <Table<AdminDepartment>
        rowKey="id"
        onRow={(d) => ({ 'data-testid': `dept-row-${d.code}` }) as HTMLAttributes<HTMLElement>}
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('dept.name'), dataIndex: 'name' },
          { title: t('dept.code'), dataIndex: 'code', width: 240 },
          { title: t('dept.tier'), dataIndex: 'tier', width: 90, render: (v: string) => label('tier', v) },
          { title: t('dept.region'), dataIndex: 'regionName', width: 140 },
          {
            title: t('dept.status'),
            dataIndex: 'active',
            width: 90,
            render: (a: boolean) =>
              a ? <Tag color="green">{t('dept.active')}</Tag> : <Tag>{t('dept.inactive')}</Tag>,
          },
          {
            title: '',
            key: 'act',
            width: 150,
            render: (_: unknown, d: AdminDepartment) => (
              <Space>
                <a onClick={() => setEditing(d)} data-testid={`dept-rename-${d.id}`}>
                  {t('dept.rename')}
                </a>
                {d.active ? (
                  <Popconfirm
                    title={t('dept.deactivateHint')}
                    onConfirm={() => void setActive(d, false)}
                    okButtonProps={{ 'data-testid': 'dept-deactivate-confirm' } as ButtonProps}
                  >
                    <a data-testid={`dept-deactivate-${d.id}`}>{t('dept.deactivate')}</a>
                  </Popconfirm>
                ) : (
                  <a onClick={() => void setActive(d, true)}>{t('dept.reactivate')}</a>
                )}
              </Space>
            ),
          },
        ]}
      />
      <DepartmentModal editing={editing} onClose={() => setEditing(undefined)} onSaved={list.reload} />
    </Space>
  );
}
