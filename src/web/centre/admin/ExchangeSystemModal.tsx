import { App, Checkbox, Form, Input, InputNumber, Modal, type ButtonProps } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { useMe } from '../session.js';
import { EX_OPERATIONS } from './exchange-messages.js';

type Values = {
  name: string;
  operations: (typeof EX_OPERATIONS)[number][];
  scopeCode?: string;
  callsPerMinute: number;
};

/** POST /exchange/systems: name, granted operations, a scope inside mine, calls per minute; hands the key up. */
export function ExchangeSystemModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (key: string) => void;
}) {
  const { t, lang } = useLang();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    setBusy(true);
    try {
      const r = await ok(
        api.POST('/api/v1/exchange/systems', {
          body: {
            name: v.name.trim(),
            operations: v.operations,
            scopeCode: v.scopeCode ?? me.scope.code,
            callsPerMinute: v.callsPerMinute,
          },
        }),
      );
      form.resetFields();
      onCreated(r.key);
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      destroyOnHidden
      title={t('ex.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, 'data-testid': 'ex-system-save' } as ButtonProps}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ operations: ['cases.create'], callsPerMinute: 600 }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="name"
          label={t('ex.name')}
          rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t('ex.nameRule') }]}
        >
          <Input maxLength={60} placeholder="12345 政务服务便民热线" data-testid="ex-system-name" />
        </Form.Item>
        <Form.Item
          name="operations"
          label={t('ex.operations')}
          rules={[{ required: true, type: 'array', min: 1, message: t('ex.opsRule') }]}
        >
          <Checkbox.Group
            data-testid="ex-system-ops"
            options={EX_OPERATIONS.map((o) => ({ value: o, label: `${t(`ex.op.${o}`)} (${o})` }))}
          />
        </Form.Item>
        <Form.Item name="scopeCode" label={t('ex.scope')} extra={t('ex.scopeHint')}>
          <RegionPicker onChange={() => undefined} width={472} testId="ex-system-scope" />
        </Form.Item>
        <Form.Item name="callsPerMinute" label={t('ex.callsPerMinute')} rules={[{ required: true }]}>
          <InputNumber
            min={1}
            max={100000}
            precision={0}
            style={{ width: 200 }}
            data-testid="ex-system-rate"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
