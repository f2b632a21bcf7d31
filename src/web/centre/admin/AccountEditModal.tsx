import { Alert, App, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { DepartmentSelect, WorkerSelect } from './TieSelects.js';
import { useLang } from '../lang.js';
import { useMe } from '../session.js';
import { ROLES, type Account, type Role } from '../types.js';

type Values = {
  displayName: string;
  role: Role;
  scopeCode?: string;
  departmentId?: number | null;
  workerId?: number | null;
};

/**
 * PATCH /accounts/{id}: name, role and a scope inside mine. Only changed fields
 * are sent, with the updatedAt read, so an edit made meanwhile by someone else
 * is refused rather than overwritten. My own role and scope are locked.
 */
export function AccountEditModal({
  account,
  onClose,
  onSaved,
}: {
  account: Account | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, label, lang } = useLang();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const self = account?.id === me.id;
  const role = Form.useWatch('role', form);
  const scope = Form.useWatch('scopeCode', form) ?? account?.scopeCode;

  async function submit() {
    if (!account) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body: {
      displayName?: string;
      role?: Role;
      scopeCode?: string;
      departmentId?: number | null;
      workerId?: number | null;
      updatedAt: string;
    } = {
      updatedAt: account.updatedAt,
    };
    if (v.displayName.trim() !== account.displayName) body.displayName = v.displayName.trim();
    if (v.role !== account.role) body.role = v.role;
    if (v.scopeCode && v.scopeCode !== account.scopeCode) body.scopeCode = v.scopeCode;
    if (v.departmentId !== undefined && v.departmentId !== account.departmentId)
      body.departmentId = v.departmentId;
    if (v.workerId !== undefined && v.workerId !== account.workerId) body.workerId = v.workerId;
    if (Object.keys(body).length === 1) return onClose();
    setBusy(true);
    setError(null);
    const r = await api
      .PATCH('/api/v1/accounts/{id}', { params: { path: { id: account.id } }, body })
      .catch((e: unknown) => ({ error: e, response: null }));
    setBusy(false);
    if (r.response?.ok) {
      message.success(t('party.account.saved'));
      onClose();
      onSaved();
    } else setError(errorText(r.error, lang));
  }

  return (
    <Modal
      open={account !== null}
      destroyOnHidden
      title={account ? t('party.account.editTitle', { name: account.username }) : ''}
      onCancel={onClose}
      footer={[
        <Button key="c" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={busy}
          onClick={() => void submit()}
          data-testid="account-edit-save"
        >
          {t('common.save')}
        </Button>,
      ]}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {self && (
        <Alert type="info" showIcon title={t('party.account.selfHint')} style={{ marginBottom: 12 }} />
      )}
      {account && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            displayName: account.displayName,
            role: account.role,
            scopeCode: account.scopeCode,
            departmentId: account.departmentId,
            workerId: account.workerId,
          }}
        >
          <Form.Item
            name="displayName"
            label={t('acc.displayName')}
            rules={[{ required: true, whitespace: true, max: 60 }]}
          >
            <Input data-testid="account-edit-name" />
          </Form.Item>
          <Form.Item name="role" label={t('acc.role')} rules={[{ required: true }]}>
            <Select
              disabled={self}
              options={ROLES.map((r) => ({ value: r, label: label('role', r) }))}
              data-testid="account-edit-role"
            />
          </Form.Item>
          <Form.Item name="scopeCode" label={t('acc.scope')}>
            {self ? (
              <Input disabled value={`${account.scopeName} (${account.scopeCode})`} />
            ) : (
              <RegionPicker onChange={() => undefined} width={472} testId="account-edit-scope" />
            )}
          </Form.Item>
          {role === 'department_staff' && (
            <Form.Item
              name="departmentId"
              label={t('acc.department')}
              rules={[{ required: true, message: t('acc.departmentHint') }]}
            >
              <DepartmentSelect scopeCode={scope} />
            </Form.Item>
          )}
          {role === 'grid_worker' && (
            <Form.Item
              name="workerId"
              label={t('acc.worker')}
              rules={[{ required: true, message: t('acc.workerHint') }]}
            >
              <WorkerSelect gridCode={scope} />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
