import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { EDUCATIONS, POSTS } from './types.js';

/**
 * The fields of a cadre (登记 and 修改), test ids under `testId`. With `current` (editing) the phone and
 * ID number are new values only, their present (masked) ones shown as placeholders.
 */
export function CadreFields({
  testId,
  current,
}: {
  testId: string;
  current?: { phone: string | null; idNumber: string | null };
}) {
  const { t } = useLang();
  const form = Form.useFormInstance();
  return (
    <>
      <Form.Item name="regionCode" label={t('cadres.region')} rules={[{ required: true }]}>
        <RegionPicker
          onChange={(code) => form.setFieldValue('regionCode', code)}
          width={320}
          testId={`${testId}-region`}
        />
      </Form.Item>
      <Form.Item name="name" label={t('cadres.name')} rules={[{ required: true, max: 50 }]}>
        <Input data-testid={`${testId}-name`} />
      </Form.Item>
      <Form.Item name="gender" label={t('cadres.gender')}>
        <Select
          options={['male', 'female'].map((g) => ({
            value: g,
            label: t(g === 'male' ? 'people.male' : 'people.female'),
          }))}
        />
      </Form.Item>
      <Form.Item name="birthYear" label={t('cadres.birthYear')} rules={[{ required: true }]}>
        <InputNumber min={1930} max={2010} data-testid={`${testId}-birth`} />
      </Form.Item>
      <Form.Item name="education" label={t('cadres.education')} rules={[{ required: true }]}>
        <Select
          data-testid={`${testId}-education`}
          options={EDUCATIONS.map((e) => ({ value: e, label: t(`cadres.edu.${e}`) }))}
        />
      </Form.Item>
      <Form.Item name="posts" label={t('cadres.posts')}>
        <Select
          mode="multiple"
          data-testid={`${testId}-posts`}
          options={POSTS.map((p) => ({ value: p, label: t(`cadres.post.${p}`) }))}
        />
      </Form.Item>
      <Form.Item name="reserve" valuePropName="checked">
        <Checkbox>{t('cadres.reserve')}</Checkbox>
      </Form.Item>
      <Form.Item name="unit" label={t('cadres.unit')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t(current ? 'regf.newPhone' : 'cadres.phone')}
        rules={[{ pattern: /^1[3-9]\d{9}$/ }]}
      >
        <Input maxLength={11} {...(current && { placeholder: current.phone ?? '', autoComplete: 'off' })} />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t(current ? 'regf.newIdNumber' : 'cadres.idNumber')}
        rules={[{ pattern: /^\d{17}[\dXx]$/ }]}
      >
        <Input
          maxLength={18}
          placeholder={current ? (current.idNumber ?? '') : undefined}
          autoComplete="off"
          data-testid={`${testId}-id`}
        />
      </Form.Item>
    </>
  );
}
