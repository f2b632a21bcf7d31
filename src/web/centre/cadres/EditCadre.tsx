import { App, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { EDUCATIONS, POSTS, type CadreDetail } from './types.js';

type Values = {
  regionCode: string;
  name: string;
  gender: 'male' | 'female';
  birthYear: number;
  education: CadreDetail['education'];
  posts: CadreDetail['posts'];
  reserve: boolean;
  unit?: string;
  phone?: string;
  idNumber?: string;
};

/** 修改干部信息 (PATCH /cadres/{id}): phone and ID number change only when a new value is typed. */
export function EditCadre({
  cadre: c,
  open,
  onClose,
  onDone,
}: {
  cadre: CadreDetail;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  async function submit() {
    const v = await form.validateFields();
    try {
      await ok(
        api.PATCH('/api/v1/cadres/{id}', {
          params: { path: { id: c.id } },
          body: {
            ...(v.regionCode !== c.regionCode ? { regionCode: v.regionCode } : {}),
            name: v.name.trim(),
            gender: v.gender,
            birthYear: v.birthYear,
            education: v.education,
            posts: v.posts,
            reserve: v.reserve,
            unit: v.unit?.trim() || null,
            ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
            ...(v.idNumber?.trim() ? { idNumber: v.idNumber.trim() } : {}),
          },
        }),
      );
      void message.success(t('cadres.saved'));
      onDone();
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  }
  return (
    <Modal
      open={open}
      title={t('cadres.edit')}
      onCancel={onClose}
      onOk={submit}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'cadre-edit-save' } as never}
      data-testid="cadre-edit"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          regionCode: c.regionCode,
          name: c.name,
          gender: c.gender,
          birthYear: c.birthYear,
          education: c.education,
          posts: c.posts,
          reserve: c.reserve,
          unit: c.unit ?? undefined,
        }}
      >
        <Form.Item name="regionCode" label={t('cadres.region')} rules={[{ required: true }]}>
          <RegionPicker
            onChange={(code) => form.setFieldValue('regionCode', code)}
            width={320}
            testId="cadre-edit-region"
          />
        </Form.Item>
        <Form.Item name="name" label={t('cadres.name')} rules={[{ required: true, max: 50 }]}>
          <Input data-testid="cadre-edit-name" />
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
          <InputNumber min={1930} max={2010} />
        </Form.Item>
        <Form.Item name="education" label={t('cadres.education')} rules={[{ required: true }]}>
          <Select options={EDUCATIONS.map((e) => ({ value: e, label: t(`cadres.edu.${e}`) }))} />
        </Form.Item>
        <Form.Item name="posts" label={t('cadres.posts')}>
          <Select
            mode="multiple"
            data-testid="cadre-edit-posts"
            options={POSTS.map((p) => ({ value: p, label: t(`cadres.post.${p}`) }))}
          />
        </Form.Item>
        <Form.Item name="reserve" valuePropName="checked">
          <Checkbox>{t('cadres.reserve')}</Checkbox>
        </Form.Item>
        <Form.Item name="unit" label={t('cadres.unit')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="phone" label={t('regf.newPhone')} rules={[{ pattern: /^1[3-9]\d{9}$/ }]}>
          <Input maxLength={11} placeholder={c.phone ?? ''} autoComplete="off" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('regf.newIdNumber')} rules={[{ pattern: /^\d{17}[\dXx]$/ }]}>
          <Input
            maxLength={18}
            placeholder={c.idNumber ?? ''}
            autoComplete="off"
            data-testid="cadre-edit-id"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
