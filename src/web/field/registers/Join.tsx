import { useState } from 'react';
import { api } from '../../shared/api.js';
import { FormError, PublicScreen, SubmitButton, TextField, useSubmit } from '../FormBits.js';
import { t, type StringKey } from '../i18n.js';
import { ok } from '../net.js';
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
  const { busy, error, setError, run } = useSubmit();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (Object.values(f).some((v) => !v.trim())) return setError(t('regMissing'));
    if (f.password.length < 10) return setError(t('joinShort'));
    if (f.password !== f.password2) return setError(t('joinMismatch'));
    await run(async () => {
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
    });
  }

  const input = (key: keyof Form, label: StringKey, type = 'text', auto = 'off') => (
    <TextField
      id={`join-${key}`}
      label={label}
      type={type}
      auto={auto}
      value={f[key]}
      onChange={(v) => setF({ ...f, [key]: v })}
    />
  );

  return (
    <PublicScreen
      testId="join"
      title="joinTitle"
      hint="joinHint"
      back={{ label: 'joinBack', testId: 'join-back' }}
    >
      <form className="card" onSubmit={(e) => void submit(e)}>
        {input('code', 'joinCode')}
        {input('idNumber', 'regIdNumber')}
        {input('displayName', 'joinDisplayName', 'text', 'name')}
        {input('username', 'joinUsername', 'text', 'username')}
        {input('password', 'joinPassword', 'password', 'new-password')}
        {input('password2', 'joinPassword2', 'password', 'new-password')}
        <FormError error={error} testId="join-error" />
        <SubmitButton busy={busy} testId="join-submit" label="joinSubmit" />
      </form>
    </PublicScreen>
  );
}
