import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import type { Account } from '../types.js';

type Values = { password: string; again: string };

/** POST /accounts/{id}/password: an administrator sets a new password; the account is signed out everywhere. */
export function AccountPasswordModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (!account) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    const r = await api
      .POST('/api/v1/accounts/{id}/password', {
        params: { path: { id: account.id } },
        body: { password: v.password },
      })
      .catch((e: unknown) => ({ error: e, response: null }));
    setBusy(false);
    if (r.response?.ok) {
      message.success(t('party.account.passwordOk'));
      onClose();
    } else setError(errorText(r.error, lang));
  }

  return (
    <Modal
      open={account !== null}
      destroyOnHidden
      title={account ? t('party.account.passwordTitle', { name: account.username }) : ''}
      onCancel={onClose}
      footer={[
        <Button key="c" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger
          loading={busy}
          onClick={() => void submit()}
          data-testid="account-password-save"
        >
          {t('common.save')}
        </Button>,
      ]}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Alert type="warning" showIcon title={t('party.account.passwordHint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="password"
          label={t('party.account.newPassword')}
          rules={[{ required: true, min: 10, max: 200 }]}
        >
          <Input.Password autoComplete="new-password" data-testid="account-new-password" />
        </Form.Item>
        <Form.Item
          name="again"
          label={t('party.account.passwordAgain')}
          dependencies={['password']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('party.account.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="account-new-password-again" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
