import { Alert, Button, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { loadCategories } from '../common/data.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { TIERS, type Category, type EscalationRule, type RuleBody } from '../types.js';

const RANK = { village: 0, township: 1, county: 2 } as const;
const ANY = '*';
type Values = Omit<RuleBody, 'categoryCode' | 'urgency'> & { categoryCode: string; urgency: string };

/** Add (POST) or change (PUT) an escalation rule; `null` category/urgency = any. */
export function RuleModal({
  rule,
  open,
  ccOptions,
  onClose,
  onSaved,
}: {
  rule: EscalationRule | null;
  open: boolean;
  ccOptions: { value: string; label: string }[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, label, lang } = useLang();
  const [form] = Form.useForm<Values>();
  const [cats, setCats] = useState<Category[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void loadCategories().then(setCats, () => undefined);
  }, []);
  useEffect(() => {
    if (open) setError(null);
  }, [open]);
  const initial: Values = rule
    ? { ...rule, categoryCode: rule.categoryCode ?? ANY, urgency: rule.urgency ?? ANY }
    : {
        categoryCode: ANY,
        urgency: ANY,
        fromTier: 'village',
        toTier: 'township',
        cc: [],
        note: null,
        active: true,
      };

  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body: RuleBody = {
      ...v,
      categoryCode: v.categoryCode === ANY ? null : v.categoryCode,
      urgency: v.urgency === ANY ? null : (v.urgency as RuleBody['urgency']),
      note: v.note?.trim() || null,
    };
    setBusy(true);
    setError(null);
    try {
      if (rule)
        await ok(api.PUT('/api/v1/admin/escalation-rules/{id}', { params: { path: { id: rule.id } }, body }));
      else await ok(api.POST('/api/v1/admin/escalation-rules', { body }));
      onClose();
      onSaved();
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      destroyOnHidden
      title={rule ? `${t('rule.edit')} #${rule.id}` : t('rule.add')}
      onCancel={onClose}
      width={600}
      footer={[
        <Button key="c" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={busy}
          onClick={() => void save()}
          data-testid="modal-confirm"
        >
          {t('common.save')}
        </Button>,
      ]}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        <Form.Item name="categoryCode" label={t('rule.category')}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              { value: ANY, label: t('rule.anyCategory') },
              ...cats.map((c) => ({
                value: c.code,
                label: `${c.code} ${lang === 'zh' ? c.name : c.nameEn}`,
              })),
            ]}
            data-testid="rule-category"
          />
        </Form.Item>
        <Form.Item name="urgency" label={t('rule.urgency')}>
          <Select
            options={[
              { value: ANY, label: t('rule.anyUrgency') },
              ...(['normal', 'urgent', 'emergency'] as const).map((u) => ({
                value: u,
                label: label('urgency', u),
              })),
            ]}
          />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="fromTier" label={t('rule.from')} style={{ flex: 1 }}>
            <Select options={TIERS.slice(0, 2).map((x) => ({ value: x, label: label('tier', x) }))} />
          </Form.Item>
          <Form.Item
            name="toTier"
            label={t('rule.to')}
            style={{ flex: 1 }}
            dependencies={['fromTier']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_r, v: keyof typeof RANK) =>
                  RANK[v] > RANK[getFieldValue('fromTier') as keyof typeof RANK]
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('rule.tierOrder'))),
              }),
            ]}
          >
            <Select options={TIERS.slice(1).map((x) => ({ value: x, label: label('tier', x) }))} />
          </Form.Item>
        </div>
        <Form.Item name="cc" label={t('rule.cc')} extra={t('rule.ccHelp')}>
          <Select
            mode="tags"
            options={ccOptions}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="rule-cc"
          />
        </Form.Item>
        <Form.Item name="note" label={t('rule.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="active" label={t('rule.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
