import './errors.js'; // registers this module's codes (ADR 0005)
import type { Updateable } from 'kysely';
import type { z } from 'zod';
import type { Db, Tx } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import type { Pii } from '../../platform/crypto.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import * as arch from './archive-repository.js';
import type { NewResidentBody, UpdateResidentBody } from './archive-schemas.js';
import { openIfNeeded, residentSnapshot, writeHistory, type ResidentRecord } from './history.js';
import { dayOf, idColumns, oneRecordPerPerson, personColumns, phoneColumns } from './person.js';

type Ctx = { db: Db; pii: Pii; now: Date; requestId?: string };
const scopeOf = (a: Actor) => ({ countyCode: a.countyCode, path: a.scopePath });

/** Writes the resident's history row (after the change) and its audit row. */
export async function recordResidentChange(
  tx: Tx,
  c: Pick<Ctx, 'now' | 'requestId'>,
  actor: Actor,
  id: number,
  e: {
    event: string;
    on?: string | null;
    reason?: string | null;
    changed: string[];
    auditAfter?: Record<string, unknown>;
  },
) {
  const now = await arch.residentRecord(tx, actor.countyCode, id);
  await writeHistory(tx, {
    countyCode: actor.countyCode,
    subject: 'resident',
    subjectId: id,
    householdId: Number(now.household_id),
    event: e.event,
    at: c.now,
    effectiveOn: e.on ?? null,
    actor,
    reason: e.reason ?? null,
    changed: e.changed,
    snapshot: residentSnapshot(now),
  });
  await recordAudit(tx, {
    actor,
    countyCode: actor.countyCode,
    action: `resident.${e.event}`,
    entityType: 'resident',
    entityId: id,
    after: { fields: e.changed, ...e.auditAfter },
    reason: e.reason ?? null,
    requestId: c.requestId,
  });
  return now;
}

/** A person joins a household in the caller's scope: a birth (出生), a move-in (迁入) or a late entry (补录). */
export async function createResident(c: Ctx, actor: Actor, body: z.infer<typeof NewResidentBody>) {
  return createOnce({
    requestId: body.clientRequestId,
    find: (rid) =>
      c.db
        .selectFrom('resident')
        .select('id')
        .where('county_code', '=', actor.countyCode)
        .where('created_by', '=', actor.accountId)
        .where('client_request_id', '=', rid)
        .executeTakeFirst(),
    constraint: 'resident_client_request_key',
    replay: (r) => ({ id: Number(r.id) }),
    create: () =>
      oneRecordPerPerson(() =>
        c.db.transaction().execute(async (tx) => {
          const h = await arch.lockHousehold(tx, scopeOf(actor), body.householdId);
          if (!h) throw new AppError('NOT_FOUND');
          const grid = await arch.gridOfCounty(tx, actor.countyCode, h.grid_code);
          const birth = body.event === 'birth';
          const r = await tx
            .insertInto('resident')
            .values({
              county_code: actor.countyCode,
              household_id: body.householdId,
              grid_code: h.grid_code,
              grid_path: grid!.path,
              relation: body.relation,
              ...personColumns(c.pii, body),
              created_at: c.now,
              created_by: actor.accountId,
              client_request_id: body.clientRequestId ?? null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await arch.recount(tx, actor.countyCode, body.householdId);
          await recordResidentChange(tx, c, actor, Number(r.id), {
            event: body.event,
            on: body.on ?? (birth ? body.birthDate : dayOf(c.now)),
            changed: [],
            auditAfter: { householdId: body.householdId },
          });
          return { id: Number(r.id) };
        }),
      ),
  });
}

const FIELD_COLUMNS = {
  name: 'name',
  gender: 'gender',
  birthDate: 'birth_date',
  relation: 'relation',
  maritalStatus: 'marital_status',
  isPartyMember: 'is_party_member',
} as const;

/** Corrects a resident's details; the ID number and phone are re-encrypted, the history names only the fields. */
export async function updateResident(
  c: Ctx,
  actor: Actor,
  id: number,
  body: z.infer<typeof UpdateResidentBody>,
) {
  return oneRecordPerPerson(() =>
    c.db.transaction().execute(async (tx) => {
      const r = await arch.lockResident(tx, scopeOf(actor), id);
      if (!r) throw new AppError('NOT_FOUND');
      if (body.version !== undefined && body.version !== r.version)
        throw new AppError('HOUSEHOLD_VERSION_CONFLICT');
      if (r.status === 'merged') throw new AppError('RESIDENT_NOT_PRESENT');
      const set: Updateable<DB['resident']> = {};
      const changed: string[] = [];
      for (const [field, col] of Object.entries(FIELD_COLUMNS) as [keyof typeof FIELD_COLUMNS, string][]) {
        const v = body[field];
        if (v === undefined || String(v) === String((r as Record<string, unknown>)[col])) continue;
        (set as Record<string, unknown>)[col] = v;
        changed.push(field);
      }
      if (body.idNumber !== undefined) {
        const same = await sameIdNumber(tx, c.pii, actor.countyCode, id, body.idNumber);
        if (!same) {
          Object.assign(set, idColumns(c.pii, body.idNumber));
          changed.push('idNumber');
        }
      }
      if (body.phone !== undefined) {
        Object.assign(set, phoneColumns(c.pii, body.phone));
        changed.push('phone');
      }
      if (changed.length === 0) return { id, version: r.version };
      await openIfNeeded(tx, { subject: 'resident', row: r });
      await tx
        .updateTable('resident')
        .set({ ...set, version: r.version + 1, updated_at: c.now })
        .where('county_code', '=', actor.countyCode)
        .where('id', '=', id)
        .execute();
      await recordResidentChange(tx, c, actor, id, { event: 'updated', reason: body.reason, changed });
      return { id, version: r.version + 1 };
    }),
  );
}

async function sameIdNumber(tx: Tx, pii: Pii, countyCode: string, id: number, idNumber: string) {
  const row = await tx
    .selectFrom('resident')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .where('id_number_hash', '=', pii.blindIndex('idNumber', idNumber))
    .executeTakeFirst();
  return !!row;
}

export type LockedResident = ResidentRecord & { version: number };
