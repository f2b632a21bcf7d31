import type { Feature } from 'geojson';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import { useLang } from '../lang.js';
import { api } from '../../shared/api.js';
import { ok } from '../load.js';
import { CLOSED_COLOUR, createMap, WARNING_COLOURS } from '../map/base.js';
import type { CaseDetail } from '../types.js';

/** The case's grid (GET /grids/{code}) with the reported point on it. */
export function CaseLocation({ c, showGrid }: { c: CaseDetail; showGrid: boolean }) {
  const el = useRef<HTMLDivElement>(null);
  const { t } = useLang();
  // the address from the territory (township, village, villagers' group, grid), not bare coordinates
  const [place, setPlace] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    ok(api.GET('/api/v1/map/cases/{id}/place', { params: { path: { id: c.id } } })).then(
      (p) => live && setPlace(p.text),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [c.id, c.gridCode]);
  useEffect(() => {
    const map = createMap(el.current!);
    let live = true;
    const point = c.lat !== null && c.lng !== null ? L.latLng(c.lat, c.lng) : null;
    if (point) {
      L.circleMarker(point, {
        radius: 8,
        color: '#fff',
        weight: 2,
        fillColor: c.closedAt ? CLOSED_COLOUR : (WARNING_COLOURS[c.warning] ?? '#1677ff'),
        fillOpacity: 1,
      })
        .bindTooltip(c.address ?? c.gridName)
        .addTo(map);
      map.setView(point, 15);
    }
    if (showGrid)
      ok(api.GET('/api/v1/grids/{code}', { params: { path: { code: c.gridCode } } })).then(
        (g) => {
          if (!live || !g.geometry) return;
          const layer = L.geoJSON(g as unknown as Feature, {
            style: { color: '#c8102e', weight: 2, fillColor: '#c8102e', fillOpacity: 0.06 },
          })
            .bindTooltip(g.properties.name, { sticky: true })
            .addTo(map);
          layer.bringToBack();
          map.fitBounds(layer.getBounds(), { padding: [16, 16] });
        },
        () => undefined,
      );
    return () => {
      live = false;
      map.remove();
    };
  }, [c.id, c.lat, c.lng, c.gridCode, c.warning, c.closedAt, c.address, c.number, showGrid]);
  return (
    <>
      {place && (
        <div style={{ marginBottom: 4 }} data-testid="case-place">
          {t('maps.place')}：{place}
          {c.address ? ` · ${c.address}` : ''}
        </div>
      )}
      <div ref={el} className="wg-map" style={{ height: 260, minHeight: 260 }} data-testid="case-location" />
    </>
  );
}
