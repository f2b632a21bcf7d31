import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import type { EnterpriseDetail } from './types.js';

type Values = {
  gridCode: string;
  name: string;
  address: string;
  size: EnterpriseDetail['size'];
  sector: string;
  aboveScale: boolean;
  instructorId?: number | null;
};

/** 修改两新组织 (PATCH /enterprises/{id}): grid, name, address, size, sector, 规模以上, its 党建指导员 among the cadres helping it. */
export function EditEnterprise({
  enterprise: e,
  cadres,
  open,
  onClose,
  onDone,
}: {
  enterprise: EnterpriseDetail;
  cadres: { value: number; label: string }[];
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
        api.PATCH('/api/v1/enterprises/{id}', {
          params: { path: { id: e.id } },
          body: {
            ...(v.gridCode !== e.gridCode ? { gridCode: v.gridCode } : {}),
            name: v.name.trim(),
            address: v.address.trim(),
            size: v.size,
            sector: v.sector.trim(),
            aboveScale: v.aboveScale,
            instructorId: v.instructorId ?? null,
          },
        }),
      );
      void message.success(t('ent.saved'));
      onDone();
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  }
  return (
    <Modal
      open={open}
      title={t('ent.edit')}
      onCancel={onClose}
      onOk={submit}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'ent-edit-save' } as never}
      data-testid="ent-edit"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          gridCode: e.gridCode,
          name: e.name,
          address: e.address,
          size: e.size,
          sector: e.sector,
          aboveScale: e.aboveScale,
          instructorId: e.instructorId ?? undefined,
        }}
      >
        <Form.Item
          name="gridCode"
          label={t('ent.grid')}
          rules={[{ required: true, len: 15, message: t('ent.pickGrid') }]}
        >
          <RegionPicker
            onChange={(code) => form.setFieldValue('gridCode', code)}
            width={320}
            testId="ent-edit-grid"
          />
        </Form.Item>
        <Form.Item name="name" label={t('ent.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="ent-edit-name" />
        </Form.Item>
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
        <Form.Item name="instructorId" label={t('ent.instructor')}>
          <Select allowClear options={cadres} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
