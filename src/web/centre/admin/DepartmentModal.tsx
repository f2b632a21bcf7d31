import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { useMe } from '../session.js';
import type { AdminDepartment } from '../types.js';

type Values = { code: string; name: string; nameEn?: string; regionCode?: string };

/**
 * POST /admin/departments (editing = null) or PATCH /admin/departments/{id} (rename):
 * a county bureau or a township office of my county.
 */
export function DepartmentModal({
  editing,
  onClose,
  onSaved,
}: {
  /** undefined: closed; null: a new department; a department: rename it */
  editing: AdminDepartment | null | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, lang } = useLang();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    const nameEn = v.nameEn?.trim() || null;
    const r = await (
      editing
        ? api.PATCH('/api/v1/admin/departments/{id}', {
            params: { path: { id: editing.id } },
            body: { name: v.name.trim(), nameEn },
          })
        : api.POST('/api/v1/admin/departments', {
            body: { code: v.code, name: v.name.trim(), nameEn, regionCode: v.regionCode ?? me.scope.code },
          })
    ).catch((e: unknown) => ({ error: e, response: null }));
    setBusy(false);
    if (r.response?.ok) {
      message.success(t('dept.saved'));
      onClose();
      onSaved();
    } else setError(errorText(r.error, lang));
  }

  return (
    <Modal
      open={editing !== undefined}
      destroyOnHidden
      title={editing ? `${t('dept.rename')} · ${editing.name}` : t('dept.add')}
      onCancel={onClose}
      footer={[
        <Button key="c" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={busy} onClick={() => void submit()} data-testid="dept-save">
          {t('common.save')}
        </Button>,
      ]}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={editing ? { name: editing.name, nameEn: editing.nameEn ?? '' } : {}}
      >
        {!editing && (
          <>
            <Form.Item
              name="code"
              label={t('dept.code')}
              extra={t('dept.codeRule')}
              rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,59}$/, message: t('dept.codeRule') }]}
            >
              <Input autoComplete="off" data-testid="dept-code" />
            </Form.Item>
            <Form.Item name="regionCode" label={t('dept.region')} extra={t('dept.regionRule')}>
              <RegionPicker onChange={() => undefined} width={472} testId="dept-region" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="name"
          label={t('dept.name')}
          rules={[{ required: true, whitespace: true, min: 2, max: 60 }]}
        >
          <Input data-testid="dept-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('dept.nameEn')} rules={[{ max: 120 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
