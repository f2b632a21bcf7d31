import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { notify } from '../notify/index.js';
import { ITEM_KINDS, type ItemKind } from './kinds.js';

const SWEEP_LOCK = 0x7374616e; // "stan"

const beijingDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Overdue reminders of lending (J12): once a loan is past its due time and still out, its villager
 * (the accounts tied to the resident) and the staff member who lent it get one reminder. One sweeper
 * at a time across instances (advisory lock), rows claimed FOR UPDATE SKIP LOCKED, the reminder
 * remembered on the loan (`reminded_at`) in the transaction of its notice: never sent twice.
 */
export async function remindOverdueLoans(
  db: Db,
  now: Date,
  limit = 500,
): Promise<{ reminded: number } | null> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`.execute(tx);
    if (!rows[0]?.ok) return null;
    const due = await tx
      .selectFrom('station_loan as l')
      .select([
        'l.county_code',
        'l.id',
        'l.item_kind',
        'l.resident_id',
        'l.lent_by',
        'l.due_at',
        'l.station_id',
      ])
      .where('l.state', '=', 'lent')
      .where('l.reminded_at', 'is', null)
      .where('l.due_at', '<', now)
      .orderBy('l.due_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const l of due) {
      const villagers = await tx
        .selectFrom('resident_account')
        .select('account_id')
        .where('county_code', '=', l.county_code)
        .where('resident_id', '=', l.resident_id)
        .execute();
      const item = ITEM_KINDS[l.item_kind as ItemKind]?.[0] ?? l.item_kind;
      await notify(tx, {
        countyCode: l.county_code,
        accountIds: [
          ...villagers.map((v) => Number(v.account_id)),
          ...(l.lent_by ? [Number(l.lent_by)] : []),
        ],
        kind: 'station_loan.overdue',
        about: { type: 'station_loan', id: l.id },
        title: `借用的${item}已于 ${beijingDay(l.due_at)} 到期，请尽快归还`,
      });
      await tx
        .updateTable('station_loan')
        .set({ reminded_at: now })
        .where('county_code', '=', l.county_code)
        .where('id', '=', l.id)
        .execute();
    }
    return { reminded: due.length };
  });
}
