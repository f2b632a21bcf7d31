import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';

type Body = paths['/api/v1/enterprises']['post']['requestBody']['content']['application/json'];

/** 登记两新组织 (POST /enterprises): the credit code's check characters are verified by the server. */
export function AddEnterprise({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Body>();
  async function submit() {
    const v = await form.validateFields();
    try {
      await ok(
        api.POST('/api/v1/enterprises', { body: { ...v, creditCode: v.creditCode.trim().toUpperCase() } }),
      );
      void message.success(t('ent.saved'));
      form.resetFields();
      onDone();
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  }
  return (
    <Modal
      open={open}
      title={t('ent.add')}
      onCancel={onClose}
      onOk={submit}
      destroyOnHidden
      data-testid="ent-add"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'enterprise', size: 'small', aboveScale: false }}
      >
        <Form.Item
          name="gridCode"
          label={t('ent.grid')}
          rules={[{ required: true, len: 15, message: t('ent.pickGrid') }]}
        >
          <RegionPicker
            onChange={(code) => form.setFieldValue('gridCode', code)}
            width={320}
            testId="ent-add-grid"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('ent.kind')}>
          <Select
            options={(['enterprise', 'social_org'] as const).map((k) => ({
              value: k,
              label: t(`ent.kind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('ent.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="creditCode" label={t('ent.creditCode')} rules={[{ required: true, len: 18 }]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="address" label={t('ent.address')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="size" label={t('ent.size')}>
          <Select
            options={(['large', 'medium', 'small', 'micro'] as const).map((k) => ({
              value: k,
              label: t(`ent.size.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="sector" label={t('ent.sector')} rules={[{ required: true, max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="aboveScale" valuePropName="checked">
          <Checkbox>{t('ent.aboveScale')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
