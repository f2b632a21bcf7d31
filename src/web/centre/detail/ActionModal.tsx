import { Alert, App, Button, Form, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText, type ApiError } from '../../shared/api.js';
import { useLang } from '../lang.js';
import type { ActionBody, CaseAction, CaseDetail } from '../types.js';
import { ActionFields } from './ActionFields.js';
import { SPECS } from './actionSpecs.js';

type Values = {
  note?: string;
  photoIds?: string[];
  departmentId?: number;
  duplicateOf?: string;
  delay?: { amount: number; unit: 'workhour' | 'workday' };
  approve?: boolean;
  fixed?: boolean;
  evaluation?: ActionBody['evaluation'];
};

/**
 * One action's modal: the fields it needs, then POST /cases/{id}/actions/{action}
 * with the case's version. A 409 CASE_VERSION_CONFLICT reloads the case.
 */
export function ActionModal({
  c,
  action,
  onClose,
  onDone,
}: {
  c: CaseDetail;
  action: CaseAction | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, label, lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (action) {
      form.resetFields();
      setError(null);
    }
  }, [action, form]);

  async function submit() {
    if (!action) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    const body: ActionBody = {
      version: c.version,
      note: v.note?.trim() || undefined,
      photoIds: v.photoIds?.length ? v.photoIds : undefined,
      departmentId: v.departmentId,
      duplicateOf: v.duplicateOf ? Number(v.duplicateOf) : undefined,
      delay: v.delay,
      approve: v.approve,
      fixed: v.fixed,
      evaluation: v.evaluation,
    };
    try {
      const r = await api.POST('/api/v1/cases/{id}/actions/{action}', {
        params: { path: { id: c.id, action } },
        body,
      });
      if (r.response.ok) {
        message.success(`${label('action', action)} · ${t('case.done')}`);
        onClose();
        onDone();
      } else if ((r.error as ApiError | undefined)?.error.code === 'CASE_VERSION_CONFLICT') {
        message.warning(t('case.conflict'));
        onClose();
        onDone();
      } else setError(errorText(r.error, lang));
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }

  const spec = action ? SPECS[action] : null;
  return (
    <Modal
      open={!!action}
      title={action ? `${label('action', action)} · ${c.number}` : ''}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={560}
      footer={[
        <Button key="cancel" onClick={onClose} data-testid="modal-cancel">
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger={spec?.kind === 'danger'}
          loading={busy}
          onClick={() => void submit()}
          data-testid="modal-confirm"
        >
          {action ? label('action', action) : t('common.ok')}
        </Button>,
      ]}
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="action-error" />
      )}
      {spec && (
        <Form form={form} layout="vertical" preserve={false}>
          <ActionFields c={c} fields={spec.fields} />
        </Form>
      )}
    </Modal>
  );
}
