import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { loadGrids } from '../common/data.js';
import { useLang } from '../lang.js';
import { CLOSED_COLOUR, createMap, WARNING_COLOURS } from '../map/base.js';
import { navigate } from '../router.js';
import type { CaseItem } from '../types.js';

/**
 * Cases as circle markers (coloured by warning; closed grey) over the grid
 * polygons of `region` — readable without base tiles. Click → case detail.
 */
export function CaseMap({
  items,
  region,
  highlight,
  height = '100%',
}: {
  items: CaseItem[];
  region?: string;
  highlight?: number | null;
  height?: number | string;
}) {
  const { label } = useLang();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const grids = useRef<L.GeoJSON | null>(null);
  const markers = useRef<L.FeatureGroup | null>(null);
  const byId = useRef(new Map<number, L.CircleMarker>());

  useEffect(() => {
    const m = createMap(el.current!);
    map.current = m;
    // the view switch and window resizes change the box: keep the region framed
    const ro = new ResizeObserver(() => {
      m.invalidateSize();
      const b = grids.current?.getBounds();
      if (b?.isValid()) m.fitBounds(b, { padding: [12, 12] });
    });
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    let live = true;
    if (!region) return;
    loadGrids(region).then(
      (fc) => {
        if (!live || !map.current) return;
        grids.current?.remove();
        grids.current = L.geoJSON(fc, {
          style: { color: '#8c8c8c', weight: 1, fillColor: '#ffffff', fillOpacity: 0.6 },
          interactive: false,
        }).addTo(map.current);
        grids.current.bringToBack();
        if (grids.current.getBounds().isValid())
          map.current.fitBounds(grids.current.getBounds(), { padding: [12, 12] });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [region]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    markers.current?.remove();
    byId.current.clear();
    const group = L.featureGroup();
    for (const c of items) {
      if (c.lat === null || c.lng === null) continue;
      const colour = c.closedAt ? CLOSED_COLOUR : (WARNING_COLOURS[c.warning] ?? WARNING_COLOURS.none!);
      const mk = L.circleMarker([c.lat, c.lng], {
        radius: 7,
        color: '#fff',
        weight: 2,
        fillColor: colour,
        fillOpacity: 0.95,
      })
        .bindTooltip(`${c.number}<br/>${escapeHtml(c.categoryName)} · ${label('state', c.state)}`, {
          direction: 'top',
        })
        .on('click', () => navigate(`/cases/${c.id}`));
      byId.current.set(c.id, mk);
      group.addLayer(mk);
    }
    group.addTo(m);
    markers.current = group;
    // the region's grids frame the view when drawn; otherwise frame the markers
    if (group.getLayers().length && !grids.current)
      m.fitBounds(group.getBounds(), { padding: [30, 30], maxZoom: 15 });
  }, [items, label]);

  useEffect(() => {
    for (const [id, mk] of byId.current)
      mk.setStyle({
        radius: id === highlight ? 11 : 7,
        weight: id === highlight ? 3 : 2,
        color: id === highlight ? '#000' : '#fff',
      });
    if (highlight) byId.current.get(highlight)?.bringToFront();
  }, [highlight, items]);

  return <div ref={el} className="wg-map" style={{ height }} data-testid="case-map" />;
}

/** What the marker colours mean. */
export function MapLegend() {
  const { t, label } = useLang();
  const dot = (c: string) => (
    <span
      style={{
        display: 'inline-block',
        width: 10,
        height: 10,
        borderRadius: 5,
        background: c,
        marginInlineEnd: 4,
        verticalAlign: -1,
      }}
    />
  );
  return (
    <span style={{ fontSize: 12, color: '#595959', display: 'flex', gap: 12, flexWrap: 'wrap' }}>
      {(['overdue', 'red', 'yellow', 'none'] as const).map((w) => (
        <span key={w}>
          {dot(WARNING_COLOURS[w]!)}
          {label('warning', w)}
        </span>
      ))}
      <span>
        {dot(CLOSED_COLOUR)}
        {label('state', 'closed')}
      </span>
      <span>{t('map.noCoords')}</span>
    </span>
  );
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
