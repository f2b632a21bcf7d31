import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../shared/api.js';
import { useLang } from './lang.js';
import { useSession } from './session.js';

/** Sign in with username and password; the server sets an httpOnly session cookie. */
export function LoginPage() {
  const { t, lang, setLang } = useLang();
  const { refresh } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(v: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      const r = await api.POST('/api/v1/auth/login', {
        body: { username: v.username.trim(), password: v.password },
      });
      if (r.error || !r.response.ok) setError(errorText(r.error, lang));
      else await refresh();
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="wg-login-bg">
      <div style={{ width: 420 }}>
        <Typography.Title
          level={1}
          style={{ color: '#fff', textAlign: 'center', marginBottom: 24, letterSpacing: 2, fontSize: 30 }}
        >
          {t('app.title')}
        </Typography.Title>
        <Card
          title={<span style={{ fontSize: 18 }}>{t('login.title')}</span>}
          extra={
            <Button
              type="link"
              onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
              data-testid="lang-switch"
              lang={lang === 'zh' ? 'en' : 'zh-CN'}
            >
              {t('header.lang')}
            </Button>
          }
          styles={{ body: { padding: '24px 32px 8px' } }}
        >
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          )}
          <Form layout="vertical" size="large" onFinish={submit} requiredMark={false}>
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, message: t('login.required') }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.required') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
                {t('login.submit')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 16 }}>
          {t('login.footer')}
        </Typography.Paragraph>
      </div>
    </div>
  );
}
