import { Button, Form, Input, InputNumber, Space, Typography, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useLang } from '../lang.js';
import { liveTotals, yuan, type FinanceLine } from './bits.js';

const MAX = 100_000_000;

/** Rows of item / income / expense (yuan, two decimals, up to 1亿) with totals that follow every keystroke. */
export function FinanceLinesEditor({ form }: { form: FormInstance }) {
  const { t } = useLang();
  const lines = (Form.useWatch('financeLines', form) ?? []) as Partial<FinanceLine>[];
  const totals = liveTotals(lines.filter(Boolean));
  const amount = (name: number, field: 'income' | 'expense') => (
    <Form.Item name={[name, field]} style={{ margin: 0 }} rules={[{ type: 'number', min: 0, max: MAX }]}>
      <InputNumber<number>
        min={0}
        max={MAX}
        precision={2}
        step={100}
        style={{ width: 150 }}
        placeholder={t(`disclosures.${field}`)}
        data-testid={`line-${field}-${name}`}
      />
    </Form.Item>
  );
  return (
    <>
      <Typography.Title level={5}>{t('disclosures.lines')}</Typography.Title>
      <Form.List name="financeLines">
        {(fields, { add, remove }) => (
          <>
            {fields.map(({ key, name }) => (
              <Space key={key} align="start" style={{ display: 'flex', marginBottom: 8 }}>
                <Form.Item name={[name, 'item']} style={{ margin: 0 }} rules={[{ required: true, max: 40 }]}>
                  <Input
                    style={{ width: 300 }}
                    maxLength={40}
                    placeholder={t('disclosures.item')}
                    data-testid={`line-item-${name}`}
                  />
                </Form.Item>
                {amount(name, 'income')}
                {amount(name, 'expense')}
                <Button
                  icon={<DeleteOutlined />}
                  onClick={() => remove(name)}
                  disabled={fields.length <= 1}
                  aria-label="delete"
                />
              </Space>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ item: '', income: 0, expense: 0 })}
              disabled={fields.length >= 100}
              data-testid="line-add"
            >
              {t('disclosures.addLine')}
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Paragraph strong style={{ marginTop: 12 }} data-testid="live-totals">
        {t('disclosures.totalsLive', {
          income: yuan(totals.income),
          expense: yuan(totals.expense),
          balance: yuan(totals.balance),
        })}
      </Typography.Paragraph>
    </>
  );
}
