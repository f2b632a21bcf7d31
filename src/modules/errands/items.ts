import { countySettingsChanged } from '../../platform/settings-changes.js';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { ServiceItem, ServiceItemBody } from './schemas.js';

/** The catalogue of service items (清单制): all SQL on service_item lives here. */

type Item = z.infer<typeof ServiceItem>;

const COLUMNS = [
  'code',
  'kind',
  'name_zh',
  'name_en',
  'guide_zh',
  'guide_en',
  'materials',
  'handled_at',
  'promise_days',
  'active',
  'sort',
] as const;

export async function listServiceItems(
  db: DbOrTx,
  countyCode: string,
  includeInactive: boolean,
): Promise<Item[]> {
  let q = db.selectFrom('service_item').select(COLUMNS).where('county_code', '=', countyCode);
  if (!includeInactive) q = q.where('active', '=', true);
  const rows = await q.orderBy('kind').orderBy('sort').orderBy('code').execute();
  return rows.map(toItem);
}

export async function findServiceItem(db: DbOrTx, countyCode: string, code: string): Promise<Item | null> {
  const row = await db
    .selectFrom('service_item')
    .select(COLUMNS)
    .where('county_code', '=', countyCode)
    .where('code', '=', code)
    .executeTakeFirst();
  return row ? toItem(row) : null;
}

type ItemRow = {
  code: string;
  kind: string;
  name_zh: string;
  name_en: string;
  guide_zh: string;
  guide_en: string;
  materials: string[];
  handled_at: string;
  promise_days: number;
  active: boolean;
  sort: number;
};

function toItem(r: ItemRow): Item {
  return {
    code: r.code,
    kind: r.kind as Item['kind'],
    nameZh: r.name_zh,
    nameEn: r.name_en,
    guideZh: r.guide_zh,
    guideEn: r.guide_en,
    materials: r.materials,
    handledAt: r.handled_at as Item['handledAt'],
    promiseDays: r.promise_days,
    active: r.active,
    sort: r.sort,
  };
}

/**
 * Adds or edits one item of the county's catalogue (deactivating is `active:
 * false`: errands already made keep pointing at it). Audited with the before
 * and after, in the same transaction.
 */
export async function saveServiceItem(
  db: Db,
  actor: Actor,
  code: string,
  body: z.infer<typeof ServiceItemBody>,
  requestId: string,
): Promise<Item> {
  const item = await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('service_item')
      .select(COLUMNS)
      .where('county_code', '=', actor.countyCode)
      .where('code', '=', code)
      .forUpdate()
      .executeTakeFirst();
    const values = {
      kind: body.kind,
      name_zh: body.nameZh,
      name_en: body.nameEn,
      guide_zh: body.guideZh,
      guide_en: body.guideEn,
      materials: body.materials,
      handled_at: body.handledAt,
      promise_days: body.promiseDays,
      active: body.active,
      sort: body.sort,
    };
    const row = await tx
      .insertInto('service_item')
      .values({ county_code: actor.countyCode, code, ...values })
      .onConflict((oc) => oc.columns(['county_code', 'code']).doUpdateSet(values))
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: before ? 'service_item.update' : 'service_item.create',
      entityType: 'service_item',
      entityId: code,
      before: before ? toItem(before) : null,
      after: toItem(row),
      requestId,
    });
    return toItem(row);
  });
  countySettingsChanged(actor.countyCode, 'service_items');
  return item;
}
