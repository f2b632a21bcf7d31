import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Spot } from '../offline/db.js';
import type { Outline } from '../types.js';

const pin = L.divIcon({ className: 'pin', html: '<div></div>', iconSize: [28, 28], iconAnchor: [14, 34] });

/**
 * A small Leaflet map without tiles (the county's phones may have no internet
 * maps): the grid's outline when known, and a pin to drag or tap-to-move.
 */
export function MapView({
  spot,
  polygon,
  onMove,
}: {
  spot: Spot;
  polygon: Outline | null;
  onMove: (lat: number, lng: number) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.Marker | null>(null);
  const outline = useRef<L.GeoJSON | null>(null);
  const move = useRef(onMove);
  move.current = onMove;

  useEffect(() => {
    const m = L.map(el.current!, {
      attributionControl: false,
      zoomControl: true,
      center: [spot.lat, spot.lng],
      zoom: 16,
      maxZoom: 19,
      // leaving the screen mid-animation would remove the map under a running zoom (SpotMap.tsx)
      zoomAnimation: false,
      fadeAnimation: false,
      markerZoomAnimation: false,
    });
    L.control.scale({ imperial: false }).addTo(m);
    m.on('click', (e: L.LeafletMouseEvent) => move.current(e.latlng.lat, e.latlng.lng));
    marker.current = L.marker([spot.lat, spot.lng], { draggable: true, icon: pin, autoPan: true })
      .on('dragend', (e) => {
        const p = (e.target as L.Marker).getLatLng();
        move.current(p.lat, p.lng);
      })
      .addTo(m);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
    // the map is made once; later changes are applied below
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m || !marker.current) return;
    marker.current.setLatLng([spot.lat, spot.lng]);
    if (!m.getBounds().pad(-0.1).contains([spot.lat, spot.lng])) m.panTo([spot.lat, spot.lng]);
  }, [spot.lat, spot.lng]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    outline.current?.remove();
    outline.current = null;
    if (!polygon) return;
    outline.current = L.geoJSON(polygon as GeoJSON.Geometry, {
      style: { color: '#c8102e', weight: 2, fillColor: '#c8102e', fillOpacity: 0.06 },
      interactive: false,
    }).addTo(m);
    const b = outline.current.getBounds();
    if (b.isValid() && b.contains([spot.lat, spot.lng])) m.fitBounds(b, { padding: [12, 12], maxZoom: 17 });
    // only when the outline changes
  }, [polygon]);

  return <div className="map" ref={el} data-testid="map" />;
}
