import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { notify } from '../notify/index.js';
import { beijingDate, OFFICE_LIMITS, WARN_DAYS, type LimitKind } from './limits.js';

const SWEEP_LOCK = 0x70657469; // "peti"

const LIMIT_WORDS: Record<LimitKind, string> = {
  decide: '决定是否受理',
  finish: '办结',
  review_request: '请求复查',
  review_decide: '复查决定',
  rereview_request: '请求复核',
  rereview_decide: '复核决定',
};

/**
 * Warnings before the petition office's statutory limits (decide, finish, review, re-review): once
 * when a limit is WARN_DAYS away, once more when it has passed. Runs with the deadline sweep; one
 * sweeper at a time (advisory lock), rows claimed FOR UPDATE SKIP LOCKED, the warning remembered on
 * the row (`warned_kind`) in the transaction of its notice, so none is sent twice.
 */
export async function warnPetitionLimits(db: Db, now: Date, limit = 500): Promise<{ warned: number } | null> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`.execute(tx);
    if (!rows[0]?.ok) return null;
    const soon = new Date(now.getTime() + WARN_DAYS * 86_400_000);
    const due = await tx
      .selectFrom('petition')
      .select([
        'county_code',
        'id',
        'number',
        'state',
        'region_code',
        'receiver_account_id',
        'due_at',
        'due_kind',
        'warned_kind',
      ])
      .where('due_kind', 'in', OFFICE_LIMITS)
      .where('due_at', '<', soon)
      .where((eb) =>
        eb.or([
          eb('warned_kind', 'is', null),
          eb('warned_kind', '!=', eb.ref('due_kind')).and('due_at', '>=', now),
          eb.and([eb('due_at', '<', now), eb('warned_kind', 'not like', '%:overdue')]),
        ]),
      )
      .orderBy('due_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    let warned = 0;
    for (const p of due) {
      const kind = p.due_kind as LimitKind;
      const over = p.due_at!.getTime() < now.getTime();
      const mark = over ? `${kind}:overdue` : kind;
      if (p.warned_kind === mark) continue;
      const offices = await tx
        .selectFrom('account')
        .select('id')
        .where('disabled', '=', false)
        .where((eb) =>
          eb.or([
            eb.and([eb('role', '=', 'county_centre'), eb('scope_code', '=', p.county_code)]),
            eb.and([eb('role', '=', 'township_centre'), eb('scope_code', '=', p.region_code.slice(0, 9))]),
          ]),
        )
        .execute();
      await notify(tx, {
        countyCode: p.county_code,
        accountIds: [...offices.map((o) => o.id), Number(p.receiver_account_id)],
        kind: over ? 'petition.overdue' : 'petition.due_soon',
        about: { type: 'petition', id: p.id },
        title: over
          ? `信访 ${p.number}：${LIMIT_WORDS[kind]}期限已过（${beijingDate(p.due_at!)}）`
          : `信访 ${p.number}：${LIMIT_WORDS[kind]}期限将至（${beijingDate(p.due_at!)}）`,
        event: { number: p.number, state: p.state },
      });
      await tx
        .updateTable('petition')
        .set({ warned_kind: mark })
        .where('county_code', '=', p.county_code)
        .where('id', '=', p.id)
        .execute();
      warned++;
    }
    return { warned };
  });
}
