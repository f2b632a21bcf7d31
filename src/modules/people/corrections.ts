import './errors.js'; // registers this module's codes (ADR 0005)
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { AppError } from '../../platform/errors.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notify/index.js';
import { runStep, type Workflow } from '../workflow/index.js';
import { can } from './abilities.js';

/** 更正 is handled within this many days (PIPL §46: promptly); a reminder goes to the village 3 days before. */
export const CORRECTION_DAYS = 15;
export const REMIND_BEFORE_DAYS = 3;

export type CorrectionAction = 'correct' | 'reject' | 'withdraw';
type Row = {
  county_code: string;
  id: number;
  version: number;
  status: string;
  requester_id: number | null;
  resident_id: number;
};
type Input = { version?: number; answer?: string };

/** A resident asks the village to correct their record. */
export async function requestCorrection(
  db: Db,
  actor: Actor,
  me: { residentId: number; householdId: number; gridPath: string },
  body: { fields: string[]; detail: string },
  now: Date,
  requestId?: string,
) {
  return db.transaction().execute(async (tx) => {
    const due = new Date(now.getTime() + CORRECTION_DAYS * 86_400_000);
    const row = await tx
      .insertInto('correction_request')
      .values({
        county_code: actor.countyCode,
        resident_id: me.residentId,
        household_id: me.householdId,
        grid_path: me.gridPath,
        requester_id: actor.accountId,
        fields: [...new Set(body.fields)],
        detail: body.detail,
        due_at: due,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertStep(tx, actor, Number(row.id), 'submit', 'new', 'submitted', null, now);
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'correction.submit',
      entityType: 'correction',
      entityId: Number(row.id),
      after: { fields: body.fields, residentId: me.residentId },
      requestId,
    });
    const staff = await villageStaffOf(tx, actor.countyCode, me.gridPath);
    await notify(tx, {
      countyCode: actor.countyCode,
      accountIds: staff,
      kind: 'correction.submitted',
      title: `居民申请更正档案信息（${CORRECTION_DAYS}日内办理）`,
    });
    return { id: Number(row.id), dueAt: due.toISOString() };
  });
}

async function insertStep(
  tx: Tx,
  actor: Pick<Actor, 'accountId' | 'displayName' | 'countyCode'>,
  id: number,
  action: string,
  from: string,
  to: string,
  note: string | null,
  at: Date,
) {
  await tx
    .insertInto('correction_step')
    .values({
      county_code: actor.countyCode,
      correction_id: id,
      action,
      from_state: from,
      to_state: to,
      actor_id: actor.accountId,
      actor_name: actor.displayName,
      note,
      at,
    })
    .execute();
}

/** Village staff accounts whose scope holds the grid path (they handle and are reminded). */
async function villageStaffOf(tx: Tx | Db, countyCode: string, gridPath: string): Promise<number[]> {
  const rows = await tx
    .selectFrom('account as a')
    .innerJoin('region as r', 'r.code', 'a.scope_code')
    .select('a.id')
    .where('a.county_code', '=', countyCode)
    .where('a.role', '=', 'village_staff')
    .where('a.disabled', '=', false)
    .where(sql<boolean>`r.path @> ${gridPath}::ltree`)
    .execute();
  return rows.map((r) => Number(r.id));
}

