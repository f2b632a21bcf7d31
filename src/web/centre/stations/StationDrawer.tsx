import { App, Button, Descriptions, Drawer, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';
import { ITEMS, type ItemKind } from './items.js';
import { StationForm } from './StationForm.js';

type Role = 'staff' | 'volunteer';

/** A station opened from the list: its details, staff and volunteers, stock; the forms to change them. */
export function StationDrawer({
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
  const manage = can('stations.manage');
  const [tick, setTick] = useState(0);
  const [editing, setEditing] = useState(false);
  const [person, setPerson] = useState<{ role: Role; name: string; duty: string }>({
    role: 'volunteer',
    name: '',
    duty: '',
  });
  const [stock, setStock] = useState<{ itemKind?: ItemKind; total?: number }>({});
  const one = useLoad(
    () =>
      id ? ok(api.GET('/api/v1/stations/{id}', { params: { path: { id } } })) : Promise.resolve(undefined),
    [id, tick],
  );
  const s = one.data;
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
  const setTotal = (itemKind: ItemKind, total: number) =>
    run(
      ok(
        api.PUT('/api/v1/stations/{id}/stock', { params: { path: { id: id! } }, body: { itemKind, total } }),
      ),
      () => setStock({}),
    );

  return (
    <Drawer open={id !== null} onClose={onClose} size={620} title={s?.name ?? ''}>
      {s && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="station-detail">
          {manage && (
            <Button onClick={() => setEditing(true)} data-testid="station-edit">
              {t('st.edit')}
            </Button>
          )}
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('st.kindLabel')}>
              {label('st.kind', s.kind)} {!s.active && <Tag color="default">{t('st.closed')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('st.region')}>{s.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('st.address')}>{s.address}</Descriptions.Item>
            <Descriptions.Item label={t('st.hours')}>
              <span data-testid="station-detail-hours">{s.openingHours}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('st.services')}>
              {s.services.map((x) => label('st.service', x)).join('、')}
            </Descriptions.Item>
          </Descriptions>

          <h4>
            {t('st.staff')} / {t('st.volunteers')}
          </h4>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={s.people}
            data-testid="station-people"
            columns={[
              { title: t('st.name'), dataIndex: 'name' },
              {
                title: '',
                dataIndex: 'role',
                render: (r: Role) => t(r === 'staff' ? 'st.staff' : 'st.volunteers'),
              },
              { title: t('st.duty'), dataIndex: 'duty' },
              {
                title: '',
                width: 80,
                render: (_: unknown, p) =>
                  manage && (
                    <Button
                      size="small"
                      danger
                      data-testid={`person-remove-${p.id}`}
                      onClick={() =>
                        run(
                          ok(
                            api.POST('/api/v1/stations/{id}/people/{personId}/remove', {
                              params: { path: { id: s.id, personId: p.id } },
                            }),
                          ),
                        )
                      }
                    >
                      {t('st.remove')}
                    </Button>
                  ),
              },
            ]}
          />
          {manage && (
            <Space wrap data-testid="person-form">
              <Select<Role>
                style={{ width: 110 }}
                value={person.role}
                onChange={(role) => setPerson({ ...person, role })}
                options={(['staff', 'volunteer'] as const).map((r) => ({
                  value: r,
                  label: t(r === 'staff' ? 'st.staff' : 'st.volunteers'),
                }))}
                data-testid="person-role"
              />
              <Input
                style={{ width: 120 }}
                placeholder={t('st.name')}
                maxLength={40}
                value={person.name}
                onChange={(e) => setPerson({ ...person, name: e.target.value })}
                data-testid="person-name"
              />
              <Input
                style={{ width: 160 }}
                placeholder={t('st.duty')}
                maxLength={60}
                value={person.duty}
                onChange={(e) => setPerson({ ...person, duty: e.target.value })}
                data-testid="person-duty"
              />
              <Button
                disabled={!person.name.trim()}
                data-testid="person-add"
                onClick={() =>
                  run(
                    ok(
                      api.POST('/api/v1/stations/{id}/people', {
                        params: { path: { id: s.id } },
                        body: { role: person.role, name: person.name.trim(), duty: person.duty.trim() },
                      }),
                    ),
                    () => setPerson({ ...person, name: '', duty: '' }),
                  )
                }
              >
                {t('st.personAdd')}
              </Button>
            </Space>
          )}

          <h4>{t('st.stock')}</h4>
          <Table
            rowKey="itemKind"
            size="small"
            pagination={false}
            dataSource={s.stock}
            onRow={(k) => ({ 'data-testid': `stock-row-${k.itemKind}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('st.item'), dataIndex: 'itemKind', render: (k: string) => label('st.item', k) },
              {
                title: t('st.onHand'),
                dataIndex: 'onHand',
                render: (n: number) => <span data-testid="on-hand">{n}</span>,
              },
              {
                title: t('st.total'),
                dataIndex: 'total',
                render: (n: number, k) =>
                  manage ? (
                    <InputNumber<number>
                      size="small"
                      min={0}
                      max={10000}
                      defaultValue={n}
                      key={`${k.itemKind}-${n}`}
                      onBlur={(e) => {
                        const v = Number(e.target.value);
                        if (Number.isInteger(v) && v !== n) void setTotal(k.itemKind, v);
                      }}
                      data-testid={`stock-total-${k.itemKind}`}
                    />
                  ) : (
                    n
                  ),
              },
            ]}
          />
          {manage && (
            <Space wrap data-testid="stock-form">
              <Select<ItemKind>
                style={{ width: 160 }}
                placeholder={t('st.item')}
                value={stock.itemKind}
                onChange={(itemKind) => setStock({ ...stock, itemKind })}
                options={ITEMS.filter((k) => !s.stock.some((x) => x.itemKind === k)).map((k) => ({
                  value: k,
                  label: label('st.item', k),
                }))}
                data-testid="stock-kind"
              />
              <InputNumber<number>
                min={0}
                max={10000}
                placeholder={t('st.total')}
                value={stock.total}
                onChange={(total) => setStock({ ...stock, total: total ?? undefined })}
                data-testid="stock-new-total"
              />
              <Button
                disabled={!stock.itemKind || stock.total === undefined}
                onClick={() => setTotal(stock.itemKind!, stock.total!)}
                data-testid="stock-add"
              >
                {t('st.stockAdd')}
              </Button>
            </Space>
          )}
          <StationForm
            open={editing}
            station={s}
            onClose={() => setEditing(false)}
            onDone={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              setTick((n) => n + 1);
              onChanged();
            }}
          />
        </Space>
      )}
    </Drawer>
  );
}
