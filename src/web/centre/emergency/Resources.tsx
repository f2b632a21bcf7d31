import { Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, message } from 'antd';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';

type Team =
  paths['/api/v1/emergency-teams']['get']['responses'][200]['content']['application/json']['items'][number];
type Stock =
  paths['/api/v1/emergency-stock']['get']['responses'][200]['content']['application/json']['items'][number];
type Move =
  paths['/api/v1/emergency-stock/moves']['get']['responses'][200]['content']['application/json']['items'][number];
type MoveBody = paths['/api/v1/emergency-stock/moves']['post']['requestBody']['content']['application/json'];
const KINDS = ['militia', 'volunteer', 'vanguard'] as const;

/** My scope and its child regions (townships or villages): where teams and stock are kept. */
function useRegions() {
  const { me } = useSession();
  const scope = me?.scope.code ?? '';
  const children = useLoad(
    () =>
      scope
        ? ok(api.GET('/api/v1/regions/{code}/children', { params: { path: { code: scope } } }))
        : Promise.resolve({ items: [] }),
    [scope],
  );
  const own =
    scope.length === 9 || scope.length === 12 ? [{ value: scope, label: me?.scope.name ?? scope }] : [];
  return [...own, ...(children.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))];
}

/** 应急队伍: the teams of my scope with their members; a new team of a township or village. `#/emergency/teams` */
export function TeamsPanel() {
  const { t, label } = useLang();
  const { can } = useSession();
  const teams = useLoad(() => ok(api.GET('/api/v1/emergency-teams', { params: { query: {} } })), []);
  const regions = useRegions();
  const [form] = Form.useForm<{ regionCode: string; kind: (typeof KINDS)[number]; name: string }>();
  const create = async () => {
    const body = await form.validateFields();
    try {
      await ok(api.POST('/api/v1/emergency-teams', { body }));
      form.resetFields();
      teams.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="emg-teams">
      <Button onClick={() => navigate('/emergency')}>{t('emg.back')}</Button>
      {can('emergency.resources') && (
        <Card size="small" title={t('emg.newTeam')}>
          <Form form={form} layout="inline">
            <Form.Item name="regionCode" rules={[{ required: true }]}>
              <Select
                style={{ width: 180 }}
                placeholder={t('emg.region')}
                options={regions}
                data-testid="team-region"
              />
            </Form.Item>
            <Form.Item name="kind" rules={[{ required: true }]}>
              <Select
                style={{ width: 140 }}
                placeholder={t('emg.teamKind')}
                data-testid="team-kind"
                options={KINDS.map((k) => ({ value: k, label: label('emg.team', k) }))}
              />
            </Form.Item>
            <Form.Item name="name" rules={[{ required: true, min: 2, max: 40 }]}>
              <Input placeholder={t('emg.teamName')} data-testid="team-name" />
            </Form.Item>
            <Button type="primary" onClick={() => void create()} data-testid="team-create">
              {t('emg.create')}
            </Button>
          </Form>
        </Card>
      )}
      <Table<Team>
        rowKey="id"
        size="small"
        loading={teams.loading}
        dataSource={teams.data?.items ?? []}
        pagination={{ pageSize: 30, showSizeChanger: false }}
        columns={[
          { title: t('emg.region'), dataIndex: 'regionName', width: 160 },
          { title: t('emg.teamKind'), width: 120, render: (_, x) => label('emg.team', x.kind) },
          { title: t('emg.teamName'), dataIndex: 'name', width: 160 },
          {
            title: t('emg.members'),
            render: (_, x) =>
              x.members.map((m) => (
                <Tag key={`${m.from}${m.id}`}>
                  {m.name}
                  {m.duty ? ` · ${m.duty}` : ''}
                </Tag>
              )),
          },
        ]}
      />
    </Space>
  );
}

/** 应急物资: stock per township and village, receiving and issuing (a transfer), the ledger. `#/emergency/supplies` */
export function SuppliesPanel() {
  const { t } = useLang();
  const { can } = useSession();
  const stock = useLoad(() => ok(api.GET('/api/v1/emergency-stock', { params: { query: {} } })), []);
  const ledger = useLoad(
    () => ok(api.GET('/api/v1/emergency-stock/moves', { params: { query: { limit: 50 } } })),
    [],
  );
  const regions = useRegions();
  const items = new Map((stock.data?.items ?? []).map((s) => [s.item, `${s.name}（${s.unit}）`]));
  const name = (code: string | null) => regions.find((r) => r.value === code)?.label ?? code ?? '';
  const [form] = Form.useForm<Omit<MoveBody, 'clientRequestId'>>();
  const move = async () => {
    const v = await form.validateFields();
    try {
      await ok(
        api.POST('/api/v1/emergency-stock/moves', { body: { ...v, clientRequestId: crypto.randomUUID() } }),
      );
      form.resetFields();
      stock.reload();
      ledger.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="emg-supplies">
      <Button onClick={() => navigate('/emergency')}>{t('emg.back')}</Button>
      {can('emergency.resources') && (
        <Card size="small" title={t('emg.move')}>
          <Form form={form} layout="inline" initialValues={{ kind: 'receive' }}>
            <Form.Item name="regionCode" rules={[{ required: true }]}>
              <Select
                style={{ width: 160 }}
                placeholder={t('emg.region')}
                options={regions}
                data-testid="move-region"
              />
            </Form.Item>
            <Form.Item name="item" rules={[{ required: true }]}>
              <Select
                style={{ width: 180 }}
                placeholder={t('emg.item')}
                data-testid="move-item"
                options={[...items].map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            <Form.Item name="kind">
              <Select
                style={{ width: 100 }}
                options={[
                  { value: 'receive', label: t('emg.receive') },
                  { value: 'issue', label: t('emg.issue') },
                ]}
              />
            </Form.Item>
            <Form.Item name="quantity" rules={[{ required: true }]}>
              <InputNumber
                min={1}
                max={1_000_000}
                placeholder={t('emg.quantity')}
                data-testid="move-quantity"
              />
            </Form.Item>
            <Form.Item name="toRegionCode">
              <Select allowClear style={{ width: 160 }} placeholder={t('emg.toRegion')} options={regions} />
            </Form.Item>
            <Form.Item name="note">
              <Input placeholder={t('emg.note')} maxLength={200} />
            </Form.Item>
            <Button type="primary" onClick={() => void move()} data-testid="move-submit">
              {t('emg.record')}
            </Button>
          </Form>
        </Card>
      )}
      <Card size="small" title={t('emg.stock')}>
        <Table<Stock>
          rowKey={(s) => `${s.regionCode}:${s.item}`}
          size="small"
          loading={stock.loading}
          dataSource={stock.data?.items ?? []}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          data-testid="emg-stock"
          columns={[
            { title: t('emg.region'), dataIndex: 'regionName' },
            { title: t('emg.item'), dataIndex: 'name' },
            { title: t('emg.quantity'), render: (_, s) => `${s.quantity} ${s.unit}` },
          ]}
        />
      </Card>
      <Card size="small" title={t('emg.ledger')}>
        <Table<Move>
          rowKey="id"
          size="small"
          loading={ledger.loading}
          dataSource={ledger.data?.items ?? []}
          pagination={false}
          data-testid="emg-ledger"
          columns={[
            { title: t('emg.movedAt'), width: 170, render: (_, m) => new Date(m.movedAt).toLocaleString() },
            { title: t('emg.region'), render: (_, m) => name(m.regionCode) },
            { title: t('emg.item'), render: (_, m) => items.get(m.item) ?? m.item },
            {
              title: t('emg.kindOfMove'),
              render: (_, m) => (
                <Tag color={m.kind === 'issue' ? 'orange' : 'green'}>
                  {m.kind === 'issue' ? t('emg.issue') : t('emg.receive')}
                </Tag>
              ),
            },
            { title: t('emg.quantity'), dataIndex: 'quantity' },
            { title: t('emg.balance'), dataIndex: 'balance' },
            { title: t('emg.toRegion'), render: (_, m) => name(m.counterpartCode) },
            { title: t('emg.note'), dataIndex: 'note' },
          ]}
        />
      </Card>
    </Space>
  );
}