const CORRECTION_FLOW: Workflow<Row, CorrectionAction, Input, { id: number; status: string }, null> = {
  subject: 'correction',
  versionConflict: 'CORRECTION_VERSION_CONFLICT',
  async lock(tx, actor, id) {
    let q = tx
      .selectFrom('correction_request')
      .select(['county_code', 'id', 'version', 'status', 'requester_id', 'resident_id'])
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id);
    q =
      actor.role === 'resident'
        ? q.where('requester_id', '=', actor.accountId)
        : q.where(inSubtree('grid_path', actor.scopePath));
    return q.forUpdate().executeTakeFirst();
  },
  stateOf: (r) => r.status,
  forbidden({ actor, row, action }) {
    if (action === 'withdraw') return row.requester_id === actor.accountId ? null : new AppError('FORBIDDEN');
    return can(actor, 'people.correct') ? null : new AppError('FORBIDDEN');
  },
  illegal: ({ row }) => (row.status === 'submitted' ? null : new AppError('CORRECTION_ILLEGAL_TRANSITION')),
  async apply({ tx, row, action, input, now }) {
    const to = action === 'correct' ? 'corrected' : action === 'reject' ? 'rejected' : 'withdrawn';
    const answer = input.answer ?? null;
    await tx
      .updateTable('correction_request')
      .set({ status: to, answer, closed_at: now, version: row.version + 1 })
      .where('county_code', '=', row.county_code)
      .where('id', '=', row.id)
      .execute();
    return {
      toState: to,
      note: answer,
      extra: null,
      notice:
        action === 'withdraw' || row.requester_id === null
          ? null
          : {
              accountIds: [row.requester_id],
              kind: `correction.${to}`,
              title: to === 'corrected' ? '您的档案更正申请已办理' : '您的档案更正申请未予更正，请查看答复',
            },
      result: { id: row.id, status: to },
    };
  },
  async log(tx, s) {
    await insertStep(
      tx,
      { accountId: s.actor.accountId, displayName: s.actor.displayName, countyCode: s.row.county_code },
      s.row.id,
      s.action,
      s.fromState,
      s.toState,
      s.note,
      s.at,
    );
  },
};

/** One step of a correction request, on the shared runner (404 → 403 → 409 → apply, log, audit, notice). */
export const stepCorrection = (
  db: Db,
  actor: Actor,
  id: number,
  action: CorrectionAction,
  input: Input,
  opts: { now: Date; requestId?: string },
) => runStep(db, CORRECTION_FLOW, actor, id, action, input, opts);

/** Correction requests the caller handles (staff: their subtree) or made (a resident). */
export async function listCorrections(db: Db, actor: Actor, f: { status?: string }, now: Date) {
  let q = db
    .selectFrom('correction_request as c')
    .innerJoin('resident as r', (j) =>
      j.onRef('r.county_code', '=', 'c.county_code').onRef('r.id', '=', 'c.resident_id'),
    )
    .select([
      'c.id',
      'c.resident_id',
      'r.name',
      'c.fields',
      'c.detail',
      'c.status',
      'c.answer',
      'c.due_at',
      'c.created_at',
      'c.closed_at',
      'c.version',
    ])
    .where('c.county_code', '=', actor.countyCode);
  q =
    actor.role === 'resident'
      ? q.where('c.requester_id', '=', actor.accountId)
      : q.where(inSubtree('c.grid_path', actor.scopePath));
  if (f.status) q = q.where('c.status', '=', f.status);
  const rows = await q.orderBy('c.id', 'desc').limit(200).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    residentId: Number(r.resident_id),
    residentName: r.name,
    fields: r.fields,
    detail: actor.role === 'resident' ? r.detail : maskPiiText(r.detail),
    status: r.status as 'submitted' | 'corrected' | 'rejected' | 'withdrawn',
    answer: r.answer,
    dueAt: r.due_at.toISOString(),
    overdue: r.status === 'submitted' && r.due_at < now,
    createdAt: r.created_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    version: r.version,
  }));
}

/**
 * Reminds the village of correction requests due within REMIND_BEFORE_DAYS (or overdue), once each.
 * Safe with several instances: the UPDATE … RETURNING claims each row once.
 */
export async function remindDueCorrections(db: Db, now: Date): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const due = await tx
      .updateTable('correction_request')
      .set({ reminded_at: now })
      .where('status', '=', 'submitted')
      .where('reminded_at', 'is', null)
      .where('due_at', '<=', new Date(now.getTime() + REMIND_BEFORE_DAYS * 86_400_000))
      .returning(['county_code', 'id', 'grid_path', 'due_at'])
      .execute();
    for (const c of due) {
      const staff = await villageStaffOf(tx, c.county_code, c.grid_path);
      await notify(tx, {
        countyCode: c.county_code,
        accountIds: staff,
        kind: 'correction.due',
        title: `档案更正申请即将到期（${c.due_at.toISOString().slice(0, 10)}），请及时办理`,
      });
    }
    return due.length;
  });
}
