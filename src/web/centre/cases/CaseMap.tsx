import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { api } from '../../shared/api.js';
import { loadGrids } from '../common/data.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { createMap, WARNING_COLOURS, CLOSED_COLOUR } from '../map/base.js';
import { caseClusters, heat, popupElement, type MapPoint } from '../map/clusters.js';
import { appendCallButtons } from '../calls/popup-call.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import type { CaseItem } from '../types.js';

/**
 * Cases as markers clustered with counts (coloured by warning; closed grey) over the grid
 * polygons of `region` — readable without base tiles — with a heat layer to switch on. A click
 * opens the case's popup: its place from the territory (village, group, grid) and a link to it.
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
  const { t, label } = useLang();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const grids = useRef<L.GeoJSON | null>(null);
  const markers = useRef<L.MarkerClusterGroup | null>(null);
  const heatOn = useRef(false);
  const heatLayer = useRef<L.HeatLayer | null>(null);
  const byId = useRef(new Map<number, L.Marker>());
  const { can } = useSession();
  const texts = useRef<{ heat: string; open: string; call?: { video: string; voice: string } }>({
    heat: '',
    open: '',
  });
  texts.current = {
    heat: t('maps.layer.heat'),
    open: t('maps.openCase'),
    call: can('calls.place') ? { video: t('call.video'), voice: t('call.voice') } : undefined,
  };

  useEffect(() => {
    const m = createMap(el.current!);
    map.current = m;
    // the heat layer's switch, on the map itself
    const Toggle = L.Control.extend({
      onAdd: () => {
        const box = L.DomUtil.create('label', 'wg-map-toggle');
        const input = L.DomUtil.create('input', '', box);
        input.type = 'checkbox';
        input.dataset.testid = 'case-map-heat';
        box.append(` ${texts.current.heat}`);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.on(input, 'change', () => {
          heatOn.current = input.checked;
          if (input.checked) heatLayer.current?.addTo(m);
          else heatLayer.current?.remove();
        });
        return box;
      },
    });
    new Toggle({ position: 'topright' }).addTo(m);
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
    heatLayer.current?.remove();
    const byCase = new Map(items.map((c) => [c.id, c]));
    const points: MapPoint[] = items
      .filter((c) => c.lat !== null && c.lng !== null)
      .map((c) => ({
        id: c.id,
        lat: c.lat!,
        lng: c.lng!,
        closed: !!c.closedAt,
        warning: c.warning,
        tip: `${c.number}<br/>${escapeHtml(c.categoryName)} · ${label('state', c.state)}`,
      }));
    const { group, byId: ids } = caseClusters(points, (p, mk) => {
      const c = byCase.get(p.id)!;
      openCasePopup(
        mk,
        {
          id: c.id,
          number: c.number,
          category: c.categoryName,
          state: label('state', c.state),
          more: texts.current.open,
        },
        texts.current.call,
      );
    });
    byId.current = ids;
    group.addTo(m);
    markers.current = group;
    heatLayer.current = heat(points);
    if (heatOn.current) heatLayer.current.addTo(m);
    // the region's grids frame the view when drawn; otherwise frame the markers
    if (points.length && !grids.current) m.fitBounds(group.getBounds(), { padding: [30, 30], maxZoom: 15 });
  }, [items, label]);

  useEffect(() => {
    for (const [id, mk] of byId.current)
      mk.getElement()?.classList.toggle('wg-case-dot-highlight', id === highlight);
  }, [highlight, items]);

  return <div ref={el} className="wg-map" style={{ height }} data-testid="case-map" />;
}

/**
 * A case's popup on `marker`: number, category, state, and its place from the territory
 * (GET /map/cases/{id}/place — village, villagers' group, grid), filled in when it arrives.
 */
export function openCasePopup(
  marker: L.Marker,
  c: { id: number; number: string; category: string; state: string; place?: string; more: string },
  /** the call buttons' words, for callers who may call the case's grid worker (calls.place) */
  call?: { video: string; voice: string },
): void {
  const { box, place: slot, link } = popupElement({ ...c, place: c.place ?? null }, c.more);
  if (call) appendCallButtons(box, { about: { type: 'case', id: c.id } }, call);
  link.addEventListener('click', (e) => {
    e.preventDefault();
    navigate(`/cases/${c.id}`);
  });
  marker.unbindPopup().bindPopup(box, { minWidth: 180 }).openPopup();
  if (c.place) return;
  ok(api.GET('/api/v1/map/cases/{id}/place', { params: { path: { id: c.id } } })).then(
    (p) => (slot.textContent = p.text),
    () => (slot.textContent = '—'),
  );
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
