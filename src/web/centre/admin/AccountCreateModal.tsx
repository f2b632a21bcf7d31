import { Alert, App, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { DepartmentSelect, WorkerSelect } from './TieSelects.js';
import { useLang } from '../lang.js';
import { useMe } from '../session.js';
import { ROLES, type Role } from '../types.js';

type Values = {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scopeCode?: string;
  departmentId?: number | null;
  workerId?: number | null;
};

/** POST /accounts: username, name, initial password, role, a scope inside mine, and the department or roster record it works for. */
export function AccountCreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t, label, lang } = useLang();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);
  const scope = Form.useWatch('scopeCode', form) ?? me.scope.code;

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    const r = await api
      .POST('/api/v1/accounts', {
        body: { ...v, username: v.username.trim(), scopeCode: v.scopeCode ?? me.scope.code },
      })
      .catch((e: unknown) => ({ error: e, response: null }));
    setBusy(false);
    if (r.response?.ok) {
      message.success(t('acc.created'));
      form.resetFields();
      onClose();
      onCreated();
    } else setError(errorText(r.error, lang));
  }

  return (
    <Modal
      open={open}
      destroyOnHidden
      title={t('acc.create')}
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
          data-testid="modal-confirm"
        >
          {t('common.save')}
        </Button>,
      ]}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ role: 'grid_worker' }}>
        <Form.Item
          name="username"
          label={t('acc.username')}
          extra={t('acc.usernameRule')}
          rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_.-]{2,39}$/, message: t('acc.usernameRule') }]}
        >
          <Input autoComplete="off" data-testid="account-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('acc.displayName')}
          rules={[{ required: true, whitespace: true, max: 60 }]}
        >
          <Input data-testid="account-name" />
        </Form.Item>
        <Form.Item name="password" label={t('acc.password')} rules={[{ required: true, min: 10, max: 200 }]}>
          <Input.Password autoComplete="new-password" data-testid="account-password" />
        </Form.Item>
        <Form.Item name="role" label={t('acc.role')} rules={[{ required: true }]}>
          <Select
            options={ROLES.map((r) => ({ value: r, label: label('role', r) }))}
            data-testid="account-role"
          />
        </Form.Item>
        <Form.Item name="scopeCode" label={t('acc.scope')}>
          <RegionPicker onChange={() => undefined} width={472} testId="account-scope" />
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
    </Modal>
  );
}
