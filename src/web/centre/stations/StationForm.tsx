import { Form, Input, Select, Switch } from 'antd';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { FormModal, type ModalControl } from '../common/FormModal.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { PointPicker, type Point } from './PointPicker.js';

type Body = paths['/api/v1/stations']['post']['requestBody']['content']['application/json'];
export type StationView =
  paths['/api/v1/stations/{id}']['get']['responses'][200]['content']['application/json'];
type Values = Omit<Body, 'lng' | 'lat'> & { point: Point; active?: boolean };

export const SERVICES: Body['services'] = [
  'elderly_care',
  'legal_aid',
  'family_education',
  'medical_check',
  'employment',
  'party_service',
  'mediation',
  'proxy_errands',
  'culture',
  'youth',
  'disability',
  'lending',
];

/**
 * 新增/修改站点: kind and the township or village it belongs to (new only), name, address, the place on
 * the map, opening hours, services, whether it lends, and (editing) whether it is open.
 */
export function StationForm({
  station,
  onSaved,
  ...control
}: ModalControl & { station?: StationView; onSaved: (id: number) => void }) {
  const { t, label } = useLang();
  const editing = !!station;
  return (
    <FormModal<Values, number>
      {...control}
      title={t(editing ? 'st.edit' : 'st.add')}
      testId="station-form"
      width={640}
      savedText={t('st.saved')}
      initialValues={
        station
          ? {
              name: station.name,
              address: station.address,
              point: { lng: station.lng, lat: station.lat },
              openingHours: station.openingHours,
              services: station.services,
              lends: station.lends,
              active: station.active,
            }
          : { kind: 'station', services: [], lends: true, point: {}, openingHours: '周一至周五 8:30–17:00' }
      }
      onSaved={onSaved}
      onSubmit={async ({ point, ...v }) => {
        const place = { lng: point.lng!, lat: point.lat! };
        if (station) {
          const { kind: _k, regionCode: _r, ...patch } = v;
          await ok(
            api.PATCH('/api/v1/stations/{id}', {
              params: { path: { id: station.id } },
              body: { ...patch, ...place },
            }),
          );
          return station.id;
        }
        const made = await ok(api.POST('/api/v1/stations', { body: { ...v, ...place } }));
        return made.id;
      }}
    >
      {!editing && (
        <>
          <Form.Item name="kind" label={t('st.kindLabel')} rules={[{ required: true }]}>
            <Select
              data-testid="station-kind"
              options={(['station', 'centre'] as const).map((k) => ({
                value: k,
                label: label('st.kind', k),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t('st.region')}
            extra={t('st.regionHint')}
            rules={[{ required: true, message: t('st.regionHint') }]}
          >
            <RegionPicker onChange={() => undefined} testId="station-region" width={360} />
          </Form.Item>
        </>
      )}
      <Form.Item name="name" label={t('st.name')} rules={[{ required: true, min: 2, max: 60 }]}>
        <Input maxLength={60} data-testid="station-name" />
      </Form.Item>
      <Form.Item name="address" label={t('st.address')} rules={[{ required: true, min: 2, max: 120 }]}>
        <Input maxLength={120} data-testid="station-address" />
      </Form.Item>
      <Form.Item
        name="point"
        label={t('st.point')}
        extra={t('st.pointHint')}
        rules={[
          {
            validator: (_, p?: Point) =>
              p?.lng !== undefined && p?.lat !== undefined
                ? Promise.resolve()
                : Promise.reject(new Error(t('st.pointHint'))),
          },
        ]}
      >
        <PointPicker around={station ? { lng: station.lng, lat: station.lat } : undefined} />
      </Form.Item>
      <Form.Item name="openingHours" label={t('st.hours')} rules={[{ required: true, min: 2, max: 120 }]}>
        <Input maxLength={120} data-testid="station-hours" />
      </Form.Item>
      <Form.Item name="services" label={t('st.services')}>
        <Select
          mode="multiple"
          data-testid="station-services"
          options={SERVICES.map((s) => ({ value: s, label: label('st.service', s) }))}
        />
      </Form.Item>
      <Form.Item name="lends" label={t('st.lends')} valuePropName="checked">
        <Switch data-testid="station-lends" />
      </Form.Item>
      {editing && (
        <Form.Item name="active" label={t('st.active')} valuePropName="checked">
          <Switch data-testid="station-active" />
        </Form.Item>
      )}
    </FormModal>
  );
}
