import type { Feature } from 'geojson';
import * as L from 'leaflet';
import { Radio, Select, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../shared/api.js';
import { loadGrids } from '../common/data.js';
import { useLang } from '../lang.js';
import { useSession } from '../session.js';
import { ok } from '../load.js';
import { createMap } from '../map/base.js';
import { clusterLayer } from '../map/density.js';
import { caseClusters, heat } from '../map/clusters.js';
import { countyOutline } from '../map/outline.js';
import { escapeHtml, openCasePopup } from '../cases/CaseMap.js';

const CHOICES = [
  ['case.reported', '上报数', 'Reported'],
  ['case.closure_rate', '结案率', 'Closure rate'],
  ['case.on_time_closure_rate', '按期结案率', 'On-time closure rate'],
  ['case.overdue_now', '当前超期', 'Overdue now'],
  ['case.satisfaction_rate', '满意率', 'Satisfaction rate'],
] as const;

/** The days a period covers, for the clusters and the heat map. */
const DAYS: Record<string, number> = { day: 1, week: 7, month: 31, quarter: 92, year: 366 };

/** A colour from pale to deep red by the value's place between the lowest and the highest. */
const shade = (x: number | null | undefined, lo: number, hi: number) => {
  if (x == null) return '#f0f0f0';
  const f = hi === lo ? 0.5 : (x - lo) / (hi - lo);
  const light = Math.round(92 - f * 52);
  return `hsl(4, 75%, ${light}%)`;
};

/**
 * The grids of the region coloured by a chosen indicator of its child units (townships of a
 * county, villages of a township, grids of a village); a click drills into the unit.
 */
export function DashMap({
  region,
  childLength,
  period,
  onDrill,
}: {
  region: string;
  childLength: number | null;
  period: string;
  onDrill: (code: string) => void;
}) {
  const { lang, t, label } = useLang();
  const { can } = useSession();
  const [mode, setMode] = useState<'shade' | 'clusters' | 'heat'>('shade');
  const overlay = useRef<L.Layer | null>(null);
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.GeoJSON | null>(null);
  const [code, setCode] = useState<string>('case.reported');

  useEffect(() => {
    const m = createMap(el.current!);
    map.current = m;
    return () => {
      m.remove();
    };
  }, []);

  useEffect(() => {
    let live = true;
    const len = childLength ?? region.length;
    Promise.all([
      loadGrids(region),
      childLength
        ? ok(
            api.GET('/api/v1/indicators/breakdown', {
              params: { query: { code, by: 'region', region, period: period as 'month' } },
            }),
          )
        : Promise.resolve({ items: [] as { key: string; value: number | null; name: string }[] }),
    ]).then(([fc, br]) => {
      const m = map.current;
      if (!live || !m) return;
      const values = new Map(br.items.map((i) => [i.key, i]));
      const nums = br.items.map((i) => i.value).filter((x): x is number => x != null);
      const lo = Math.min(...nums, 0);
      const hi = Math.max(...nums, 0);
      layer.current?.remove();
      const keyOf = (f?: Feature) => String(f?.properties?.code ?? '').slice(0, len);
      layer.current = L.geoJSON(fc, {
        style: (f) => ({
          color: '#7f1d1d',
          weight: 0.6,
          fillOpacity: mode === 'shade' ? 0.8 : 0.15,
          fillColor: mode === 'shade' ? shade(values.get(keyOf(f))?.value, lo, hi) : '#ffffff',
        }),
        onEachFeature: (f, l) => {
          const k = keyOf(f);
          const v = values.get(k);
          l.bindTooltip(
            `<b>${escapeHtml(v?.name ?? String(f.properties?.name ?? k))}</b><br/>${v?.value ?? '—'}`,
            {
              sticky: true,
            },
          );
          if (childLength) l.on('click', () => onDrill(k));
        },
      }).addTo(m);
      if (layer.current.getBounds().isValid()) m.fitBounds(layer.current.getBounds(), { padding: [8, 8] });
    });
    return () => {
      live = false;
    };
    // onDrill navigates; stable enough for this page
  }, [region, childLength, period, code, mode]);

  // the county's real outline (where one is shipped) over the county's map
  useEffect(() => {
    let live = true;
    let drawn: L.GeoJSON | null = null;
    if (region.length === 6)
      void countyOutline(region).then((o) => {
        if (!live || !o || !map.current) return;
        drawn = o.addTo(map.current);
        map.current.getContainer().dataset.outline = region;
      });
    return () => {
      live = false;
      drawn?.remove();
      if (map.current) delete map.current.getContainer().dataset.outline;
    };
  }, [region]);

  // clusters and heat. Over a county or township: the server's counts by child region (badges;
  // a click drills in) and its ~500 m cells (GET /map/cases). Over a village or grid: the cases
  // themselves (GET /map/case-points), clustered by distance and splitting on zoom, each with its
  // place (village, group, grid) in its popup; the heat map from the same points.
  useEffect(() => {
    let live = true;
    overlay.current?.remove();
    overlay.current = null;
    if (mode === 'shade') return;
    const query = { region, days: DAYS[period] ?? 31 };
    const show = (l: L.Layer) => {
      const m = map.current;
      if (!live || !m) return;
      overlay.current = l.addTo(m);
    };
    if (region.length >= 12)
      ok(api.GET('/api/v1/map/case-points', { params: { query } })).then(
        (d) => {
          if (mode === 'heat') return show(heat(d.items));
          const { group } = caseClusters(
            d.items.map((p) => ({
              id: p.id,
              lat: p.lat,
              lng: p.lng,
              closed: p.state === 'closed',
              warning: p.warning,
              tip: `${escapeHtml(p.number)}<br/>${escapeHtml(lang === 'zh' ? p.category : p.categoryEn)}`,
            })),
            (p, mk) => {
              const c = d.items.find((i) => i.id === p.id)!;
              openCasePopup(
                mk,
                {
                  id: c.id,
                  number: c.number,
                  category: lang === 'zh' ? c.category : c.categoryEn,
                  state: label('state', c.state),
                  place: c.place,
                  more: t('maps.openCase'),
                },
                can('calls.place') ? { video: t('call.video'), voice: t('call.voice') } : undefined,
              );
            },
          );
          show(group);
        },
        () => undefined,
      );
    else
      ok(api.GET('/api/v1/map/cases', { params: { query } })).then(
        (d) =>
          show(
            mode === 'clusters'
              ? clusterLayer(
                  d,
                  (c) =>
                    t('maps.clusterTip', { name: c.name, count: c.count, open: c.open, overdue: c.overdue }),
                  childLength ? onDrill : undefined,
                )
              : heat(d.heat, Math.max(1, ...d.heat.map((h) => h.n)) / 2),
          ),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [mode, region, period, childLength]);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Radio.Group
        size="small"
        value={mode}
        onChange={(e) => setMode(e.target.value as typeof mode)}
        data-testid="dash-map-mode"
      >
        {(['shade', 'clusters', 'heat'] as const).map((k) => (
          <Radio.Button key={k} value={k} data-testid={`dash-map-${k}`}>
            {t(`maps.layer.${k}`)}
          </Radio.Button>
        ))}
      </Radio.Group>
      <Select
        size="small"
        value={code}
        onChange={setCode}
        style={{ width: 200 }}
        options={CHOICES.map(([c, zh, en]) => ({ value: c, label: lang === 'zh' ? zh : en }))}
        data-testid="dash-map-indicator"
      />
      <div ref={el} style={{ height: 360, width: '100%', background: '#f5f5f5' }} data-testid="dash-map" />
    </Space>
  );
}
