import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { EmergencyDeps } from './context.js';
import { SUPPLY_ITEMS, type SupplyItem } from './kinds.js';
import { findEvent, scopeOf } from './repository.js';
import type { MoveInput } from './schemas.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/** A township or village of the caller's scope (else 404: another county's code too). */
async function stockRegion(db: DbOrTx, actor: Actor, code: string) {
  const r = await db
    .selectFrom('region')
    .select(['code', sql<string>`path::text`.as('path')])
    .where('code', '=', code)
    .where('county_code', '=', actor.countyCode)
    .where('level', 'in', ['township', 'village'])
    .where(sql<boolean>`path <@ ${actor.scopePath}::ltree`)
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  return r;
}

/**
 * Stock never goes negative, also when two issues race: the issue is one conditional UPDATE
 * (`quantity >= n`), and the CHECK (quantity >= 0) is the database's last word.
 */
async function take(tx: Tx, countyCode: string, region: string, item: string, n: number, now: Date) {
  const r = await tx
    .updateTable('emergency_stock')
    .set({ quantity: sql`quantity - ${n}`, updated_at: now })
    .where('county_code', '=', countyCode)
    .where('region_code', '=', region)
    .where('item', '=', item)
    .where('quantity', '>=', n)
    .returning('quantity')
    .executeTakeFirst();
  if (!r) throw new AppError('EMERGENCY_STOCK_SHORT');
  return r.quantity;
}

async function put(
  tx: Tx,
  countyCode: string,
  region: { code: string; path: string },
  item: string,
  n: number,
  now: Date,
) {
  const r = await tx
    .insertInto('emergency_stock')
    .values({
      county_code: countyCode,
      region_code: region.code,
      region_path: region.path,
      item,
      quantity: n,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['county_code', 'region_code', 'item']).doUpdateSet({
        quantity: sql`emergency_stock.quantity + ${n}`,
        updated_at: now,
      }),
    )
    .returning('quantity')
    .executeTakeFirstOrThrow();
  return r.quantity;
}

/**
 * Supplies received into, or issued from, a township's or village's stock, with a ledger row each;
 * an issue to another region of the caller's scope is a transfer (issue here, receive there, one
 * transaction). Resent with the same clientRequestId it answers the first move; the same id with
 * another move is refused (409 REQUEST_ID_REUSED).
 */
export async function moveStock(deps: EmergencyDeps, actor: Actor, input: MoveInput, requestId: string) {
  const cc = actor.countyCode;
  return createOnce({
    requestId: input.clientRequestId,
    find: (rid) =>
      deps.db
        .selectFrom('emergency_stock_move')
        .select(['id', 'balance', 'region_code', 'item', 'kind', 'quantity', 'counterpart_code', 'event_id'])
        .where('county_code', '=', cc)
        .where('moved_by', '=', actor.accountId)
        .where('client_request_id', '=', rid)
        .executeTakeFirst(),
    constraint: 'emergency_stock_move_client_request_idx',
    replay: (m) => {
      // the same id for another move is a client's mistake, not a retry: refused, never the first answered
      const same =
        m.region_code === input.regionCode &&
        m.item === input.item &&
        m.kind === input.kind &&
        m.quantity === input.quantity &&
        (m.counterpart_code ?? undefined) === input.toRegionCode &&
        (m.event_id === null ? undefined : Number(m.event_id)) === input.eventId;
      if (!same) throw new AppError('REQUEST_ID_REUSED');
      return { id: Number(m.id), balance: m.balance, replayed: true };
    },
    create: () =>
      deps.db.transaction().execute(async (tx) => {
        const now = deps.now();
        const region = await stockRegion(tx, actor, input.regionCode);
        const to = input.toRegionCode ? await stockRegion(tx, actor, input.toRegionCode) : null;
        if (to && (input.kind !== 'issue' || to.code === region.code))
          throw new AppError('VALIDATION_FAILED', {
            detail: '只有出库可以调拨到另一个区划',
            detailEn: 'only an issue goes to another region',
          });
        // the event must be one the caller sees (its area or declarer in their scope): another
        // township's event answers as one that does not exist
        if (input.eventId !== undefined && !(await findEvent(tx, scopeOf(actor), input.eventId)))
          throw new AppError('NOT_FOUND');
        const balance =
          input.kind === 'issue'
            ? await take(tx, cc, region.code, input.item, input.quantity, now)
            : await put(tx, cc, region, input.item, input.quantity, now);
        const base = {
          county_code: cc,
          item: input.item,
          quantity: input.quantity,
          event_id: input.eventId ?? null,
          note: input.note,
          moved_by: actor.accountId,
          moved_at: now,
        };
        const m = await tx
          .insertInto('emergency_stock_move')
          .values({
            ...base,
            region_code: region.code,
            region_path: region.path,
            kind: input.kind,
            balance,
            counterpart_code: to?.code ?? null,
            client_request_id: input.clientRequestId ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (to) {
          const there = await put(tx, cc, to, input.item, input.quantity, now);
          await tx
            .insertInto('emergency_stock_move')
            .values({
              ...base,
              region_code: to.code,
              region_path: to.path,
              kind: 'receive',
              balance: there,
              counterpart_code: region.code,
            })
            .execute();
        }
        await recordAudit(tx, {
          actor,
          countyCode: cc,
          action: input.kind === 'issue' ? 'emergency_stock.issue' : 'emergency_stock.receive',
          entityType: 'emergency_stock',
          entityId: Number(m.id),
          after: {
            region: region.code,
            item: input.item,
            quantity: input.quantity,
            balance,
            to: to?.code ?? null,
          },
          requestId,
        });
        return { id: Number(m.id), balance, replayed: false };
      }),
  });
}

export async function listStock(db: DbOrTx, countyCode: string, path: string) {
  const rows = await db
    .selectFrom('emergency_stock as s')
    .innerJoin('region as r', 'r.code', 's.region_code')
    .select(['s.region_code', 'r.name as region_name', 's.item', 's.quantity'])
    .where('s.county_code', '=', countyCode)
    .where(sql<boolean>`s.region_path <@ ${path}::ltree`)
    .orderBy('s.region_code')
    .orderBy('s.item')
    .limit(2000)
    .execute();
  return rows.map((r) => {
    const [name, unit] = SUPPLY_ITEMS[r.item as SupplyItem] ?? [r.item, ''];
    return {
      regionCode: r.region_code,
      regionName: r.region_name,
      item: r.item as SupplyItem,
      name,
      unit,
      quantity: r.quantity,
    };
  });
}

export async function listMoves(
  db: DbOrTx,
  countyCode: string,
  path: string,
  f: { item?: string; limit: number; offset: number },
) {
  let q = db
    .selectFrom('emergency_stock_move')
    .where('county_code', '=', countyCode)
    .where(sql<boolean>`region_path <@ ${path}::ltree`);
  if (f.item) q = q.where('item', '=', f.item);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((m) => ({
      id: Number(m.id),
      regionCode: m.region_code,
      item: m.item as SupplyItem,
      kind: m.kind as 'receive' | 'issue',
      quantity: m.quantity,
      balance: m.balance,
      counterpartCode: m.counterpart_code,
      eventId: m.event_id === null ? null : Number(m.event_id),
      note: m.note,
      movedAt: m.moved_at.toISOString(),
    })),
    total: Number(total.n),
  };
}
