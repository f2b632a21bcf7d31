import { useState } from 'react';
import { Button } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { t, type StringKey } from '../i18n.js';
import { failText, ok } from '../net.js';
import { go } from '../router.js';

type Form = {
  displayName: string;
  phone: string;
  homeCode: string;
  employerUnit: string;
  username: string;
  password: string;
  password2: string;
};

/**
 * '/in-service/sign-up' (public; the community's QR code may carry `?home=CODE`): an in-service party
 * member registers with the community where they live (报到). The account stays closed until the
 * community's staff approve it in the centre; then the member signs in on the login screen.
 */
export function SignUp({ home }: { home: string }) {
  const [f, setF] = useState<Form>({
    displayName: '',
    phone: '',
    homeCode: home,
    employerUnit: '',
    username: '',
    password: '',
    password2: '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (Object.values(f).some((v) => !v.trim())) return setError(t('isvMissing'));
    if (!/^1\d{10}$/.test(f.phone.trim())) return setError(t('isvPhoneBad'));
    if (!/^\d{12}$/.test(f.homeCode.trim())) return setError(t('isvHomeBad'));
    if (f.password.length < 10) return setError(t('isvShort'));
    if (f.password !== f.password2) return setError(t('isvMismatch'));
    setBusy(true);
    setError(null);
    try {
      await ok(
        api.POST('/api/v1/in-service/sign-up', {
          body: {
            username: f.username.trim().toLowerCase(),
            displayName: f.displayName.trim(),
            password: f.password,
            phone: f.phone.trim(),
            homeCode: f.homeCode.trim(),
            employerUnit: f.employerUnit.trim(),
          },
        }),
      );
      setSent(true);
    } catch (err) {
      setError(failText(err));
    } finally {
      setBusy(false);
    }
  }

  const input = (
    key: keyof Form,
    label: StringKey,
    type = 'text',
    auto = 'off',
    mode?: 'numeric' | 'tel',
  ) => (
    <>
      <label className="field-label" htmlFor={`isv-${key}`}>
        {t(label)}
      </label>
      <input
        id={`isv-${key}`}
        className="input"
        data-testid={`isv-${key}`}
        type={type}
        inputMode={mode}
        autoComplete={auto}
        autoCapitalize="off"
        value={f[key]}
        onChange={(e) => setF({ ...f, [key]: e.target.value })}
      />
    </>
  );

  return (
    <div className="page" style={{ paddingTop: 24 }} data-testid="isv-sign-up">
      <h1 style={{ fontSize: 24, margin: '8px 4px' }}>{t('isvSignUpTitle')}</h1>
      <p className="muted" style={{ margin: '0 4px 12px' }}>
        {t('isvSignUpHint')}
      </p>
      {sent ? (
        <div className="card" role="status" data-testid="isv-sent">
          {t('isvSent')}
        </div>
      ) : (
        <form className="card" onSubmit={(e) => void submit(e)}>
          {input('displayName', 'isvName', 'text', 'name')}
          {input('phone', 'isvPhone', 'tel', 'tel', 'tel')}
          {input('homeCode', 'isvHome', 'text', 'off', 'numeric')}
          <div className="muted">{t('isvHomeHint')}</div>
          {input('employerUnit', 'isvEmployer', 'text', 'organization')}
          {input('username', 'isvUsername', 'text', 'username')}
          {input('password', 'isvPassword', 'password', 'new-password')}
          {input('password2', 'isvPassword2', 'password', 'new-password')}
          {error && (
            <div className="error-text" role="alert" data-testid="isv-error">
              {error}
            </div>
          )}
          <Button
            type="submit"
            block
            color="primary"
            size="large"
            loading={busy}
            data-testid="isv-submit"
            style={{ marginTop: 20 }}
          >
            {t('isvSubmit')}
          </Button>
        </form>
      )}
      <Button block fill="none" onClick={() => go('/', true)} data-testid="isv-back">
        {t('isvBack')}
      </Button>
    </div>
  );
}
