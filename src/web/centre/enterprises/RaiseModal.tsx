import { Alert, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { loadCategories } from '../common/data.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import type { Category } from '../types.js';
import type { HelpEntry } from './types.js';

type AttrDef = {
  code: string;
  datatype: string;
  required?: boolean;
  description?: string;
  descriptionEn?: string;
  values?: { key: string; name: string }[];
};

/**
 * 转为事件: an open problem becomes a case (POST /enterprises/help/{id}/raise-case) in the
 * enterprise's grid; the category's extra questions are asked here as on every report.
 */
export function RaiseModal({
  need,
  onClose,
  onDone,
}: {
  need: HelpEntry | null;
  onClose: () => void;
  onDone: (number: string) => void;
}) {
  const { t, lang } = useLang();
  const [cats, setCats] = useState<Category[]>([]);
  const [code, setCode] = useState<string>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Record<string, string | number | string[]>>();
  useEffect(() => {
    void loadCategories().then(setCats, () => undefined);
  }, []);
  const defs = ((cats.find((c) => c.code === code)?.attributes as AttrDef[] | undefined) ?? []).filter(
    (d) => d.datatype !== 'datetime',
  );

  async function submit() {
    if (!need || !code) return setError(t('cadres.required'));
    const attributes = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const r = await ok(
        api.POST('/api/v1/enterprises/help/{id}/raise-case', {
          params: { path: { id: need.id } },
          body: { categoryCode: code, urgency: 'normal', attributes },
        }),
      );
      form.resetFields();
      setCode(undefined);
      onDone(r.number);
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={need !== null}
      title={t('ent.raise')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      data-testid="ent-raise-modal"
    >
      {need ? (
        <Typography.Paragraph>
          {need.enterpriseName}：{need.note}
        </Typography.Paragraph>
      ) : null}
      <Select
        showSearch
        style={{ width: '100%', marginBottom: 12 }}
        placeholder={t('ent.raise.category')}
        value={code}
        onChange={setCode}
        optionFilterProp="label"
        data-testid="ent-raise-category"
        options={cats.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
      />
      <Form form={form} layout="vertical">
        {defs.map((d) => (
          <Form.Item
            key={d.code}
            name={d.code}
            label={(lang === 'en' ? d.descriptionEn : d.description) ?? d.code}
            rules={[{ required: !!d.required }]}
          >
            {d.datatype === 'singlevaluelist' || d.datatype === 'multivaluelist' ? (
              <Select
                mode={d.datatype === 'multivaluelist' ? 'multiple' : undefined}
                data-testid={`ent-raise-attr-${d.code}`}
                options={(d.values ?? []).map((v) => ({ value: v.key, label: v.name }))}
              />
            ) : d.datatype === 'number' ? (
              <InputNumber />
            ) : (
              <Input maxLength={200} />
            )}
          </Form.Item>
        ))}
      </Form>
      {error ? <Alert type="error" title={error} showIcon /> : null}
    </Modal>
  );
}
