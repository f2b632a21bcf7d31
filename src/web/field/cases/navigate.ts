import gcoordModule from 'gcoord';

/** gcoord is CommonJS: the bundler may hand over the module or its default (as in platform/geo/coords.ts). */
type Gcoord = typeof gcoordModule;
const gcoord: Gcoord =
  'transform' in gcoordModule ? gcoordModule : (gcoordModule as unknown as { default: Gcoord }).default;

export type NavLinks = { geo: string; amap: string; baidu: string };

/**
 * Links that open the phone's map app at the spot, ready to navigate there. The case is stored in
 * WGS-84 (GPS): `geo:` (RFC 5870) takes it as it is; 高德 (Amap) wants GCJ-02 and 百度 BD-09,
 * converted with gcoord like the server does. Amap's scheme differs between iOS and Android.
 */
export function navigationLinks(lat: number, lng: number, name: string, ios: boolean): NavLinks {
  const [gLng, gLat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  const [bLng, bLat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.BD09) as [number, number];
  const n = encodeURIComponent(name);
  const f = (x: number) => x.toFixed(6);
  const amapQuery = `sourceApplication=wangge&dlat=${f(gLat)}&dlon=${f(gLng)}&dname=${n}&dev=0&t=0`;
  return {
    geo: `geo:${f(lat)},${f(lng)}?q=${f(lat)},${f(lng)}(${n})`,
    amap: ios ? `iosamap://path?${amapQuery}` : `amapuri://route/plan/?${amapQuery}`,
    baidu:
      `baidumap://map/direction?destination=latlng:${f(bLat)},${f(bLng)}|name:${n}` +
      `&coord_type=bd09ll&mode=driving&src=wangge.field`,
  };
}

export const isIos = () => /iPhone|iPad|iPod/i.test(navigator.userAgent);
