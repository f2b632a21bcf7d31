import { Button } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { t, type StringKey } from './i18n.js';
import { failText } from './net.js';
import { go } from './router.js';

/**
 * The pieces of the field app's forms (the registers' forms, joining a household, an in-service
 * member's sign-up): sending with a busy state and the refusal shown, the error line, the submit
 * button, a labelled text input and the public screen around a sign-up form.
 */

/** busy while `send` runs; its failure's text in `error` (a check before sending sets it too). */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (send: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await send();
    } catch (err) {
      setError(failText(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/** A form's error line, announced to screen readers. */
export function FormError({ error, testId }: { error: string | null; testId: string }) {
  return error ? (
    <div className="error-text" role="alert" data-testid={testId}>
      {error}
    </div>
  ) : null;
}

/** A form's full-width primary submit button. */
export function SubmitButton({
  busy,
  testId,
  label,
  marginTop = 20,
}: {
  busy: boolean;
  testId: string;
  label: StringKey;
  marginTop?: number;
}) {
  return (
    <Button
      type="submit"
      block
      color="primary"
      size="large"
      loading={busy}
      data-testid={testId}
      style={{ marginTop }}
    >
      {t(label)}
    </Button>
  );
}

/** A labelled text input (`id` is its test id too); no capitals forced, browser fill by `auto`. */
export function TextField({
  id,
  label,
  value,
  onChange,
  type = 'text',
  auto = 'off',
  mode,
}: {
  id: string;
  label: StringKey;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  auto?: string;
  mode?: 'numeric' | 'tel';
}) {
  return (
    <>
      <label className="field-label" htmlFor={id}>
        {t(label)}
      </label>
      <input
        id={id}
        className="input"
        data-testid={id}
        type={type}
        inputMode={mode}
        autoComplete={auto}
        autoCapitalize="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}

/** A public screen opened from a link or QR code (no one signed in): title, hint, the form, the way back. */
export function PublicScreen({
  testId,
  title,
  hint,
  back,
  children,
}: {
  testId: string;
  title: StringKey;
  hint: StringKey;
  back: { label: StringKey; testId: string };
  children: ReactNode;
}) {
  return (
    <div className="page" style={{ paddingTop: 24 }} data-testid={testId}>
      <h1 style={{ fontSize: 24, margin: '8px 4px' }}>{t(title)}</h1>
      <p className="muted" style={{ margin: '0 4px 12px' }}>
        {t(hint)}
      </p>
      {children}
      <Button block fill="none" onClick={() => go('/', true)} data-testid={back.testId}>
        {t(back.label)}
      </Button>
    </div>
  );
}
