import { useState } from 'react';
import { Button } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { t, type StringKey } from '../i18n.js';
import { failText, ok } from '../net.js';
import { go } from '../router.js';
import { signIn } from '../session.js';
import type { Me } from '../types.js';

type Form = {
  code: string;
  idNumber: string;
  displayName: string;
  username: string;
  password: string;
  password2: string;
};

/**
 * '#/join/CODE' (the QR code's link) or '#/join': a public screen. The household's invitation code and the
 * person's own ID number open a resident account with their own password; then they are signed in.
 */
export function Join({ code, onSignedIn }: { code: string; onSignedIn: (me: Me) => void }) {
  const [f, setF] = useState<Form>({
    code,
    idNumber: '',
    displayName: '',
    username: '',
    password: '',
    password2: '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (Object.values(f).some((v) => !v.trim())) return setError(t('regMissing'));
    if (f.password.length < 10) return setError(t('joinShort'));
    if (f.password !== f.password2) return setError(t('joinMismatch'));
    setBusy(true);
    setError(null);
    try {
      const username = f.username.trim().toLowerCase();
      await ok(
        api.POST('/api/v1/join', {
          body: {
            code: f.code.trim(),
            idNumber: f.idNumber.trim(),
            username,
            displayName: f.displayName.trim(),
            password: f.password,
          },
        }),
      );
      const me = await signIn(username, f.password);
      go('/', true);
      onSignedIn(me);
    } catch (err) {
      setError(failText(err));
    } finally {
      setBusy(false);
    }
  }

  const input = (key: keyof Form, label: StringKey, type = 'text', auto = 'off') => (
    <>
      <label className="field-label" htmlFor={`join-${key}`}>
        {t(label)}
      </label>
      <input
        id={`join-${key}`}
        className="input"
        data-testid={`join-${key}`}
        type={type}
        autoComplete={auto}
        autoCapitalize="off"
        value={f[key]}
        onChange={(e) => setF({ ...f, [key]: e.target.value })}
      />
    </>
  );

  return (
    <div className="page" style={{ paddingTop: 24 }} data-testid="join">
      <h1 style={{ fontSize: 24, margin: '8px 4px' }}>{t('joinTitle')}</h1>
      <p className="muted" style={{ margin: '0 4px 12px' }}>
        {t('joinHint')}
      </p>
      <form className="card" onSubmit={(e) => void submit(e)}>
        {input('code', 'joinCode')}
        {input('idNumber', 'regIdNumber')}
        {input('displayName', 'joinDisplayName', 'text', 'name')}
        {input('username', 'joinUsername', 'text', 'username')}
        {input('password', 'joinPassword', 'password', 'new-password')}
        {input('password2', 'joinPassword2', 'password', 'new-password')}
        {error && (
          <div className="error-text" role="alert" data-testid="join-error">
            {error}
          </div>
        )}
        <Button
          type="submit"
          block
          color="primary"
          size="large"
          loading={busy}
          data-testid="join-submit"
          style={{ marginTop: 20 }}
        >
          {t('joinSubmit')}
        </Button>
      </form>
      <Button block fill="none" onClick={() => go('/', true)} data-testid="join-back">
        {t('joinBack')}
      </Button>
    </div>
  );
}
