import { useState } from 'react';
import { api } from '../../shared/api.js';
import { FormError, PublicScreen, SubmitButton, TextField, useSubmit } from '../FormBits.js';
import { t, type StringKey } from '../i18n.js';
import { ok } from '../net.js';

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
  const { busy, error, setError, run } = useSubmit();
  const [sent, setSent] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (Object.values(f).some((v) => !v.trim())) return setError(t('isvMissing'));
    if (!/^1\d{10}$/.test(f.phone.trim())) return setError(t('isvPhoneBad'));
    if (!/^\d{12}$/.test(f.homeCode.trim())) return setError(t('isvHomeBad'));
    if (f.password.length < 10) return setError(t('isvShort'));
    if (f.password !== f.password2) return setError(t('isvMismatch'));
    await run(async () => {
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
    });
  }

  const input = (
    key: keyof Form,
    label: StringKey,
    type = 'text',
    auto = 'off',
    mode?: 'numeric' | 'tel',
  ) => (
    <TextField
      id={`isv-${key}`}
      label={label}
      type={type}
      auto={auto}
      mode={mode}
      value={f[key]}
      onChange={(v) => setF({ ...f, [key]: v })}
    />
  );

  return (
    <PublicScreen
      testId="isv-sign-up"
      title="isvSignUpTitle"
      hint="isvSignUpHint"
      back={{ label: 'isvBack', testId: 'isv-back' }}
    >
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
          <FormError error={error} testId="isv-error" />
          <SubmitButton busy={busy} testId="isv-submit" label="isvSubmit" />
        </form>
      )}
    </PublicScreen>
  );
}
