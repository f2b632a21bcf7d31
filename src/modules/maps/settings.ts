import type { Selectable } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import type { MapSetting } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import './errors.js';
import type { BaseMap, MapSettings, MapSettingsBody } from './schemas.js';

const TIANDITU = (layer: 'vec' | 'cva', key: string) =>
  `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
  `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${key}`;
const EIGHT = ['0', '1', '2', '3', '4', '5', '6', '7'];

/**
 * The base map a county's setting names. 天地图 (CGCS2000, taken as WGS-84 at map scale) draws
 * its road layer with the annotation layer over it; 高德 road tiles are GCJ-02, so the web
 * shifts markers and polygons onto them; 'none' draws the grid polygons alone.
 */
export function baseMapOf(
  s: Pick<Selectable<MapSetting>, 'tiles' | 'tianditu_key' | 'custom_url' | 'custom_crs'> | undefined,
): BaseMap {
  switch (s?.tiles) {
    case 'tianditu':
      return {
        tiles: 'tianditu',
        crs: 'wgs84',
        layers: [
          { url: TIANDITU('vec', s.tianditu_key!), subdomains: EIGHT, attribution: '天地图 GS(2024)0568号' },
          { url: TIANDITU('cva', s.tianditu_key!), subdomains: EIGHT, attribution: '' },
        ],
      };
    case 'amap':
      return {
        tiles: 'amap',
        crs: 'gcj02',
        layers: [
          {
            url: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
            subdomains: ['1', '2', '3', '4'],
            attribution: '高德地图',
          },
        ],
      };
    case 'custom':
      return {
        tiles: 'custom',
        crs: s.custom_crs as 'wgs84' | 'gcj02',
        layers: [{ url: s.custom_url!, subdomains: ['a', 'b', 'c'], attribution: '' }],
      };
    default:
      return { tiles: 'none', crs: 'wgs84', layers: [] };
  }
}

export async function findSetting(db: DbOrTx, countyCode: string) {
  return db.selectFrom('map_setting').selectAll().where('county_code', '=', countyCode).executeTakeFirst();
}

function toSettings(row: Selectable<MapSetting> | undefined): MapSettings {
  return {
    ...baseMapOf(row),
    tiandituKey: row?.tianditu_key ?? null,
    customUrl: row?.custom_url ?? null,
    customCrs: (row?.custom_crs as 'wgs84' | 'gcj02' | undefined) ?? 'wgs84',
    publicMap: row?.public_map ?? false,
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
  };
}

/** A county's map settings; a county that never set them draws polygons alone and publishes nothing. */
export async function readMapSettings(db: Db, countyCode: string): Promise<MapSettings> {
  return toSettings(await findSetting(db, countyCode));
}

/** Sets the county's base map and public map, audited in the same transaction. */
export async function writeMapSettings(
  db: Db,
  actor: Actor,
  body: MapSettingsBody,
  requestId: string,
): Promise<MapSettings> {
  if (actor.scopeCode !== actor.countyCode) throw new AppError('MAP_COUNTY_ONLY');
  if (body.tiles === 'tianditu' && !body.tiandituKey) throw new AppError('MAP_TIANDITU_KEY_REQUIRED');
  if (body.tiles === 'custom' && !body.customUrl) throw new AppError('MAP_CUSTOM_URL_REQUIRED');
  return db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('map_setting')
      .select(['tiles', 'public_map'])
      .where('county_code', '=', actor.countyCode)
      .forUpdate()
      .executeTakeFirst();
    const values = {
      tiles: body.tiles,
      tianditu_key: body.tiandituKey ?? null,
      custom_url: body.customUrl ?? null,
      custom_crs: body.customCrs ?? 'wgs84',
      public_map: body.publicMap,
      updated_by: actor.accountId,
      updated_at: new Date(),
    };
    const row = await tx
      .insertInto('map_setting')
      .values({ county_code: actor.countyCode, ...values })
      .onConflict((oc) => oc.column('county_code').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'map_setting.update',
      entityType: 'map_setting',
      entityId: actor.countyCode,
      before: before ? { tiles: before.tiles, publicMap: before.public_map } : null,
      after: { tiles: body.tiles, publicMap: body.publicMap },
      requestId,
    });
    return toSettings(row);
  });
}
