import { Button, Col, List, Row, Space, Statistic, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { createMap } from '../map/base.js';
import { useSession } from '../session.js';

type Outside =
  paths['/api/v1/stations/coverage/outside']['get']['responses'][200]['content']['application/json']['items'][number];
const PAGE = 50;

/** The 500 m circle of a scope: the share within, the map (stations, circles, groups outside), candidates, the list outside. */
export function CoverageTab({ within }: { within?: string }) {
  const { t } = useLang();
  const { can } = useSession();
  const [page, setPage] = useState(1);
  const q = { within };
  const cov = useLoad(() => ok(api.GET('/api/v1/stations/coverage', { params: { query: q } })), [within]);
  const cands = useLoad(
    () => ok(api.GET('/api/v1/stations/candidates', { params: { query: { within, count: 5 } } })),
    [within],
  );
  const out = useLoad(
    () =>
      ok(
        api.GET('/api/v1/stations/coverage/outside', {
          params: { query: { within, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    [within, page],
  );
  const c = cov.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {c && (
        <Row gutter={16} data-testid="coverage-stats">
          <Col span={4}>
            <Statistic title={t('st.households')} value={c.households} />
          </Col>
          <Col span={4}>
            <Statistic title={t('st.placed')} value={c.placed} />
          </Col>
          <Col span={4}>
            <Statistic title={t('st.within')} value={c.within} />
          </Col>
          <Col span={4}>
            <Statistic title={t('st.outside')} value={c.outside} />
          </Col>
          <Col span={4}>
            <Statistic
              title={t('st.share')}
              value={c.share === null ? '—' : (c.share * 100).toFixed(1)}
              suffix={c.share === null ? '' : '%'}
            />
          </Col>
        </Row>
      )}
      {c && <div style={{ color: '#888' }}>{t('st.detour', { f: c.detourFactor, r: 385 })}</div>}
      <CoverageMap within={within} candidates={cands.data?.items ?? []} />
      <List
        size="small"
        header={t('st.candidates')}
        dataSource={cands.data?.items ?? []}
        data-testid="coverage-candidates"
        renderItem={(x) => (
          <List.Item>
            {x.gridName} {x.name} — {t('st.covers')} {x.covers}
          </List.Item>
        )}
      />
      {can('stations.export') && (
        <Button
          icon={<DownloadOutlined />}
          href={`/api/v1/stations/coverage/outside/export.xlsx${within ? `?within=${within}` : ''}`}
          data-testid="coverage-export"
        >
          {t('st.export')}
        </Button>
      )}
      <Table<Outside>
        rowKey="householdId"
        size="small"
        loading={out.loading}
        dataSource={out.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: out.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: t('st.grid'), dataIndex: 'gridName', width: 180 },
          { title: t('st.unit'), dataIndex: 'unitName', width: 110 },
          { title: t('st.address'), dataIndex: 'address' },
          { title: t('st.nearest'), dataIndex: 'nearestStationName', width: 200 },
          { title: t('st.walk'), dataIndex: 'walkingMetres', width: 90 },
        ]}
      />
    </Space>
  );
}

function CoverageMap({
  within,
  candidates,
}: {
  within?: string;
  candidates: { lng: number; lat: number; name: string; covers: number }[];
}) {
  const el = useRef<HTMLDivElement>(null);
  const { t } = useLang();
  useEffect(() => {
    const map = createMap(el.current!);
    let live = true;
    ok(api.GET('/api/v1/stations/coverage/map', { params: { query: { within } } })).then(
      (m) => {
        if (!live) return;
        const group = L.featureGroup().addTo(map);
        for (const o of m.outside)
          L.circleMarker([o.lat, o.lng], { radius: 4, color: '#c8102e', weight: 1, fillOpacity: 0.8 })
            .bindTooltip(`${o.name} · ${o.households} ${t('st.households')}`)
            .addTo(group);
        for (const s of m.stations) {
          L.circle([s.lat, s.lng], {
            radius: m.radiusMetres,
            color: '#1677ff',
            weight: 1,
            fillOpacity: 0.08,
          }).addTo(map);
          L.circleMarker([s.lat, s.lng], {
            radius: 6,
            color: '#fff',
            weight: 2,
            fillColor: '#1677ff',
            fillOpacity: 1,
          })
            .bindTooltip(s.name)
            .addTo(map);
        }
        for (const c of candidates)
          L.circleMarker([c.lat, c.lng], { radius: 7, color: '#52c41a', weight: 3, fillOpacity: 0 })
            .bindTooltip(`${c.name} +${c.covers}`)
            .addTo(group);
        if (group.getLayers().length > 0)
          map.fitBounds(group.getBounds(), { padding: [16, 16], maxZoom: 15 });
      },
      () => undefined,
    );
    return () => {
      live = false;
      map.remove();
    };
  }, [within, candidates, t]);
  return <div ref={el} className="wg-map" style={{ height: 420 }} data-testid="coverage-map" />;
}
