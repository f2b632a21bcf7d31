import { App, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { reloadBase } from '../map/base.js';
import { useSession } from '../session.js';

type Values = {
  tiles: 'none' | 'tianditu' | 'amap' | 'custom';
  tiandituKey?: string | null;
  customUrl?: string | null;
  customCrs?: 'wgs84' | 'gcj02';
  publicMap: boolean;
};

/**
 * The county's maps (PUT /map/settings, administrators): the base map preset — none (grid polygons
 * alone), 天地图 with its key, 高德 GCJ-02, a custom template — and the public map of reports.
 */
export function MapSettings({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useLang();
  const { can, me } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const admin = can('maps.configure');
  const tiles = Form.useWatch('tiles', form);
  useEffect(() => {
    if (!open || !admin) return;
    ok(api.GET('/api/v1/map/settings')).then(
      (s) =>
        form.setFieldsValue({
          tiles: s.tiles,
          tiandituKey: s.tiandituKey,
          customUrl: s.customUrl,
          customCrs: s.customCrs,
          publicMap: s.publicMap,
        }),
      () => undefined,
    );
  }, [open, admin, form]);
  const publicUrl = `${window.location.origin}/public-map/${me?.scope.code.slice(0, 6) ?? ''}`;
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await ok(
        api.PUT('/api/v1/map/settings', {
          body: {
            tiles: v.tiles,
            tiandituKey: v.tiles === 'tianditu' ? v.tiandituKey || null : null,
            customUrl: v.tiles === 'custom' ? v.customUrl || null : null,
            customCrs: v.customCrs ?? 'wgs84',
            publicMap: v.publicMap,
          },
        }),
      );
    } catch (e) {
      return void message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
    message.success(t('maps.saved'));
    reloadBase();
    onClose();
    window.location.reload();
  };
  return (
    <Modal
      title={t('header.mapSettings')}
      open={open}
      destroyOnHidden
      onCancel={onClose}
      okText={t('common.save')}
      okButtonProps={{ disabled: !admin, loading: busy }}
      onOk={() => void save()}
    >
      {!admin ? (
        <Typography.Paragraph>{t('maps.readOnly')}</Typography.Paragraph>
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ tiles: 'none', customCrs: 'wgs84', publicMap: false }}
        >
          <Form.Item name="tiles" label={t('maps.tiles')}>
            <Select
              data-testid="map-tiles"
              options={(['none', 'tianditu', 'amap', 'custom'] as const).map((k) => ({
                value: k,
                label: t(`maps.tiles.${k}`),
              }))}
            />
          </Form.Item>
          {tiles === 'tianditu' && (
            <Form.Item name="tiandituKey" label={t('maps.key')} rules={[{ required: true }]}>
              <Input data-testid="map-key" />
            </Form.Item>
          )}
          {tiles === 'custom' && (
            <>
              <Form.Item name="customUrl" label={t('maps.url')} rules={[{ required: true }]}>
                <Input placeholder="https://…/{z}/{x}/{y}.png" data-testid="tiles-input" />
              </Form.Item>
              <Form.Item name="customCrs" label={t('maps.crs')}>
                <Select
                  options={[
                    { value: 'wgs84', label: 'WGS-84' },
                    { value: 'gcj02', label: 'GCJ-02' },
                  ]}
                />
              </Form.Item>
            </>
          )}
          <Form.Item name="publicMap" label={t('maps.public')} valuePropName="checked">
            <Switch data-testid="map-public" />
          </Form.Item>
          <Typography.Paragraph type="secondary">
            {t('maps.publicHelp', { url: publicUrl })}
          </Typography.Paragraph>
        </Form>
      )}
    </Modal>
  );
}
