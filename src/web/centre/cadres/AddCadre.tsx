import { App, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { EDUCATIONS, POSTS, type CadreInput } from './types.js';

/** 登记干部: a two-committee member, a reserve cadre or a cadre of an organ (POST /cadres). */
export function AddCadre({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<CadreInput & { phone?: string; idNumber?: string }>();
  async function submit() {
    const v = await form.validateFields();
    try {
      await ok(
        api.POST('/api/v1/cadres', {
          body: { ...v, phone: v.phone || null, idNumber: v.idNumber?.trim() || null, unit: v.unit || null },
        }),
      );
      void message.success(t('cadres.saved'));
      form.resetFields();
      onDone();
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  }
  return (
    <Modal
      open={open}
      title={t('cadres.add')}
      onCancel={onClose}
      onOk={submit}
      destroyOnHidden
      data-testid="cadre-add"
    >
      <Form form={form} layout="vertical" initialValues={{ gender: 'male', posts: [], reserve: false }}>
        <Form.Item name="regionCode" label={t('cadres.region')} rules={[{ required: true }]}>
          <RegionPicker
            onChange={(code) => form.setFieldValue('regionCode', code)}
            width={320}
            testId="cadre-add-region"
          />
        </Form.Item>
        <Form.Item name="name" label={t('cadres.name')} rules={[{ required: true, max: 50 }]}>
          <Input data-testid="cadre-add-name" />
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
          <InputNumber min={1930} max={2010} data-testid="cadre-add-birth" />
        </Form.Item>
        <Form.Item name="education" label={t('cadres.education')} rules={[{ required: true }]}>
          <Select
            data-testid="cadre-add-education"
            options={EDUCATIONS.map((e) => ({ value: e, label: t(`cadres.edu.${e}`) }))}
          />
        </Form.Item>
        <Form.Item name="posts" label={t('cadres.posts')}>
          <Select mode="multiple" options={POSTS.map((p) => ({ value: p, label: t(`cadres.post.${p}`) }))} />
        </Form.Item>
        <Form.Item name="reserve" valuePropName="checked">
          <Checkbox>{t('cadres.reserve')}</Checkbox>
        </Form.Item>
        <Form.Item name="unit" label={t('cadres.unit')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="phone" label={t('cadres.phone')} rules={[{ pattern: /^1[3-9]\d{9}$/ }]}>
          <Input maxLength={11} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('cadres.idNumber')} rules={[{ pattern: /^\d{17}[\dXx]$/ }]}>
          <Input maxLength={18} autoComplete="off" data-testid="cadre-add-id" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
