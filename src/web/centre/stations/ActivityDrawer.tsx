import { App, Button, Descriptions, Drawer, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';
import { ResidentSelect } from './ResidentSelect.js';

/**
 * An activity opened from the list: its bookings; book a resident (refused past capacity), cancel a
 * booking, and once it has started mark the booked residents who came.
 */
export function ActivityDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: number | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, label, lang } = useLang();
  const { can } = useSession();
  const { message } = App.useApp();
  const book = can('stations.book');
  const [tick, setTick] = useState(0);
  const [resident, setResident] = useState<number | undefined>();
  const [picked, setPicked] = useState<number[]>([]);
  const one = useLoad(
    () =>
      id
        ? ok(api.GET('/api/v1/station-activities/{id}', { params: { path: { id } } }))
        : Promise.resolve(undefined),
    [id, tick],
  );
  const a = one.data;
  const run = async (p: Promise<unknown>, after?: () => void) => {
    try {
      await p;
      after?.();
      setTick((n) => n + 1);
      onChanged();
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  };
  const started = a ? Date.parse(String(a.startsAt)) <= Date.now() : false;
  return (
    <Drawer open={id !== null} onClose={onClose} size={620} title={a?.title ?? ''}>
      {a && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="activity-detail">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('st.station')}>{a.stationName}</Descriptions.Item>
            <Descriptions.Item label={t('st.services')}>{label('st.service', a.service)}</Descriptions.Item>
            <Descriptions.Item label={t('st.startsAt')}>
              {new Date(a.startsAt).toLocaleString()} – {new Date(a.endsAt).toLocaleString()}
            </Descriptions.Item>
            <Descriptions.Item label={t('st.booked')}>
              <span data-testid="activity-seats">
                {a.booked}/{a.capacity}
              </span>{' '}
              {a.booked >= a.capacity && <Tag color="orange">{t('st.full')}</Tag>}
              {a.cancelled && <Tag>{t('st.cancelled')}</Tag>}
            </Descriptions.Item>
          </Descriptions>
          {book && !a.cancelled && (
            <Space wrap data-testid="booking-form">
              <ResidentSelect value={resident} onChange={setResident} testId="booking-resident" />
              <Button
                type="primary"
                disabled={!resident}
                data-testid="booking-add"
                onClick={() =>
                  run(
                    ok(
                      api.POST('/api/v1/station-activities/{id}/bookings', {
                        params: { path: { id: a.id } },
                        body: { residentId: resident! },
                      }),
                    ),
                    () => setResident(undefined),
                  )
                }
              >
                {t('st.book')}
              </Button>
            </Space>
          )}
          <Table
            rowKey="residentId"
            size="small"
            pagination={false}
            dataSource={a.bookings}
            data-testid="activity-bookings"
            rowSelection={
              book && started
                ? {
                    selectedRowKeys: picked,
                    onChange: (keys) => setPicked(keys.map(Number)),
                    getCheckboxProps: (b) => ({ disabled: b.attended }),
                  }
                : undefined
            }
            columns={[
              { title: t('st.resident'), dataIndex: 'residentName' },
              {
                title: t('st.bookedAt'),
                dataIndex: 'bookedAt',
                render: (d: string) => new Date(d).toLocaleString(),
              },
              {
                title: t('st.attended'),
                dataIndex: 'attended',
                render: (x: boolean) => (x ? <Tag color="green">{t('st.came')}</Tag> : null),
              },
              {
                title: '',
                render: (_: unknown, b) =>
                  book &&
                  !started && (
                    <Button
                      size="small"
                      data-testid={`booking-cancel-${b.id}`}
                      onClick={() =>
                        run(
                          ok(
                            api.POST('/api/v1/station-activities/{id}/bookings/{bookingId}/cancel', {
                              params: { path: { id: a.id, bookingId: b.id } },
                            }),
                          ),
                        )
                      }
                    >
                      {t('st.cancelBooking')}
                    </Button>
                  ),
              },
            ]}
          />
          {book && started && (
            <Button
              disabled={picked.length === 0}
              data-testid="attendance-save"
              onClick={() =>
                run(
                  ok(
                    api.POST('/api/v1/station-activities/{id}/attendance', {
                      params: { path: { id: a.id } },
                      body: { residentIds: picked },
                    }),
                  ),
                  () => setPicked([]),
                )
              }
            >
              {t('st.attend')}
            </Button>
          )}
        </Space>
      )}
    </Drawer>
  );
}
