import { useEffect, useRef } from 'react';
import L from 'leaflet';

const pin = L.divIcon({ className: 'pin', html: '<div></div>', iconSize: [28, 28], iconAnchor: [14, 34] });

/** The case's spot on a small map without tiles (like the report form's): a fixed pin. */
export function SpotMap({ lat, lng, label }: { lat: number; lng: number; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const m = L.map(el.current!, {
      attributionControl: false,
      zoomControl: true,
      center: [lat, lng],
      zoom: 17,
      maxZoom: 19,
      // a screen left while a zoom animates would remove the map mid-animation (Leaflet then reads
      // a removed pane's position): a small fixed map needs no animation
      zoomAnimation: false,
      fadeAnimation: false,
      markerZoomAnimation: false,
    });
    L.control.scale({ imperial: false }).addTo(m);
    L.marker([lat, lng], { icon: pin, keyboard: false, title: label }).addTo(m);
    return () => {
      m.remove();
    };
  }, [lat, lng, label]);
  return <div className="map" ref={el} role="img" aria-label={label} data-testid="spot-map" />;
}
