import type { DbOrTx } from '../../platform/db/database.js';
import { OPEN_STATES } from '../cases/index.js';
import { casePhotoOfPhase, photoUrl } from '../photos/index.js';
import { w3c, type Item } from './format.js';
import { withoutMedia } from './media-text.js';
import { actionName, coreStatus, extendedStatus, isRestricted, PUBLIC_ACTIONS } from './status.js';
import { maskPiiText } from '../../platform/pii-text.js';

/**
 * Cases as Open311 service requests. service_request_id is the case number
 * (e.g. 211221-20221228-000123, what residents are told); address_id is the grid code.
 * Nothing about the reporter is ever selected here.
 */
export type RequestFilter = {
  countyCode: string;
  ids?: string[];
  serviceCodes?: string[];
  from?: Date;
  to?: Date;
  status?: Array<'open' | 'closed'>;
  limit: number;
};

export async function findRequests(db: DbOrTx, f: RequestFilter) {
  let q = db
    .selectFrom('cases as c')
    .innerJoin('category as cat', 'cat.code', 'c.category_code')
    .innerJoin('region as h', 'h.code', 'c.holder_code')
    .leftJoin('department as d', (j) =>
      j.onRef('d.county_code', '=', 'c.county_code').onRef('d.id', '=', 'c.department_id'),
    )
    .leftJoin('open311_request as o', (j) =>
      j.onRef('o.county_code', '=', 'c.county_code').onRef('o.case_id', '=', 'c.id'),
    )
    .select([
      'c.id',
      'c.number',
      'c.source',
      'c.state',
      'c.tier',
      'c.description',
      'c.address',
      'c.lat',
      'c.lng',
      'c.grid_code',
      'c.deadline_at',
      'c.reported_at',
      'c.updated_at',
      'c.closed_at',
      'cat.code as service_code',
      'cat.name as service_name',
      'cat.kind',
      'h.name as holder_name',
      'd.name as department_name',
      'o.media_urls',
    ])
    .where('c.county_code', '=', f.countyCode);
  if (f.ids) {
    q = q.where('c.number', 'in', f.ids.length ? f.ids : ['']);
  } else {
    if (f.serviceCodes?.length) q = q.where('c.category_code', 'in', f.serviceCodes);
    if (f.from) q = q.where('c.reported_at', '>=', f.from);
    if (f.to) q = q.where('c.reported_at', '<=', f.to);
    if (f.status?.length === 1)
      q = q.where('c.state', f.status[0] === 'open' ? 'in' : 'not in', [...OPEN_STATES]);
  }
  const rows = await q.orderBy('c.reported_at', 'desc').orderBy('c.id', 'desc').limit(f.limit).execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [last, firstPhoto] = await Promise.all([
    // the latest public step of each case: status_notes and the extended status
    db
      .selectFrom('case_history')
      .select(['case_id', 'action'])
      .distinctOn('case_id')
      .where('county_code', '=', f.countyCode)
      .where('case_id', 'in', ids)
      .where('action', 'in', ['report', ...PUBLIC_ACTIONS.filter((a) => a !== 'comment')])
      .orderBy('case_id')
      .orderBy('id', 'desc')
      .execute(),
    // the first photo taken before handling
    casePhotoOfPhase(db, f.countyCode, ids, 'before', 'first'),
  ]);
  const lastAction = new Map(last.map((h) => [h.case_id, h.action]));
  return rows.map((r) => ({
    ...r,
    last_action: lastAction.get(r.id) ?? null,
    photo_id: firstPhoto.get(r.id) ?? null,
  }));
}

export type RequestRow = Awaited<ReturnType<typeof findRequests>>[number];

/** Who handles it now: the department it was dispatched to, else the tier's own office. */
export function agencyOf(r: Pick<RequestRow, 'department_name' | 'tier' | 'holder_name'>): string {
  if (r.department_name) return r.department_name;
  if (r.tier === 'county') return `${r.holder_name}综治中心`;
  if (r.tier === 'township') return `${r.holder_name}指挥中心`;
  return r.holder_name; // the village (community) committee
}

/** media_url: the photo's one address, absolute on the server that answered (`base` is Open311's root). */
export const mediaUrl = (base: string, photoId: string) =>
  `${base.replace(/\/open311\/v2$/, '')}${photoUrl(photoId, 'public')}`;

/**
 * Open311 publishes a case's before and after photos (their EXIF-stripped copy) to
 * anyone, unless the case is restricted (its source or category kind is not public).
 */
export async function publishedCasePhoto(
  db: DbOrTx,
  countyCode: string,
  caseId: number,
  phase: string,
): Promise<boolean> {
  if (phase !== 'before' && phase !== 'after') return false;
  const c = await db
    .selectFrom('cases as c')
    .innerJoin('category as cat', 'cat.code', 'c.category_code')
    .select(['c.source', 'cat.kind'])
    .where('c.county_code', '=', countyCode)
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  return c !== undefined && !isRestricted(c);
}

/** One request in the spec's field order; `extensions` adds extended_attributes. */
export function toRequest(r: RequestRow, base: string, extensions: boolean): Item {
  const status = coreStatus(r.state);
  const hidden = isRestricted(r);
  const description = hidden ? null : withoutMedia(r.description, r.media_urls ?? []).trim();
  const item: Item = {
    service_request_id: r.number,
    status,
    status_notes: r.last_action ? actionName(r.last_action) : null,
    service_name: r.service_name,
    service_code: r.service_code,
    description: description ? maskPiiText(description) : null,
    agency_responsible: agencyOf(r),
    service_notice: null,
    requested_datetime: w3c(r.reported_at),
    updated_datetime: w3c(status === 'closed' ? (r.closed_at ?? r.updated_at) : r.updated_at),
    expected_datetime: status === 'open' ? w3c(r.deadline_at) : null,
    address: hidden || !r.address ? null : maskPiiText(r.address),
    address_id: hidden ? null : r.grid_code,
    zipcode: null,
    lat: hidden ? null : r.lat,
    long: hidden ? null : r.lng,
    media_url: hidden ? null : r.photo_id ? mediaUrl(base, r.photo_id) : (r.media_urls?.[0] ?? null),
  };
  if (extensions)
    item.extended_attributes = {
      status: extendedStatus(r.state, r.last_action),
      external_status_code: r.state,
    };
  return item;
}
