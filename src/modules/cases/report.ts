import type { Tx } from '../../platform/db/database.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { CoordSystem } from '../../platform/geo/coords.js';
import { toWgs84 } from '../../platform/geo/coords.js';
import { maskPhone } from '../../platform/crypto.js';
import { pathOf } from '../regions/index.js';
import { earnsPoints } from '../points/index.js';
import { checkAttributes, type AttributeAnswers, type CategoryAttribute } from './attributes.js';
import type { CaseDeps } from './context.js';
import { activeCategory } from './intake-cache.js';
import { insertReportedCase } from './intake-statement.js';
import { deadlineAt, deadlineRule, holderFor } from './deadlines.js';
import { attachPhotos } from './photos.js';
import type { CaseActor } from './policy.js';
import { roleTier, type Tier } from './states.js';

export const SOURCES = [
  'resident_app',
  'patrol',
  'hotline',
  'petition',
  'enterprise',
  'grassroots_request',
  'campaign',
  'open311',
] as const;
export type Source = (typeof SOURCES)[number];

export type ReportInput = {
  source: Source;
  categoryCode: string;
  description: string;
  lng?: number;
  lat?: number;
  coordSystem?: CoordSystem;
  gridCode?: string;
  address?: string;
  urgency?: 'normal' | 'urgent' | 'emergency';
  attributes?: AttributeAnswers;
  photoIds?: string[];
  /** idempotency: the same id from the same account answers the case already made */
  clientRequestId?: string;
  /** anonymous or Open311 reports: who to call back (stored encrypted) */
  reporterName?: string;
  reporterContact?: string;
};

/** Sources a report may come through without an account (the caller's key speaks). */
const KEYED_SOURCES: readonly Source[] = ['open311', 'hotline', 'petition'];

/** Who may report through which source. */
const SOURCE_ROLES: Record<Source, readonly string[]> = {
  resident_app: ['resident'],
  patrol: ['grid_worker', 'village_staff'],
  hotline: ['township_centre', 'county_centre'],
  petition: ['township_centre', 'county_centre'],
  enterprise: ['township_centre', 'county_centre'],
  grassroots_request: ['village_staff', 'township_centre'],
  campaign: ['grid_worker', 'village_staff', 'township_centre', 'county_centre'],
  open311: [],
};

/**
 * 随手拍 and every other intake. A resident's (or an Open311 client's) report
 * waits at its village to be filed; a case entered by staff is filed at once
 * at the staff member's tier. `actor` is null for Open311 (the API key speaks).
 */
