import { Checkbox, Form, Input, Select } from 'antd';
import { useLang } from '../lang.js';
import { CARE_TAGS } from '../types.js';

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const;
export const MARITAL = ['unmarried', 'married', 'divorced', 'widowed'] as const;
export const ARRIVALS = ['move_in', 'birth', 'registered'] as const;
export const ID_NUMBER = /^\d{17}[\dXx]$/;
export const PHONE = /^1\d{10}$/;
export const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export type PersonValues = {
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  phone?: string;
  maritalStatus?: (typeof MARITAL)[number];
  careTags?: (typeof CARE_TAGS)[number][];
  isPartyMember?: boolean;
};

/** The body fields of a person (POST /households' head, POST /residents) from the form's values. */
export const personBody = (v: PersonValues) => ({
  name: v.name.trim(),
  gender: v.gender,
  birthDate: v.birthDate,
  idNumber: v.idNumber.trim(),
  phone: v.phone?.trim() || null,
  maritalStatus: v.maritalStatus ?? null,
  careTags: v.careTags ?? [],
  isPartyMember: v.isPartyMember ?? false,
});

/** A date as an <input type="date"> (Beijing day); antd's DatePicker would need a date library. */
export function DateInput({
  testId,
  ...p
}: {
  value?: string;
  onChange?: (v: string) => void;
  testId: string;
}) {
  return (
    <Input
      type="date"
      max={today()}
      value={p.value}
      onChange={(e) => p.onChange?.(e.target.value)}
      data-testid={testId}
    />
  );
}

/** Name, gender, date of birth, ID number, phone, marital status, care tags, party member. */
export function PersonItems({ prefix }: { prefix: string }) {
  const { t, label } = useLang();
  return (
    <>
      <Form.Item name="name" label={t('people.name')} rules={[{ required: true, max: 20, whitespace: true }]}>
        <Input maxLength={20} data-testid={`${prefix}-name`} />
      </Form.Item>
      <Form.Item name="gender" label={t('people.gender')} rules={[{ required: true }]}>
        <Select
          data-testid={`${prefix}-gender`}
          options={(['male', 'female'] as const).map((g) => ({
            value: g,
            label: t(g === 'male' ? 'people.male' : 'people.female'),
          }))}
        />
      </Form.Item>
      <Form.Item name="birthDate" label={t('regf.birthDate')} rules={[{ required: true }]}>
        <DateInput testId={`${prefix}-birth`} />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('people.idNumber')}
        rules={[{ required: true, pattern: ID_NUMBER, message: '18 位身份证号 / 18-character ID number' }]}
      >
        <Input maxLength={18} autoComplete="off" data-testid={`${prefix}-id`} />
      </Form.Item>
      <Form.Item name="phone" label={t('people.phone')} rules={[{ pattern: PHONE }]}>
        <Input maxLength={11} autoComplete="off" data-testid={`${prefix}-phone`} />
      </Form.Item>
      <Form.Item name="maritalStatus" label={t('regf.marital')}>
        <Select allowClear options={MARITAL.map((m) => ({ value: m, label: label('marital', m) }))} />
      </Form.Item>
      <Form.Item name="careTags" label={t('people.careTags')}>
        <Select mode="multiple" options={CARE_TAGS.map((c) => ({ value: c, label: label('care', c) }))} />
      </Form.Item>
      <Form.Item name="isPartyMember" valuePropName="checked">
        <Checkbox>{t('people.party')}</Checkbox>
      </Form.Item>
    </>
  );
}
