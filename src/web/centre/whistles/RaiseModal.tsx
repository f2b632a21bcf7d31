import { Alert, Checkbox, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

type Values = { subject: string; description: string; departmentId: number; urgent?: boolean };

/** 吹哨: a village or township raises a request to a county department. */
export function RaiseModal({
  open,
  onClose,
  onRaised,
}: {
  open: boolean;
  onClose: () => void;
  onRaised: (id: number) => void;
}) {
  const { t, lang } = useLang();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const depts = useLoad(
    () => (open ? ok(api.GET('/api/v1/whistles/departments')) : Promise.resolve(undefined)),
    [open],
  );
  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const made = await ok(
        api.POST('/api/v1/whistles', { body: { ...v, clientRequestId: crypto.randomUUID() } }),
      );
      form.resetFields();
      onRaised(made.id);
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={open}
      title={t('whistles.raise')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'whistle-raise-submit' } as ButtonProps}
      destroyOnHidden
    >
      {error ? <Alert type="error" title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="subject" label={t('whistles.subject')} rules={[{ required: true, min: 2, max: 80 }]}>
          <Input data-testid="whistle-subject" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('whistles.description')}
          rules={[{ required: true, min: 2, max: 2000 }]}
        >
          <Input.TextArea rows={4} data-testid="whistle-description" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('whistles.department')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={depts.loading}
            options={(depts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            data-testid="whistle-department"
          />
        </Form.Item>
        <Form.Item name="urgent" valuePropName="checked">
          <Checkbox>{t('whistles.urgent')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
