import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Segmented, Space } from 'antd';
import { exportUrl, ListToolbar } from '../common/ListToolbar.js';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { useLive } from '../live.js';
import { ok, useLoad } from '../load.js';
import { navigate } from '../router.js';
import { useMe, useSession } from '../session.js';
import { CaseFilterBar } from './CaseFilterBar.js';
import { CaseMap, MapLegend } from './CaseMap.js';
import { CaseTable } from './CaseTable.js';
import { apiQuery, filtersFrom, PAGE_SIZE, type CaseFilters } from './filters.js';

type View = 'split' | 'list' | 'map';
const VIEW_KEY = 'wangge.caseView';

/** 案件: filters (in the hash query), a table and a map side by side (or one of them). */
export function CaseListPage({ query }: { query: URLSearchParams }) {
  const { t, lang } = useLang();
  const me = useMe();
  const { can } = useSession();
  const [view, setView] = useState<View>((localStorage.getItem(VIEW_KEY) as View | null) ?? 'split');
  const [hover, setHover] = useState<number | null>(null);
  const filters = filtersFrom(query);
  const key = query.toString();
  const res = useLoad(() => ok(api.GET('/api/v1/cases', { params: { query: apiQuery(filters) } })), [key]);
  useLive(() => res.reload());

  const page = Math.max(1, Number(filters.page ?? 1) || 1);
  const items = res.data?.items ?? [];
  const apply = (f: CaseFilters) => navigate('/cases', { ...f }, true);
  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: res.data?.total ?? 0,
    showTotal: (n: number) => `${t('list.total')} ${n}`,
    showSizeChanger: false,
    size: 'small' as const,
    onChange: (p: number) => apply({ ...filters, page: p > 1 ? String(p) : undefined }),
  };
  // the grids drawn under the markers: the filtered region (a grid's village), else my scope
  const base = filters.within ?? me.scope.code;
  const region = can('regions.read') ? (base.length === 15 ? base.slice(0, 12) : base) : undefined;
  const changeView = (v: View) => {
    localStorage.setItem(VIEW_KEY, v);
    setView(v);
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <ListToolbar
          testId="case-list"
          search={filters.number ?? filters.q}
          onSearch={(v) => apply({ ...filters, q: v.q, number: v.number, page: undefined })}
          total={res.data?.total}
          canExport={can('cases.export')}
          exportHref={exportUrl('/api/v1/cases/export.xlsx', apiQuery(filters))}
          extra={
            <>
              <Segmented<View>
                value={view}
                onChange={changeView}
                options={[
                  { value: 'split', label: t('case.split') },
                  { value: 'list', label: t('case.list') },
                  { value: 'map', label: t('case.map') },
                ]}
                data-testid="case-view"
              />
              <Button icon={<ReloadOutlined />} onClick={res.reload} title={t('common.refresh')} />
            </>
          }
        >
          <CaseFilterBar value={filters} onChange={apply} />
        </ListToolbar>
      </Card>
      {res.error !== undefined && <Alert type="error" showIcon title={errorText(res.error, lang)} />}
      <div style={{ display: 'flex', gap: 12, alignItems: 'stretch' }}>
        {view !== 'map' && (
          <Card
            size="small"
            style={{ flex: view === 'split' ? '1 1 64%' : '1 1 100%', minWidth: 0 }}
            styles={{ body: { padding: 8 } }}
          >
            <CaseTable
              items={items}
              loading={res.loading}
              compact={view === 'split'}
              hide={view === 'split' ? ['gridName'] : []}
              pagination={pagination}
              onHover={setHover}
              sort={filters.sort}
              onSort={(sort) => apply({ ...filters, sort, page: undefined })}
            />
          </Card>
        )}
        {view !== 'list' && (
          <Card
            size="small"
            style={{ flex: view === 'split' ? '1 1 36%' : '1 1 100%', minWidth: 0 }}
            styles={{ body: { padding: 8, height: 'calc(100vh - 200px)', minHeight: 420 } }}
          >
            <CaseMap items={items} region={region} highlight={hover} height="calc(100% - 22px)" />
            <MapLegend />
          </Card>
        )}
      </div>
    </Space>
  );
}
