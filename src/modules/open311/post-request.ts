import { recordAudit } from '../audit/index.js';
import { reportCase, caseDeps } from '../cases/index.js';
import type { Open311Deps } from './context.js';
import { badRequest, forbidden, notFound } from './format.js';
import { markKeyUsed, verifyKey, type Open311Key } from './keys.js';
import { gridOfAddressId, gridOfAddressString } from './locate.js';
import { checkMediaUrl, withMedia } from './media-text.js';
import { attributes, jurisdiction, many, one, type Params } from './params.js';

/**
 * The api_key of a write: missing, unknown or revoked → 403; a key of another county
 * than the jurisdiction_id named → 403 (the key is not valid there). Without
 * jurisdiction_id the key's county is meant.
 */
export async function authorizeKey(ctx: Open311Deps, p: Params): Promise<Open311Key> {
  const juris = await jurisdiction(ctx.db, p, false);
  const value = one(p, 'api_key');
  if (!value) throw forbidden('api_key is missing -- an API key is required for this call');
  const key = await verifyKey(ctx.db, value);
  if (!key) throw forbidden('Invalid api_key received -- the key is unknown or revoked');
  if (juris && juris !== key.countyCode) throw forbidden(`api_key is not valid for jurisdiction_id ${juris}`);
  return key;
}

const DECIMAL = /^[+-]?\d{1,3}(?:\.\d+)?$/;

function coordinate(name: 'lat' | 'long', value: string, max: number): number {
  const n = DECIMAL.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || Math.abs(n) > max)
    throw badRequest(
      `${name} must be a WGS-84 ${name === 'lat' ? 'latitude' : 'longitude'} in decimal degrees (-${max} to ${max})`,
    );
  return n;
}

/** Given and family name as the person wrote them: 张 + 三 → 张三, John + Smith → John Smith. */
function fullName(first?: string, last?: string): string | undefined {
  if (!first && !last) return undefined;
  const cjk = /[\u3400-\u9fff]/.test(`${first ?? ''}${last ?? ''}`);
  return (cjk ? `${last ?? ''}${first ?? ''}` : [first, last].filter(Boolean).join(' ')).slice(0, 40);
}

/** Digits of a phone number (+86 and separators dropped); 5–20 digits or 400. */
function phoneNumber(v?: string): string | undefined {
  if (!v) return undefined;
  const digits = v.replace(/[\s().-]/g, '').replace(/^(?:\+|00)86(?=1\d{10}$)/, '');
  if (!/^\+?\d{5,20}$/.test(digits)) throw badRequest('phone is not a phone number');
  return digits;
}

export function mediaUrls(p: Params): string[] {
  const urls = many(p, 'media_url').map((u) => {
    const ok = checkMediaUrl(u);
    if (!ok) throw badRequest('media_url must be an absolute http(s) URL');
    return ok;
  });
  if (urls.length > 5) throw badRequest('at most 5 media_url values are accepted');
  return urls;
}

/**
 * POST requests: validates the Open311 arguments, then reports the case through the
 * cases module (source open311, waiting to be filed at its village) and records which
 * key created it. email, device_id and account_id are not stored (no use for them);
 * a phone number is kept encrypted as the reporter's contact for call-backs.
 */
export async function postRequest(
  ctx: Open311Deps,
  p: Params,
  requestId: string,
): Promise<{ id: number; number: string }> {
  const key = await authorizeKey(ctx, p);
  const county = key.countyCode;
  const code = one(p, 'service_code');
  if (!code) throw badRequest('service_code was not provided');
  const category = await ctx.db
    .selectFrom('category')
    .select('code')
    .where('code', '=', code)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!category) throw notFound(`service_code ${code} was not found`);

  const [lat, long, addressString, addressId] = [
    one(p, 'lat'),
    one(p, 'long'),
    one(p, 'address_string'),
    one(p, 'address_id'),
  ];
  const place: { lat?: number; lng?: number; gridCode?: string } = {};
  if (lat !== undefined || long !== undefined) {
    if (lat === undefined || long === undefined) throw badRequest('lat and long must be sent together');
    place.lat = coordinate('lat', lat, 90);
    place.lng = coordinate('long', long, 180);
  } else if (addressId) {
    place.gridCode = await gridOfAddressId(ctx.db, county, addressId);
  } else if (addressString) {
    place.gridCode = await gridOfAddressString(ctx.db, county, addressString);
  } else {
    throw badRequest('a location is required: lat and long, address_string or address_id');
  }

  const description = one(p, 'description') ?? '';
  if (description.length > 4000) throw badRequest('description is limited to 4,000 characters');
  if (addressString && addressString.length > 500)
    throw badRequest('address_string is limited to 500 characters');
  const media = mediaUrls(p);

  const created = await reportCase(
    caseDeps(ctx),
    null,
    county,
    {
      source: 'open311',
      categoryCode: category.code,
      description: withMedia(description, media),
      ...place,
      coordSystem: 'wgs84',
      address: addressString,
      attributes: attributes(p),
      reporterName: fullName(one(p, 'first_name'), one(p, 'last_name')),
      reporterContact: phoneNumber(one(p, 'phone')),
    },
    requestId,
    async (tx, caseId) => {
      await tx
        .insertInto('open311_request')
        .values({ county_code: county, case_id: caseId, key_id: key.id, media_urls: media })
        .execute();
      await markKeyUsed(tx, key.id, ctx.now());
      await recordAudit(tx, {
        actor: null,
        countyCode: county,
        action: 'open311.request',
        entityType: 'case',
        entityId: caseId,
        after: { keyId: key.id, keyLabel: key.label },
        requestId,
      });
    },
  );
  return created;
}
