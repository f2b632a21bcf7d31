import { Breadcrumb, Card, Empty, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate, useRoute } from '../router.js';
import { useMe } from '../session.js';
import { GridInfo } from './GridInfo.js';
import { GridMap } from './GridMap.js';
import { RegionTree } from './RegionTree.js';

/** 网格地图: the region tree from my scope beside the grids of the selected node. */
export function TerritoryPage() {
  const { t } = useLang();
  const me = useMe();
  const route = useRoute();
  const selected = route.query.get('code') ?? me.scope.code;
  const [picked, setPicked] = useState<string | null>(selected.length === 15 ? selected : null);
  const [count, setCount] = useState<number | null>(null);
  const region = useLoad(
    () => ok(api.GET('/api/v1/regions/{code}', { params: { path: { code: selected } } })),
    [selected],
  );
  const select = (code: string) => {
    setPicked(code.length === 15 ? code : null);
    setCount(null);
    navigate('/territory', { code }, true);
  };
  const scopeDepth = region.data?.ancestors.findIndex((a) => a.code === me.scope.code) ?? -1;
  const crumbs = [
    ...(region.data?.ancestors.slice(scopeDepth >= 0 ? scopeDepth : region.data.ancestors.length) ?? []),
    ...(region.data ? [region.data] : []),
  ];

  return (
    <div style={{ display: 'flex', gap: 12, height: 'calc(100vh - 88px)', minHeight: 520 }}>
      <Card
        size="small"
        title={t('terr.tree')}
        style={{ width: 280, flex: 'none', display: 'flex', flexDirection: 'column' }}
        styles={{ body: { overflow: 'auto', flex: 1 } }}
      >
        <RegionTree root={me.scope.code} selected={selected} onSelect={select} />
      </Card>
      <Card
        size="small"
        style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}
        styles={{ body: { flex: 1, padding: 8, minHeight: 0 } }}
        title={
          <Breadcrumb
            items={crumbs.map((a) => ({ title: <a onClick={() => select(a.code)}>{a.name}</a> }))}
          />
        }
        extra={
          count !== null && (
            <Typography.Text type="secondary">
              {count ? t('terr.grids', { n: count }) : t('terr.noGeometry')}
            </Typography.Text>
          )
        }
      >
        <GridMap code={selected} picked={picked} onPick={setPicked} onCount={setCount} />
      </Card>
      <Card size="small" title={t('terr.gridInfo')} style={{ width: 280, flex: 'none' }}>
        {picked ? (
          <GridInfo code={picked} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('terr.hint')} />
        )}
      </Card>
    </div>
  );
}
