import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { InputNumber, Space } from 'antd';
import { useEffect, useRef } from 'react';
import { createMap } from '../map/base.js';
import { useLang } from '../lang.js';

export type Point = { lng?: number; lat?: number };

/**
 * The station's place: a click on the map sets it (the marker moves there), or longitude and
 * latitude are typed; `around` centres the map when no point is set yet.
 */
export function PointPicker({
  value,
  onChange,
  around,
}: {
  value?: Point;
  onChange?: (p: Point) => void;
  around?: { lng: number; lat: number };
}) {
  const { t } = useLang();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.CircleMarker | null>(null);
  const change = useRef(onChange);
  change.current = onChange;

  useEffect(() => {
    const m = createMap(el.current!);
    map.current = m;
    m.on('click', (e: L.LeafletMouseEvent) =>
      change.current?.({ lng: round(e.latlng.lng), lat: round(e.latlng.lat) }),
    );
    return () => {
      map.current = null;
      marker.current = null;
      m.remove();
    };
  }, []);

  const lng = value?.lng;
  const lat = value?.lat;
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (lng === undefined || lat === undefined) {
      marker.current?.remove();
      marker.current = null;
      if (around) m.setView([around.lat, around.lng], 14);
      return;
    }
    const at = L.latLng(lat, lng);
    if (marker.current) marker.current.setLatLng(at);
    else
      marker.current = L.circleMarker(at, {
        radius: 8,
        color: '#fff',
        weight: 2,
        fillColor: '#c8102e',
        fillOpacity: 1,
      }).addTo(m);
    if (!m.getBounds().contains(at)) m.setView(at, Math.max(m.getZoom(), 14));
  }, [lng, lat, around?.lng, around?.lat]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <div
        ref={el}
        className="wg-map"
        style={{ height: 220, minHeight: 220 }}
        data-testid="station-point-map"
      />
      <Space>
        <InputNumber<number>
          addonBefore={t('st.lng')}
          min={73}
          max={136}
          step={0.0001}
          value={lng}
          onChange={(v) => onChange?.({ lng: v ?? undefined, lat })}
          data-testid="station-lng"
        />
        <InputNumber<number>
          addonBefore={t('st.lat')}
          min={3}
          max={54}
          step={0.0001}
          value={lat}
          onChange={(v) => onChange?.({ lng, lat: v ?? undefined })}
          data-testid="station-lat"
        />
      </Space>
    </Space>
  );
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
