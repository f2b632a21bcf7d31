import type { ButtonProps } from 'antd';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { ListToolbar, exportUrl, sortable, type ListSearch } from '../common/ListToolbar.js';
import { useListTable } from '../common/useListTable.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { PhoneSearch, type PhoneQuery } from './PhoneSearch.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { PetitionDrawer } from './PetitionDrawer.js';

type Item =
  paths['/api/v1/petitions']['get']['responses'][200]['content']['application/json']['items'][number];
type Body = paths['/api/v1/petitions']['post']['requestBody']['content']['application/json'];
const PAGE = 20;
type PetitionSort = NonNullable<paths['/api/v1/petitions']['get']['parameters']['query']>['sort'];

/** The visitor register (masked) with counts, or the deadline board (`due`: limits ending soon or passed). */
export function PetitionRegister({ openId, due }: { openId: number | null; due?: boolean }) {
  const { t, label, lang } = useLang();
  const { can } = useSession();
  const { message } = App.useApp();
  const [within, setWithin] = useState<string | undefined>();
  const [which, setWhich] = useState<'soon' | 'overdue'>('soon');
  const [page, setPage] = useState(1);
  const [tick, setTick] = useState(0);
  const [adding, setAdding] = useState(false);
  const [search, setSearch] = useState<ListSearch>({});
  const [byPhone, setByPhone] = useState<PhoneQuery | undefined>();
  const [sort, setSort] = useState<PetitionSort | undefined>();
  const [form] = Form.useForm();
  // the export is what is filtered, never a phone search (that is a reveal, not a list)
  const filter = { within, ...(due ? { due: which } : {}), ...search, sort };
  const list = useLoad(
    () =>
      ok(
        api.GET('/api/v1/petitions', {
          params: { query: { ...filter, ...byPhone, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [within, page, tick, due, which, search.q, search.number, byPhone?.phone, byPhone?.reason, sort],
  );
  const stats = useLoad(
    () => ok(api.GET('/api/v1/petitions/stats', { params: { query: { within } } })),
    [within, tick],
  );
  const s = stats.data;
  const base = due ? '/petitions/deadlines' : '/petitions/register';
  const table = useListTable<Item>({
    list,
    page,
    pageSize: PAGE,
    onPage: setPage,
    onSort: (v) => setSort(v as PetitionSort),
    href: (p) => `${base}/${p.id}`,
    rowTestId: (p) => `pet-row-${p.number}`,
    filter: [filter, byPhone],
  });

  async function register() {
    const v = (await form.validateFields()) as {
      name: string;
      idNumber?: string;
      phone?: string;
      group?: boolean;
      headcount?: number;
      matter: string;
    };
    const body: Body = {
      visitor: {
        name: v.name,
        ...(v.idNumber ? { idNumber: v.idNumber } : {}),
        ...(v.phone ? { phone: v.phone } : {}),
      },
      groupVisit: !!v.group,
      headcount: v.group ? (v.headcount ?? 2) : 1,
      matter: v.matter,
      clientRequestId: crypto.randomUUID(),
    };
    try {
      const made = await ok(api.POST('/api/v1/petitions', { body }));
      message.success(t('pet.registered', { names: made.receiver.names.join('、') }));
      setAdding(false);
      form.resetFields();
      setTick((n) => n + 1);
      navigate(`${base}/${made.id}`);
    } catch (err) {
      message.error(errorText(err, lang));
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {!due && (
        <Row gutter={12}>
          {(['visitors', 'registrations', 'solved', 'open', 'overdue'] as const).map((k) => (
            <Col span={4} key={k}>
              <Card size="small">
                <Statistic title={t(`pet.stats.${k}`)} value={s?.[k] ?? '—'} data-testid={`pet-stat-${k}`} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Card size="small">
        <ListToolbar
          testId="pet"
          search={search.number ?? search.q}
          onSearch={setSearch}
          total={list.data?.total}
          canExport={can('petitions.export') && !byPhone}
          exportHref={exportUrl('/api/v1/petitions/export.xlsx', filter)}
          extra={can('petitions.reveal') && <PhoneSearch value={byPhone} onChange={setByPhone} />}
        >
          <RegionPicker value={within} onChange={setWithin} testId="pet-region" />
          {due && (
            <Select
              value={which}
              onChange={setWhich}
              style={{ width: 160 }}
              options={[
                { value: 'soon', label: t('pet.dueSoon') },
                { value: 'overdue', label: t('pet.overdue') },
              ]}
              data-testid="pet-due"
            />
          )}
          {!due && (can('petitions.receive') || can('petitions.agency')) && (
            <Button type="primary" onClick={() => setAdding(true)} data-testid="pet-add">
              {can('petitions.agency') ? t('pet.registerAgency') : t('pet.register')}
            </Button>
          )}
        </ListToolbar>
        <Table<Item>
          {...table}
          data-testid="pet-table"
          columns={[
            { title: t('pet.number'), dataIndex: 'number', width: 170, ...sortable(sort, 'number') },
            { title: t('pet.name'), dataIndex: 'visitorName', width: 90 },
            { title: t('pet.headcount'), dataIndex: 'headcount', width: 90, ...sortable(sort, 'headcount') },
            { title: t('pet.matter'), dataIndex: 'matter', ellipsis: true },
            {
              title: t('pet.channel'),
              dataIndex: 'channel',
              width: 100,
              render: (c: string) => label('pet.channel', c),
            },
            { title: t('pet.region'), dataIndex: 'regionName', width: 120, ...sortable(sort, 'region') },
            {
              title: t('pet.state'),
              dataIndex: 'state',
              width: 130,
              ...sortable(sort, 'state'),
              render: (v: string) => label('pet.state', v),
            },
            {
              title: t('pet.dueAt'),
              width: 220,
              ...sortable(sort, 'dueAt'),
              render: (_: unknown, p: Item) =>
                p.dueAt ? (
                  <Space size={4}>
                    <span>{fmtTime(p.dueAt)}</span>
                    <Tag color={p.overdue ? 'red' : 'blue'}>
                      {p.overdue ? t('pet.overdue') : label('pet.due', p.dueKind)}
                    </Tag>
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title: t('pet.receivedAt'),
              dataIndex: 'receivedAt',
              width: 140,
              ...sortable(sort, 'receivedAt'),
              render: (d: string) => fmtTime(d),
            },
          ]}
        />
      </Card>
      <Modal
        open={adding}
        title={can('petitions.agency') ? t('pet.registerAgency') : t('pet.register')}
        onCancel={() => setAdding(false)}
        onOk={() => void register()}
        okButtonProps={{ 'data-testid': 'pet-submit' } as ButtonProps}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('pet.name')} rules={[{ required: true }]}>
            <Input maxLength={40} data-testid="pet-name" />
          </Form.Item>
          <Form.Item name="idNumber" label={t('pet.idNumber')}>
            <Input maxLength={18} data-testid="pet-id" />
          </Form.Item>
          <Form.Item name="phone" label={t('pet.phone')}>
            <Input maxLength={13} data-testid="pet-phone" />
          </Form.Item>
          <Space>
            <Form.Item name="group" valuePropName="checked">
              <Checkbox data-testid="pet-group">{t('pet.group')}</Checkbox>
            </Form.Item>
            <Form.Item name="headcount" label={t('pet.headcount')}>
              <InputNumber min={2} max={500} />
            </Form.Item>
          </Space>
          <Form.Item name="matter" label={t('pet.matter')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="pet-matter" />
          </Form.Item>
        </Form>
      </Modal>
      <PetitionDrawer id={openId} onClose={() => navigate(base)} onChanged={() => setTick((n) => n + 1)} />
    </Space>
  );
}
