import { useState } from 'react';
import { Button } from 'antd-mobile';
import { getLang, setLang, t } from './i18n.js';
import { failText } from './net.js';
import { go } from './router.js';
import { signIn } from './session.js';
import type { Me } from './types.js';

export function Login({ expired, onSignedIn }: { expired: boolean; onSignedIn: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(expired ? t('signInAgain') : null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t('signInEmpty'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(username.trim(), password));
    } catch (err) {
      setError(failText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page" style={{ paddingTop: 40 }}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1 style={{ fontSize: 26, margin: '8px 4px' }}>{t('appName')}</h1>
        <Button
          size="small"
          fill="none"
          onClick={() => setLang(getLang() === 'zh' ? 'en' : 'zh')}
          data-testid="lang-switch"
        >
          <span lang={getLang() === 'zh' ? 'en' : 'zh-CN'}>{t('langSwitch')}</span>
        </Button>
      </div>
      <form className="card" onSubmit={(e) => void submit(e)}>
        <label className="field-label" htmlFor="login-username">
          {t('username')}
        </label>
        <input
          id="login-username"
          className="input"
          data-testid="login-username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="username"
          autoCapitalize="off"
        />
        <label className="field-label" htmlFor="login-password">
          {t('password')}
        </label>
        <input
          id="login-password"
          className="input"
          data-testid="login-password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
        />
        {error && (
          <div className="error-text" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <Button
          data-testid="login-submit"
          type="submit"
          block
          color="primary"
          size="large"
          loading={busy}
          style={{ marginTop: 20 }}
        >
          {t('signIn')}
        </Button>
      </form>
      <Button block fill="none" onClick={() => go('/join')} data-testid="join-link">
        {t('joinLink')}
      </Button>
      <Button block fill="none" onClick={() => go('/in-service/sign-up')} data-testid="isv-link">
        {t('isvSignUpLink')}
      </Button>
    </div>
  );
}
