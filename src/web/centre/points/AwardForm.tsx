import { App, Button, Form, Input, InputNumber, Space } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';

type Values = { delta: number; reason: string };

/** POST /workers/{id}/points: award or correct by hand, with a reason (audited; never below zero). */
export function AwardForm({ workerId, onDone }: { workerId: number; onDone: () => void }) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  async function submit(v: Values) {
    try {
      const r = await ok(
        api.POST('/api/v1/workers/{id}/points', {
          params: { path: { id: workerId } },
          body: { delta: v.delta, reason: v.reason.trim() },
        }),
      );
      message.success(t('points.awarded', { n: r.balance }));
      form.resetFields();
      onDone();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  }
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      style={{ marginBottom: 16, padding: 12, background: '#fafafa', borderRadius: 6 }}
      data-testid="award-form"
    >
      <Space align="start" wrap>
        <Form.Item
          name="delta"
          label={t('points.awardDelta')}
          rules={[
            {
              required: true,
              validator: (_, v: number | null) =>
                v ? Promise.resolve() : Promise.reject(new Error(t('points.awardDeltaRequired'))),
            },
          ]}
        >
          <InputNumber
            min={-10000}
            max={10000}
            precision={0}
            style={{ width: 160 }}
            data-testid="award-delta"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('points.awardReason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('points.awardReasonRequired') }]}
        >
          <Input maxLength={200} style={{ width: 360 }} data-testid="award-reason" />
        </Form.Item>
        <Form.Item label=" ">
          <Button type="primary" htmlType="submit" data-testid="award-submit">
            {t('points.awardSubmit')}
          </Button>
        </Form.Item>
      </Space>
    </Form>
  );
}
