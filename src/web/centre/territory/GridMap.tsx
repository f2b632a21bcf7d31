import type { Feature, FeatureCollection } from 'geojson';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { api } from '../../shared/api.js';
import { loadGrids } from '../common/data.js';
import { ok } from '../load.js';
import { createMap } from '../map/base.js';
import { escapeHtml } from '../cases/CaseMap.js';

const STYLE: L.PathOptions = { color: '#a8071a', weight: 1, fillOpacity: 0.35 };
/** Soft fills, one per village (or per grid inside one village), so they read as patches. */
const FILLS = [
  '#ffccc7',
  '#ffe7ba',
  '#d9f7be',
  '#bae0ff',
  '#efdbff',
  '#fff1b8',
  '#b5f5ec',
  '#ffd6e7',
  '#d6e4ff',
  '#f4ffb8',
];
const fillOf = (code: string) => FILLS[Number(code.slice(-3)) % FILLS.length]!;
const HOVER: L.PathOptions = { weight: 2.5, fillOpacity: 0.7 };
const PICKED: L.PathOptions = { color: '#1d39c4', weight: 3, fillColor: '#85a5ff', fillOpacity: 0.45 };

/**
 * The grids of a region (GET /grids?within=CODE, or GET /grids/{code} for one grid),
 * fitted to the view; hover shows the name, click picks the grid.
 */
export function GridMap({
  code,
  picked,
  onPick,
  onCount,
}: {
  code: string;
  picked: string | null;
  onPick: (code: string) => void;
  onCount: (n: number) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.GeoJSON | null>(null);
  const fillKey = useRef<(f?: Feature) => string>(() => '0');
  const pickedRef = useRef(picked);
  pickedRef.current = picked;

  useEffect(() => {
    const m = createMap(el.current!);
    map.current = m;
    const ro = new ResizeObserver(() => m.invalidateSize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      m.remove();
    };
  }, []);

  useEffect(() => {
    let live = true;
    const load: Promise<FeatureCollection> =
      code.length === 15
        ? ok(api.GET('/api/v1/grids/{code}', { params: { path: { code } } })).then((f) => ({
            type: 'FeatureCollection',
            features: [f as unknown as Feature],
          }))
        : loadGrids(code);
    load.then(
      (fc) => {
        const m = map.current;
        if (!live || !m) return;
        layer.current?.remove();
        // one village: colour grid by grid (and name them); several: village by village
        const oneVillage = new Set(fc.features.map((f) => f.properties?.villageCode)).size === 1;
        const keyOf = (f?: Feature) =>
          String((oneVillage ? f?.properties?.code : f?.properties?.villageCode) ?? '0');
        fillKey.current = keyOf;
        const styleOf = (f?: Feature) =>
          f?.properties?.code === pickedRef.current
            ? { ...STYLE, ...PICKED }
            : { ...STYLE, fillColor: fillOf(keyOf(f)) };
        const gj = L.geoJSON(fc, {
          style: styleOf,
          onEachFeature: (f, l) => {
            const p = f.properties as { code: string; name: string; villageName?: string };
            if (oneVillage && fc.features.length <= 40)
              l.bindTooltip(escapeHtml(p.name), {
                permanent: true,
                direction: 'center',
                className: 'wg-grid-label',
              });
            else
              l.bindTooltip(
                `<b>${escapeHtml(p.name)}</b>${p.villageName ? `<br/>${escapeHtml(p.villageName)}` : ''}`,
                { sticky: true },
              );
            l.on('mouseover', () => (l as L.Path).setStyle(HOVER));
            l.on('mouseout', () =>
              (l as L.Path).setStyle({
                weight: f.properties?.code === pickedRef.current ? 3 : 1,
                fillOpacity: f.properties?.code === pickedRef.current ? 0.45 : 0.35,
              }),
            );
            l.on('click', () => onPick(p.code));
          },
        }).addTo(m);
        layer.current = gj;
        onCount(fc.features.filter((f) => f.geometry).length);
        if (gj.getBounds().isValid()) m.fitBounds(gj.getBounds(), { padding: [16, 16] });
      },
      () => onCount(0),
    );
    return () => {
      live = false;
    };
    // onPick/onCount are stable setters from the page
  }, [code]);

  useEffect(() => {
    layer.current?.eachLayer((l) => {
      const f = (l as L.GeoJSON & { feature?: Feature }).feature;
      (l as L.Path).setStyle(
        f?.properties?.code === picked
          ? { ...STYLE, ...PICKED }
          : { ...STYLE, fillColor: fillOf(fillKey.current(f)) },
      );
      if (f?.properties?.code === picked) (l as L.Path).bringToFront();
    });
  }, [picked]);

  return <div ref={el} className="wg-map" style={{ height: '100%' }} data-testid="grid-map" />;
}
