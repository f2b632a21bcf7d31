import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';

const SHOW_SECONDS = 30;
type Field = 'idNumber' | 'phone';

/**
 * 查看: asks for a reason, calls POST /residents/{id}/reveal (audited) and shows
 * the clear values for a short while, then hides them again.
 */
export function RevealButton({ id, name, hasPhone }: { id: number; name: string; hasPhone: boolean }) {
  const { t, lang } = useLang();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<{ idNumber?: string; phone?: string | null } | null>(null);
  const [left, setLeft] = useState(0);
  const [form] = Form.useForm<{ reason: string; fields: Field[] }>();

  useEffect(() => {
    if (!shown) return;
    const timer = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => clearInterval(timer);
  }, [shown]);
  useEffect(() => {
    if (shown && left <= 0) close();
  }, [left, shown]);

  function close() {
    setOpen(false);
    setShown(null);
    setError(null);
    form.resetFields();
  }

  async function reveal() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const r = await ok(
        api.POST('/api/v1/residents/{id}/reveal', {
          params: { path: { id } },
          body: { reason: v.reason.trim(), fields: v.fields },
        }),
      );
      setShown(r);
      setLeft(SHOW_SECONDS);
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        size="small"
        type="link"
        icon={<EyeOutlined />}
        onClick={() => setOpen(true)}
        data-testid={`reveal-${id}`}
      >
        {t('reveal.button')}
      </Button>
      <Modal
        open={open}
        title={`${t('reveal.title')} · ${name}`}
        onCancel={close}
        destroyOnHidden
        footer={
          shown
            ? [
                <Button key="close" onClick={close} data-testid="reveal-close">
                  {t('common.ok')}
                </Button>,
              ]
            : [
                <Button key="cancel" onClick={close}>
                  {t('common.cancel')}
                </Button>,
                <Button
                  key="ok"
                  type="primary"
                  loading={busy}
                  onClick={() => void reveal()}
                  data-testid="modal-confirm"
                >
                  {t('reveal.button')}
                </Button>,
              ]
        }
      >
        <Alert type="warning" showIcon title={t('reveal.audited')} style={{ marginBottom: 12 }} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {shown ? (
          <>
            <Descriptions bordered size="small" column={1}>
              {shown.idNumber !== undefined && (
                <Descriptions.Item label={t('people.idNumber')}>
                  <span data-testid="reveal-value-idNumber" style={{ fontFamily: 'monospace', fontSize: 16 }}>
                    {shown.idNumber}
                  </span>
                </Descriptions.Item>
              )}
              {shown.phone !== undefined && (
                <Descriptions.Item label={t('people.phone')}>
                  <span data-testid="reveal-value-phone" style={{ fontFamily: 'monospace', fontSize: 16 }}>
                    {shown.phone ?? '—'}
                  </span>
                </Descriptions.Item>
              )}
            </Descriptions>
            <Typography.Text type="secondary">{t('reveal.hidesIn', { s: left })}</Typography.Text>
          </>
        ) : (
          <Form
            form={form}
            layout="vertical"
            initialValues={{ fields: hasPhone ? ['idNumber', 'phone'] : ['idNumber'] }}
          >
            <Form.Item
              name="fields"
              label={t('reveal.fields')}
              rules={[{ required: true, type: 'array', min: 1 }]}
            >
              <Checkbox.Group
                options={[
                  { value: 'idNumber', label: t('people.idNumber') },
                  { value: 'phone', label: t('people.phone'), disabled: !hasPhone },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('reveal.reason')}
              rules={[
                { required: true, whitespace: true, min: 4, max: 200, message: t('reveal.reasonShort') },
              ]}
            >
              <Input.TextArea rows={2} maxLength={200} showCount data-testid="reveal-reason" />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
