import { Form, Input, InputNumber, Select } from 'antd';
import { api } from '../../shared/api.js';
import { FormModal, type ModalControl } from '../common/FormModal.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { SERVICES } from './StationForm.js';

type Values = {
  stationId: number;
  title: string;
  service: (typeof SERVICES)[number];
  startsAt: string;
  endsAt: string;
  capacity: number;
};

/** A `datetime-local` value (the browser's time) as an ISO instant. */
const instant = (local: string) => new Date(local).toISOString();

/** 发布活动: the station, title, service, start and end, and the number of seats. */
export function ActivityForm({
  within,
  onSaved,
  ...control
}: ModalControl & { within?: string; onSaved: (id: number) => void }) {
  const { t, label } = useLang();
  const stations = useLoad(
    () =>
      control.open
        ? ok(api.GET('/api/v1/stations', { params: { query: { within, limit: 200 } } }))
        : Promise.resolve(undefined),
    [within, control.open],
  );
  return (
    <FormModal<Values, number>
      {...control}
      title={t('st.activityAdd')}
      testId="activity-form"
      savedText={t('st.saved')}
      initialValues={{ capacity: 30, service: 'culture' }}
      onSaved={onSaved}
      onSubmit={async ({ stationId, startsAt, endsAt, ...v }) => {
        const made = await ok(
          api.POST('/api/v1/stations/{id}/activities', {
            params: { path: { id: stationId } },
            body: { ...v, startsAt: instant(startsAt), endsAt: instant(endsAt) },
          }),
        );
        return made.id;
      }}
    >
      <Form.Item name="stationId" label={t('st.station')} rules={[{ required: true }]}>
        <Select<number>
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="activity-station"
          options={(stations.data?.items ?? [])
            .filter((s) => s.active)
            .map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Form.Item name="title" label={t('st.title')} rules={[{ required: true, min: 2, max: 80 }]}>
        <Input maxLength={80} data-testid="activity-title" />
      </Form.Item>
      <Form.Item name="service" label={t('st.services')} rules={[{ required: true }]}>
        <Select
          data-testid="activity-service"
          options={SERVICES.map((s) => ({ value: s, label: label('st.service', s) }))}
        />
      </Form.Item>
      <Form.Item name="startsAt" label={t('st.startsAt')} rules={[{ required: true }]}>
        <Input type="datetime-local" data-testid="activity-starts" />
      </Form.Item>
      <Form.Item
        name="endsAt"
        label={t('st.endsAt')}
        dependencies={['startsAt']}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: (_, v?: string) =>
              !v || !getFieldValue('startsAt') || v > getFieldValue('startsAt')
                ? Promise.resolve()
                : Promise.reject(new Error(t('st.endsAfter'))),
          }),
        ]}
      >
        <Input type="datetime-local" data-testid="activity-ends" />
      </Form.Item>
      <Form.Item name="capacity" label={t('st.capacity')} rules={[{ required: true }]}>
        <InputNumber<number> min={1} max={10000} data-testid="activity-capacity" />
      </Form.Item>
    </FormModal>
  );
}
