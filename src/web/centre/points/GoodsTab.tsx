import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { RegionPicker } from '../common/RegionPicker.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';
import { GoodsModal } from './GoodsModal.js';
import type { GoodsItem } from './types.js';

/** Goods kept for exchange (GET /goods): stock managed by the township or village that keeps them. */
export function GoodsTab() {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const { can } = useSession();
  const [within, setWithin] = useState<string | undefined>();
  const [editing, setEditing] = useState<GoodsItem | null | undefined>(undefined);
  const res = useLoad(
    () => ok(api.GET('/api/v1/goods', { params: { query: { within, includeInactive: 'true' } } })),
    [within],
  );

  async function toggle(g: GoodsItem, active: boolean) {
    try {
      await ok(api.PATCH('/api/v1/goods/{id}', { params: { path: { id: g.id } }, body: { active } }));
      res.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <RegionPicker value={within} onChange={setWithin} testId="goods-region" />
        {can('goods.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing(null)}
            data-testid="goods-add"
          >
            {t('points.goodsAdd')}
          </Button>
        )}
      </Space>
      <Table<GoodsItem>
        rowKey="id"
        size="small"
        loading={res.loading}
        dataSource={res.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        onRow={(g) => ({ 'data-testid': `goods-row-${g.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('points.stockedBy'), dataIndex: 'regionName', width: 200 },
          { title: t('points.goodsName'), dataIndex: 'name' },
          { title: t('points.unit'), dataIndex: 'unit', width: 70 },
          { title: t('points.cost'), dataIndex: 'pointsCost', width: 90 },
          {
            title: t('points.stock'),
            dataIndex: 'stock',
            width: 80,
            render: (s: number) => (s === 0 ? <Tag color="red">0</Tag> : s),
          },
          {
            title: t('points.active'),
            dataIndex: 'active',
            width: 80,
            render: (a: boolean, g: GoodsItem) => (
              <Switch
                size="small"
                checked={a}
                disabled={!g.manageable}
                onChange={(v) => void toggle(g, v)}
                data-testid={`goods-active-${g.id}`}
              />
            ),
          },
          {
            title: '',
            key: 'edit',
            width: 80,
            render: (_: unknown, g: GoodsItem) =>
              g.manageable ? (
                <a onClick={() => setEditing(g)} data-testid={`goods-edit-${g.id}`}>
                  {t('points.goodsEdit')}
                </a>
              ) : (
                <Tag>{t('points.readOnly')}</Tag>
              ),
          },
        ]}
      />
      <GoodsModal
        goods={editing}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          message.success(t('points.goodsSaved'));
          setEditing(undefined);
          res.reload();
        }}
      />
    </Space>
  );
}
