import { Alert, Button, DatePicker, Drawer, Form, Input, Radio, Select, Skeleton, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { FinanceLinesEditor } from './FinanceLinesEditor.js';
import { KINDS, type FinanceLine, type Kind } from './bits.js';

type DraftBody = paths['/api/v1/disclosures']['post']['requestBody']['content']['application/json'];
type PeriodType = 'month' | 'quarter' | 'year';
type Values = {
  kind: Kind;
  major: boolean;
  periodType: PeriodType;
  period?: Dayjs;
  title: string;
  body?: string;
  financeLines?: Partial<FinanceLine>[];
};

/** A Dayjs of the picker → the API's period: 2026-10, 2026-Q3, 2026. */
function periodOf(type: PeriodType, d: Dayjs): string {
  if (type === 'year') return d.format('YYYY');
  if (type === 'quarter') return `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`;
  return d.format('YYYY-MM');
}

function parsePeriod(p: string): { periodType: PeriodType; period: Dayjs } {
  const [y = '', rest] = p.split('-');
  if (!rest) return { periodType: 'year', period: dayjs(`${y}-01-01`) };
  if (rest.startsWith('Q'))
    return { periodType: 'quarter', period: dayjs(`${y}-01-01`).month((Number(rest.slice(1)) - 1) * 3) };
  return { periodType: 'month', period: dayjs(`${y}-${rest}-01`) };
}

/** A new disclosure reports on what has passed: last month's finances, last quarter's village and party affairs. */
const defaultPeriod = (kind: Kind): Pick<Values, 'periodType' | 'period'> =>
  kind === 'finance'
    ? { periodType: 'month', period: dayjs().subtract(1, 'month') }
    : { periodType: 'quarter', period: dayjs().subtract(3, 'month') };
const fresh = (): Values => ({
  kind: 'finance',
  major: false,
  ...defaultPeriod('finance'),
  title: '',
  body: '',
  financeLines: [{ item: '', income: 0, expense: 0 }],
});

/** Create a draft or edit one (sent with the version seen; a stale one is refused by the server). */
export function DisclosureEditor({
  open,
  id,
  onClose,
  onSaved,
}: {
  open: boolean;
  id: number | null;
  onClose: () => void;
  onSaved: (id: number) => void;
}) {
  const { t, label, lang } = useLang();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const existing = useLoad(
    () =>
      open && id
        ? ok(api.GET('/api/v1/disclosures/{id}', { params: { path: { id } } }))
        : Promise.resolve(undefined),
    [open, id],
  );
  const d = existing.data?.id === id ? existing.data : undefined;
  const kind = Form.useWatch('kind', form);
  const major = Form.useWatch('major', form);
  const periodType = Form.useWatch('periodType', form) ?? 'month';

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (!id) form.setFieldsValue(fresh());
    else if (d)
      form.setFieldsValue({
        kind: d.kind,
        major: d.major,
        title: d.title,
        body: d.body,
        financeLines: d.financeLines,
        ...(d.period ? parsePeriod(d.period) : { periodType: 'month' }),
      });
  }, [open, id, d, form]);

  async function save() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return setError(t('disclosures.required'));
    }
    const body: DraftBody = {
      kind: v.kind,
      major: v.major,
      period: v.major || !v.period ? null : periodOf(v.periodType, v.period),
      title: v.title.trim(),
      body: v.body?.trim() ?? '',
      financeLines:
        v.kind === 'finance'
          ? (v.financeLines ?? []).map((l) => ({
              item: (l.item ?? '').trim(),
              income: l.income ?? 0,
              expense: l.expense ?? 0,
            }))
          : [],
    };
    setBusy(true);
    setError(null);
    try {
      const saved = id
        ? await ok(
            api.PUT('/api/v1/disclosures/{id}', {
              params: { path: { id } },
              body: { ...body, version: d!.version },
            }),
          )
        : await ok(api.POST('/api/v1/disclosures', { body }));
      onSaved(saved.id);
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={860}
      title={id ? t('disclosures.edit') : t('disclosures.new')}
      data-testid="disclosure-editor"
      extra={
        <Button
          type="primary"
          loading={busy}
          onClick={() => void save()}
          disabled={!!id && !d}
          data-testid="disclosure-save"
        >
          {t('disclosures.saveDraft')}
        </Button>
      }
    >
      {id && !d ? (
        <Skeleton active />
      ) : (
        <Form
          form={form}
          layout="vertical"
          onValuesChange={(changed: Partial<Values>) =>
            changed.kind && !id && form.setFieldsValue(defaultPeriod(changed.kind))
          }
        >
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 12 }}
              data-testid="disclosure-editor-error"
            />
          )}
          <Form.Item name="kind" label={t('disclosures.kind')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={KINDS.map((k) => ({
                value: k,
                label: <span data-testid={`editor-kind-${k}`}>{label('disclosures.kind', k)}</span>,
              }))}
            />
          </Form.Item>
          <Form.Item name="major" label={t('disclosures.major')} valuePropName="checked">
            <Switch data-testid="editor-major" />
          </Form.Item>
          {!major && (
            <Space align="start">
              <Form.Item name="periodType" label={t('disclosures.periodType')}>
                <Select<PeriodType>
                  style={{ width: 120 }}
                  options={(['month', 'quarter', 'year'] as const).map((p) => ({
                    value: p,
                    label: label('disclosures.periodType', p),
                  }))}
                />
              </Form.Item>
              <Form.Item name="period" label={t('disclosures.period')} rules={[{ required: true }]}>
                <DatePicker picker={periodType} style={{ width: 180 }} data-testid="editor-period" />
              </Form.Item>
            </Space>
          )}
          <Form.Item
            name="title"
            label={t('disclosures.title')}
            rules={[{ required: true, min: 2, max: 80 }]}
          >
            <Input maxLength={80} data-testid="editor-title" />
          </Form.Item>
          <Form.Item name="body" label={t('disclosures.body')} rules={[{ max: 20000 }]}>
            <Input.TextArea rows={5} data-testid="editor-body" />
          </Form.Item>
          {kind === 'finance' && <FinanceLinesEditor form={form} />}
        </Form>
      )}
    </Drawer>
  );
}
