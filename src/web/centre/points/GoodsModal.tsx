import { Alert, Form, Input, InputNumber, Modal, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { useMe } from '../session.js';
import type { GoodsItem } from './types.js';

type Values = { regionCode?: string; name: string; unit: string; pointsCost: number; stock: number };

/** New goods (POST /goods) when `goods` is null, a change (PATCH /goods/{id}) otherwise; undefined: closed. */
export function GoodsModal({
  goods,
  onClose,
  onSaved,
}: {
  goods: GoodsItem | null | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, lang } = useLang();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setError(null);
    if (goods)
      form.setFieldsValue({
        name: goods.name,
        unit: goods.unit,
        pointsCost: goods.pointsCost,
        stock: goods.stock,
      });
    else
      form.setFieldsValue({
        regionCode: me.scope.code.length <= 12 && me.scope.code.length >= 9 ? me.scope.code : undefined,
        name: '',
        unit: '件',
        pointsCost: 10,
        stock: 10,
      });
  }, [goods, form, me.scope.code]);

  async function save() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body = { name: v.name.trim(), unit: v.unit.trim(), pointsCost: v.pointsCost, stock: v.stock };
      if (goods) await ok(api.PATCH('/api/v1/goods/{id}', { params: { path: { id: goods.id } }, body }));
      else
        await ok(api.POST('/api/v1/goods', { body: { ...body, regionCode: v.regionCode!, active: true } }));
      onSaved();
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={goods !== undefined}
      title={goods ? t('points.goodsEdit') : t('points.goodsAdd')}
      onCancel={onClose}
      onOk={() => void save()}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'goods-save' } as ButtonProps}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        {!goods && (
          <Form.Item name="regionCode" label={t('points.goodsRegion')} rules={[{ required: true }]}>
            <RegionPicker
              width={320}
              onChange={(c) => form.setFieldValue('regionCode', c)}
              testId="goods-region-pick"
            />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('points.goodsName')}
          rules={[{ required: true, whitespace: true, max: 60 }]}
        >
          <Input data-testid="goods-name" />
        </Form.Item>
        <Form.Item
          name="unit"
          label={t('points.unit')}
          rules={[{ required: true, whitespace: true, max: 10 }]}
        >
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="pointsCost" label={t('points.cost')} rules={[{ required: true }]}>
          <InputNumber min={1} max={100000} precision={0} data-testid="goods-cost" />
        </Form.Item>
        <Form.Item name="stock" label={t('points.stock')} rules={[{ required: true }]}>
          <InputNumber min={0} max={1000000} precision={0} data-testid="goods-stock" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
