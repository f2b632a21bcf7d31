import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const MAP_ERRORS = {
  MAP_TIANDITU_KEY_REQUIRED: [
    400,
    '使用天地图须填写天地图密钥',
    'Tianditu tiles need the county’s Tianditu key',
  ],
  MAP_CUSTOM_URL_REQUIRED: [
    400,
    '自定义底图须填写瓦片地址（含 {z}/{x}/{y}）',
    'Custom tiles need a tile URL template with {z}/{x}/{y}',
  ],
  MAP_COUNTY_ONLY: [
    403,
    '底图设置须由县级管理员修改',
    'Only a county-level administrator changes the map settings',
  ],
  PUBLIC_MAP_UNAVAILABLE: [404, '该县未公开问题地图', 'This county does not publish a map of reports'],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(MAP_ERRORS);

type MapErrors = typeof MAP_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends MapErrors {}
}
