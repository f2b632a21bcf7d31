import { Alert, Button, Form, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { TIERS, type Category, type Deadlines } from '../types.js';

const UNITS = ['sameday', 'workhour', 'workday', 'hour', 'day'] as const;

/** PUT /admin/categories/{code}/deadlines: the time allowed at each tier. */
export function DeadlinesModal({
  category,
  onClose,
  onSaved,
}: {
  category: Category | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, label, lang } = useLang();
  const [form] = Form.useForm<Deadlines>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    if (!category) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      await ok(
        api.PUT('/api/v1/admin/categories/{code}/deadlines', {
          params: { path: { code: category.code } },
          body: v,
        }),
      );
      onClose();
      onSaved();
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={!!category}
      destroyOnHidden
      title={
        category
          ? `${t('cat.editDeadlines')} · ${category.code} ${lang === 'zh' ? category.name : category.nameEn}`
          : ''
      }
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
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 5 }}
        preserve={false}
        initialValues={category?.deadlines as Deadlines | undefined}
      >
        {TIERS.map((tier) => (
          <Form.Item key={tier} label={label('tier', tier)} required>
            <Space.Compact>
              <Form.Item name={[tier, 'amount']} noStyle rules={[{ required: true }]}>
                <InputNumber
                  min={0.5}
                  max={365}
                  step={1}
                  style={{ width: 110 }}
                  data-testid={`deadline-${tier}`}
                />
              </Form.Item>
              <Form.Item name={[tier, 'unit']} noStyle rules={[{ required: true }]}>
                <Select
                  style={{ width: 140 }}
                  options={UNITS.map((u) => ({ value: u, label: label('unit', u) }))}
                />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
