import { App, Form, Input, Modal, type FormInstance, type FormProps } from 'antd';
import type { ReactNode } from 'react';
import { errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';

/** What the page opening a form modal passes: whether it is open, and what to call on cancel and after saving. */
export type ModalControl = { open: boolean; onClose: () => void; onDone: () => void };

/**
 * A modal (test id `testId`, its OK button `testId-save`) holding one vertical form. OK validates, awaits
 * `onSubmit` with the values, then shows `savedText`, clears the form when `reset` is set and calls
 * `onSaved` with what `onSubmit` returned (or else `onDone`); a failure shows its message in the page's
 * language and leaves the form as typed.
 */
export function FormModal<V, R = unknown>({
  form,
  open,
  title,
  testId,
  width,
  initialValues,
  savedText,
  reset,
  onSubmit,
  onClose,
  onDone,
  onSaved,
  children,
}: {
  /** The form, when the page needs it (to watch a field); otherwise the modal makes its own. */
  form?: FormInstance<V>;
  title: ReactNode;
  testId: string;
  width?: number;
  initialValues?: FormProps<V>['initialValues'];
  savedText: string;
  reset?: boolean;
  onSubmit: (values: V) => Promise<R>;
  /** Called after a save in place of `onDone`, with what `onSubmit` returned. */
  onSaved?: (result: R) => void;
  children: ReactNode;
} & ModalControl) {
  const { lang } = useLang();
  const { message } = App.useApp();
  const [own] = Form.useForm<V>();
  const f = form ?? own;
  async function submit() {
    let v: V;
    try {
      v = await f.validateFields();
    } catch {
      return; // the form shows what is wrong beside each field; nothing to send
    }
    try {
      const result = await onSubmit(v);
      void message.success(savedText);
      if (reset) f.resetFields();
      if (onSaved) onSaved(result);
      else onDone();
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  }
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={submit}
      destroyOnHidden
      width={width}
      okButtonProps={{ 'data-testid': `${testId}-save` } as never}
      data-testid={testId}
    >
      <Form form={f} layout="vertical" initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}

/** A reason of 2–200 characters, required unless `required` is false. */
export function ReasonItem({ testId, required = true }: { testId: string; required?: boolean }) {
  const { t } = useLang();
  return (
    <Form.Item
      name="reason"
      label={t(required ? 'regf.reasonRequired' : 'regf.reason')}
      rules={[{ required, min: 2, max: 200 }]}
    >
      <Input maxLength={200} data-testid={testId} />
    </Form.Item>
  );
}