export async function reportCase(
  deps: CaseDeps,
  actor: CaseActor | null,
  countyCode: string,
  input: ReportInput,
  requestId?: string,
  /** more writes that belong to the intake (e.g. the Open311 key and media links), same transaction */
  alongside?: (tx: Tx, caseId: number) => Promise<void>,
) {
  if (actor && !SOURCE_ROLES[input.source].includes(actor.role))
    throw new AppError('FORBIDDEN', {
      detail: '此来源不能由您上报',
      detailEn: 'your role cannot report through this source',
    });
  // no account: an Open311 key, or another system's account (exchange: a 12345 or petition ticket)
  if (!actor && !KEYED_SOURCES.includes(input.source)) throw new AppError('FORBIDDEN');
  const category = await activeCategory(deps.db, countyCode, input.categoryCode);
  if (!category) throw new AppError('CATEGORY_NOT_FOUND');
  const attributes = checkAttributes(category.attributes as unknown as CategoryAttribute[], input.attributes);

  let lng: number | null = null;
  let lat: number | null = null;
  let gridCode: string;
  if (input.lng !== undefined && input.lat !== undefined) {
    const p = toWgs84(input.lng, input.lat, input.coordSystem ?? 'wgs84');
    lng = p.lng;
    lat = p.lat;
    const located = await deps.grids.locate(lng, lat);
    if (!located || !located.startsWith(countyCode)) throw new AppError('OUTSIDE_COUNTY');
    gridCode = located;
  } else if (input.gridCode) {
    gridCode = input.gridCode;
    const g = await deps.db
      .selectFrom('region')
      .select('code')
      .where('code', '=', gridCode)
      .where('level', '=', 'grid')
      .executeTakeFirst();
    if (!g || !gridCode.startsWith(countyCode))
      throw new AppError('VALIDATION_FAILED', { detail: '网格不存在', detailEn: 'unknown grid' });
  } else {
    throw new AppError('VALIDATION_FAILED', {
      detail: '须提供坐标或网格',
      detailEn: 'coordinates or a grid code are required',
    });
  }
  const staffTier = actor ? roleTier(actor.role) : null;
  // a part-time worker's report waits at the village like a resident's: its filing
  // is what recognises it (and earns the reporter points, J4 — see actions.ts)
  const partTime = actor?.role === 'grid_worker' && (await earnsPoints(deps.db, countyCode, actor.accountId));
  const staff = actor !== null && actor.role !== 'resident' && !partTime;
  if (actor !== null && actor.role !== 'resident' && !pathOf(gridCode).startsWith(actor.scopePath))
    throw new AppError('OUTSIDE_COUNTY', {
      detail: '位置不在您的管辖范围内',
      detailEn: 'the location is outside your scope',
    });
  const tier: Tier = staff && staffTier ? staffTier : 'village';
  const state = staff ? 'filed' : 'reported';
  const urgency = input.urgency ?? 'normal';
  const now = deps.now();
  // the county's own deadlines (else the national default) on the county's working calendar
  const deadlines = category.deadlines ?? {};
  const due = deadlineAt(deps.calendar(countyCode), deadlines, tier, urgency, now);
  const contact = input.reporterContact?.trim() || null;
  const photoIds = [...new Set(input.photoIds ?? [])];
  const row = {
    countyCode,
    source: input.source,
    categoryCode: category.code,
    categoryName: category.name,
    state,
    tier,
    holderCode: holderFor(gridCode, tier),
    urgency,
    description: input.description,
    address: input.address ?? null,
    lng,
    lat,
    gridCode,
    gridPath: pathOf(gridCode),
    attributes,
    actor,
    reporterName: input.reporterName ?? null,
    contact: contact
      ? {
          enc: deps.pii.encrypt(contact),
          hash: deps.pii.blindIndex('phone', contact),
          masked: maskPhone(contact),
        }
      : null,
    due,
    now,
    day: beijingDay(now),
    photoIds,
    clientRequestId: input.clientRequestId ?? null,
    requestId,
  } as const;

  // anonymous (Open311) reports carry no client request id of an account: no replay
  return createOnce({
    requestId: actor ? input.clientRequestId : undefined,
    find: (id) => findByClientRequest(deps, countyCode, actor!, id),
    constraint: 'cases_client_request_idx',
    replay: (earlier) => ({ ...earlier, replayed: true }),
    create: async () => {
      // what happens next, as the reporter is told: who holds it and by when (the tier's deadline)
      const next = {
        tier,
        state,
        deadlineAt: due.deadlineAt,
        deadline: deadlineRule(deadlines, tier, urgency),
      };
      // the common report (no photos, nothing alongside) is one statement, atomic on its own
      if (photoIds.length === 0 && !alongside)
        return { ...(await insertReportedCase(deps.db, row)), ...next, replayed: false };
      return deps.db.transaction().execute(async (tx) => {
        const made = await insertReportedCase(tx, row);
        await attachPhotos(tx, countyCode, made.id, photoIds, 'before', actor?.accountId ?? null);
        if (alongside) await alongside(tx, made.id);
        return { ...made, ...next, replayed: false };
      });
    },
  });
}

/** The day of `at` in Beijing time (UTC+8), YYYYMMDD: case numbers count days there. */
const beijingDay = (at: Date) =>
  new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');

async function findByClientRequest(
  deps: CaseDeps,
  countyCode: string,
  actor: CaseActor,
  clientRequestId: string,
) {
  const row = await deps.db
    .selectFrom('cases')
    .select(['id', 'number', 'tier', 'state', 'deadline_at', 'category_code', 'urgency'])
    .where('county_code', '=', countyCode)
    .where('reporter_account_id', '=', actor.accountId)
    .where('client_request_id', '=', clientRequestId)
    .executeTakeFirst();
  if (!row) return null;
  const category = await activeCategory(deps.db, countyCode, row.category_code);
  return {
    id: row.id,
    number: row.number,
    tier: row.tier as Tier,
    state: row.state,
    deadlineAt: row.deadline_at,
    deadline: deadlineRule(category?.deadlines ?? {}, row.tier as Tier, row.urgency),
  };
}
