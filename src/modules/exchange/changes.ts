import './errors.js';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { recordSystemCall, requireOperation, type SystemCaller } from './caller.js';

/**
 * The cursor: the (transaction id, row id) of the last change handed out, base64url. Changes are
 * read in that order and only below the oldest transaction still running (the snapshot's xmin), so
 * a change committed later always sorts after every cursor already given: none is skipped, none
 * is handed out twice, whatever order concurrent steps commit in.
 */
export const encodeCursor = (xid: string, id: number) => Buffer.from(`${xid}.${id}`).toString('base64url');

export function decodeCursor(cursor: string | undefined): { xid: string; id: number } {
  if (cursor === undefined) return { xid: '0', id: 0 };
  const m = /^(0|[1-9]\d{0,18})\.(0|[1-9]\d{0,15})$/.exec(
    Buffer.from(cursor, 'base64url').toString('latin1'),
  );
  if (!m || encodeCursor(m[1]!, Number(m[2])) !== cursor) throw new AppError('EXCHANGE_CURSOR_INVALID');
  return { xid: m[1]!, id: Number(m[2]) };
}

type ChangeRow = {
  id: number;
  x: string;
  at: Date;
  case_id: number;
  kind: string;
  number: string;
  from_state: string | null;
  to_state: string;
  category_code: string;
  grid_code: string;
  external_ref: string | null;
};

/**
 * Cases created, changed and closed in the account's scope, after `since`, oldest first. No personal
 * data: numbers, states, categories and grids; the system's own external reference on its tickets.
 */
export async function readChanges(
  db: Db,
  caller: SystemCaller,
  q: { since?: string; limit: number },
  now: Date,
  requestId?: string,
) {
  requireOperation(caller, 'changes.read');
  const from = decodeCursor(q.since);
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<ChangeRow>`
      SELECT c.id, c.xid::text AS x, c.at, c.case_id, c.kind, c.number, c.from_state, c.to_state,
             c.category_code, c.grid_code, r.external_ref
      FROM exchange_change c
      LEFT JOIN case_external_ref r
        ON r.county_code = c.county_code AND r.case_id = c.case_id AND r.system_account_id = ${caller.id}
      WHERE c.county_code = ${caller.countyCode}
        AND c.grid_path <@ ${caller.scopePath}::ltree
        AND c.xid < pg_snapshot_xmin(pg_current_snapshot())
        AND (c.xid, c.id) > (${from.xid}::xid8, ${from.id}::bigint)
      ORDER BY c.xid, c.id
      LIMIT ${q.limit}`.execute(tx);
    const last = rows[rows.length - 1];
    const next = last ? encodeCursor(last.x, Number(last.id)) : encodeCursor(from.xid, from.id);
    await recordSystemCall(tx, caller, {
      action: 'exchange.changes_read',
      entityType: 'system_account',
      entityId: caller.id,
      after: { count: rows.length },
      requestId,
      now,
    });
    return {
      items: rows.map((r) => ({
        event: `case.${r.kind}`,
        at: new Date(r.at).toISOString(),
        case: {
          id: Number(r.case_id),
          number: r.number,
          state: r.to_state,
          fromState: r.from_state,
          categoryCode: r.category_code,
          gridCode: r.grid_code,
        },
        externalRef: r.external_ref,
      })),
      next,
    };
  });
}
