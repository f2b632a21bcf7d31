import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { CoordSystem } from '../../platform/geo/coords.js';
import { toWgs84 } from '../../platform/geo/coords.js';
import { maskPhone } from '../../platform/crypto.js';
import { pathOf } from '../regions/paths.js';
import { notify } from '../notify/service.js';
import { earnsPoints } from '../points/award.js';
import { checkAttributes, type AttributeAnswers, type CategoryAttribute } from './attributes.js';
import type { CaseDeps } from './context.js';
import { deadlineAt, holderFor } from './deadlines.js';
import { deadlinesOf } from './settings-repository.js';
import { recordHistory } from './history.js';
import { attachPhotos } from './photos.js';
import type { CaseActor } from './policy.js';
import * as repo from './repository.js';
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
  if (!actor && input.source !== 'open311') throw new AppError('FORBIDDEN');
  const category = await deps.db
    .selectFrom('category')
    .selectAll()
    .where('code', '=', input.categoryCode)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!category) throw new AppError('CATEGORY_NOT_FOUND');
  const attributes = checkAttributes(category.attributes as unknown as CategoryAttribute[], input.attributes);

  let lng: number | null = null;
  let lat: number | null = null;
  let gridCode: string | null = null;
  if (input.lng !== undefined && input.lat !== undefined) {
    const p = toWgs84(input.lng, input.lat, input.coordSystem ?? 'wgs84');
    lng = p.lng;
    lat = p.lat;
    gridCode = await deps.grids.locate(lng, lat);
    if (!gridCode || !gridCode.startsWith(countyCode)) throw new AppError('OUTSIDE_COUNTY');
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
  const deadlines = (await deadlinesOf(deps.db, countyCode, category.code))?.deadlines ?? {};
  const due = deadlineAt(deps.calendar(countyCode), deadlines, tier, urgency, now);
  const contact = input.reporterContact?.trim() || null;
  const again = () => findByClientRequest(deps, countyCode, actor, input.clientRequestId);
  const earlier = await again();
  if (earlier) return earlier;

  return deps.db
    .transaction()
    .execute(async (tx) => {
      const number = await repo.nextCaseNumber(tx, countyCode, now);
      const row = await tx
        .insertInto('cases')
        .values({
          county_code: countyCode,
          number,
          source: input.source,
          category_code: category.code,
          state,
          tier,
          holder_code: holderFor(gridCode, tier),
          urgency,
          description: input.description,
          address: input.address ?? null,
          lng,
          lat,
          grid_code: gridCode,
          grid_path: pathOf(gridCode),
          attributes: JSON.stringify(attributes),
          reporter_account_id: actor?.accountId ?? null,
          reporter_name: input.reporterName ?? null,
          reporter_contact_enc: contact ? deps.pii.encrypt(contact) : null,
          reporter_contact_hash: contact ? deps.pii.blindIndex('phone', contact) : null,
          reporter_contact_masked: contact ? maskPhone(contact) : null,
          deadline_at: due.deadlineAt,
          yellow_at: due.yellowAt,
          red_at: due.redAt,
          tier_entered_at: now,
          reported_at: now,
          filed_at: staff ? now : null,
          updated_at: now,
          client_request_id: input.clientRequestId ?? null,
        })
        .returning(['id', 'number'])
        .executeTakeFirstOrThrow();
      const photoIds = await attachPhotos(
        tx,
        countyCode,
        row.id,
        input.photoIds ?? [],
        'before',
        actor?.accountId ?? null,
      );
      await recordHistory(
        tx,
        {
          countyCode,
          caseId: row.id,
          at: now,
          action: 'report',
          fromState: null,
          toState: state,
          tier,
          actor,
          note: null,
          photoIds,
          deadlineAt: due.deadlineAt,
          onTime: null,
        },
        requestId,
      );
      const workers = await repo.gridWorkerAccounts(tx, gridCode);
      const village = await repo.accountsForHolder(tx, holderFor(gridCode, tier), repo.TIER_ROLES[tier]);
      await notify(tx, {
        countyCode,
        accountIds: [...workers, ...village].filter((id) => id !== actor?.accountId),
        caseId: row.id,
        kind: 'case.reported',
        title: `新事件 ${row.number}：${category.name}`,
        event: { number: row.number, state },
      });
      if (alongside) await alongside(tx, row.id);
      return { id: row.id, number: row.number, replayed: false };
    })
    .catch(async (err: { code?: string; constraint?: string }) => {
      // the same request arrived twice at once: the other one made the case
      if (err.code === '23505' && err.constraint === 'cases_client_request_idx') {
        const made = await again();
        if (made) return made;
      }
      throw err;
    });
}

async function findByClientRequest(
  deps: CaseDeps,
  countyCode: string,
  actor: CaseActor | null,
  clientRequestId: string | undefined,
) {
  if (!clientRequestId || !actor) return null;
  const row = await deps.db
    .selectFrom('cases')
    .select(['id', 'number'])
    .where('county_code', '=', countyCode)
    .where('reporter_account_id', '=', actor.accountId)
    .where('client_request_id', '=', clientRequestId)
    .executeTakeFirst();
  return row ? { id: row.id, number: row.number, replayed: true } : null;
}
