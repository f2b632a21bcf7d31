import { Checkbox, Form, Input, Select } from 'antd';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';

/**
 * The fields of an enterprise or social organisation, test ids under `testId`. `adding` adds the kind
 * and the credit code (set once); `instructors` (editing) adds the 党建指导员 among the cadres helping it.
 */
export function EnterpriseFields({
  testId,
  adding,
  instructors,
}: {
  testId: string;
  adding?: boolean;
  instructors?: { value: number; label: string }[];
}) {
  const { t } = useLang();
  const form = Form.useFormInstance();
  return (
    <>
      <Form.Item
        name="gridCode"
        label={t('ent.grid')}
        rules={[{ required: true, len: 15, message: t('ent.pickGrid') }]}
      >
        <RegionPicker
          onChange={(code) => form.setFieldValue('gridCode', code)}
          width={320}
          testId={`${testId}-grid`}
        />
      </Form.Item>
      {adding && (
        <Form.Item name="kind" label={t('ent.kind')}>
          <Select
            options={(['enterprise', 'social_org'] as const).map((k) => ({
              value: k,
              label: t(`ent.kind.${k}`),
            }))}
          />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('ent.name')} rules={[{ required: true, max: 100 }]}>
        <Input data-testid={`${testId}-name`} />
      </Form.Item>
      {adding && (
        <Form.Item name="creditCode" label={t('ent.creditCode')} rules={[{ required: true, len: 18 }]}>
          <Input maxLength={18} />
        </Form.Item>
      )}
      <Form.Item name="address" label={t('ent.address')} rules={[{ required: true, max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="size" label={t('ent.size')}>
        <Select
          options={(['large', 'medium', 'small', 'micro'] as const).map((k) => ({
            value: k,
            label: t(`ent.size.${k}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="sector" label={t('ent.sector')} rules={[{ required: true, max: 50 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="aboveScale" valuePropName="checked">
        <Checkbox>{t('ent.aboveScale')}</Checkbox>
      </Form.Item>
      {instructors && (
        <Form.Item name="instructorId" label={t('ent.instructor')}>
          <Select allowClear options={instructors} />
        </Form.Item>
      )}
    </>
  );
}
