import { idNumberColumns, phoneColumns } from '../../platform/crypto.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notify/index.js';
import { pathOf } from '../regions/index.js';
import { can } from './abilities.js';
import type { PetitionDeps } from './context.js';
import { beijingDate, limitEnd } from './limits.js';
import * as repo from './repository.js';
import { receiverFor } from './schedule.js';
import type { RegisterInput } from './schemas.js';
import { staffingOf, windowsOf } from './window-repository.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/** 王小明 → 王**: the family name only. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** Who receives a visitor at the county centre today, and the on-call unit to call: never no one. */
export async function nameReceiver(
  deps: PetitionDeps,
  countyCode: string,
  date: string,
  wanted: number | null,
) {
  const [windows, staffing] = await Promise.all([
    windowsOf(deps.db, countyCode),
    staffingOf(deps.db, countyCode),
  ]);
  if (wanted !== null && !windows.some((w) => w.id === wanted && w.active))
    throw new AppError('PETITION_WINDOW_NOT_FOUND');
  // a public holiday of the county's calendar: only the permanent windows sit
  const holiday = deps.calendar(countyCode).dayInfo(date);
  const isHoliday = holiday?.kind === 'holiday';
  return {
    receiver: receiverFor(windows, date, staffing, wanted, isHoliday),
    windows,
    staffing,
    holiday: isHoliday ? (holiday.name ?? '节假日') : null,
  };
}

/**
 * A visitor (or a group) received at a window of the centre, or a villager's matter registered on
 * their behalf by the village's staff (信访代理). Name, ID number and phone are stored encrypted with
 * a keyed hash and a masked copy; the audit row names fields, never values. The 15 days to decide
 * start now. At the county centre the system names who receives the visitor (the window asked for,
 * else a permanent window, else the centre) and calls an on-call unit that is wanted.
 */
export async function registerPetition(
  deps: PetitionDeps,
  actor: Actor,
  input: RegisterInput,
  requestId: string,
) {
  const agency = can(actor, 'petitions.agency');
  if (!agency && !can(actor, 'petitions.receive')) throw new AppError('FORBIDDEN');
  if (input.groupVisit ? input.headcount < 2 : input.headcount !== 1)
    throw new AppError('PETITION_HEADCOUNT');
  const regionCode = input.regionCode ?? actor.scopeCode;
  const region = await deps.db
    .selectFrom('region')
    .select(['code', 'level'])
    .where('code', '=', regionCode)
    .executeTakeFirst();
  // a place outside the caller's view is as unknown as one that does not exist
  if (!region || !inScope(actor, pathOf(regionCode))) throw new AppError('NOT_FOUND');
  const windowed = actor.role === 'county_centre';
  if (input.windowId !== undefined && !windowed) throw new AppError('PETITION_WINDOW_NOT_FOUND');
  const now = deps.now();
  const named = windowed
    ? await nameReceiver(deps, actor.countyCode, beijingDate(now), input.windowId ?? null)
    : null;
  const v = input.visitor;
  return createOnce({
    requestId: input.clientRequestId,
    find: (rid) => repo.findByClientRequest(deps.db, actor.countyCode, actor.accountId, rid),
    constraint: 'petition_client_request_idx',
    replay: ({ matter, ...earlier }) => {
      if (matter !== input.matter) throw new AppError('REQUEST_ID_REUSED');
      return { ...earlier, receiver: { names: [], via: 'replay' }, replayed: true };
    },
    create: () =>
      deps.db.transaction().execute(async (tx) => {
        const number = await repo.nextPetitionNumber(tx, now);
        const row = await tx
          .insertInto('petition')
          .values({
            county_code: actor.countyCode,
            number,
            channel: agency ? 'agency' : 'window',
            window_id: named?.receiver.windowId ?? null,
            receiver_account_id: actor.accountId,
            region_code: regionCode,
            region_path: pathOf(regionCode),
            visitor_name_enc: deps.pii.encrypt(v.name),
            visitor_name_masked: maskName(v.name),
            ...idNumberColumns(deps.pii, v.idNumber),
            ...phoneColumns(deps.pii, v.phone),
            group_visit: input.groupVisit,
            headcount: input.headcount,
            matter: input.matter,
            state: 'registered',
            received_at: now,
            due_at: limitEnd('decide', now),
            due_kind: 'decide',
            client_request_id: input.clientRequestId ?? null,
            created_at: now,
            updated_at: now,
          })
          .returning(['id', 'number', 'state'])
          .executeTakeFirstOrThrow();
        await repo.recordStep(tx, {
          countyCode: actor.countyCode,
          petitionId: row.id,
          at: now,
          action: agency ? 'register_agency' : 'register',
          from: null,
          to: 'registered',
          actor,
          note: input.groupVisit ? `集体访 ${input.headcount} 人` : null,
        });
        await recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'petition.register',
          entityType: 'petition',
          entityId: row.id,
          after: {
            state: 'registered',
            channel: agency ? 'agency' : 'window',
            windowId: named?.receiver.windowId ?? null,
            headcount: input.headcount,
            fields: ['name', ...(v.idNumber ? ['idNumber'] : []), ...(v.phone ? ['phone'] : [])],
          },
          requestId,
        });
        if (named) {
          const title = `信访接待 ${row.number}：请接待来访群众`;
          await notify(tx, {
            countyCode: actor.countyCode,
            accountIds: named.receiver.accountIds.filter((a) => a !== actor.accountId),
            kind: 'petition.receive',
            about: { type: 'petition', id: row.id },
            title,
            event: { number: row.number, state: row.state },
          });
          if (named.receiver.called)
            await notify(tx, {
              countyCode: actor.countyCode,
              accountIds: named.receiver.called.accountIds.filter((a) => a !== actor.accountId),
              kind: 'petition.call',
              about: { type: 'petition', id: row.id },
              title: `信访超市呼叫 ${row.number}：有群众需要贵单位接待，请到综治中心窗口`,
              event: { number: row.number, state: row.state },
            });
        } else {
          // an agency registration: the township centre over the village decides on it
          const office = await tx
            .selectFrom('account')
            .select('id')
            .where('disabled', '=', false)
            .where('role', '=', 'township_centre')
            .where('scope_code', '=', regionCode.slice(0, 9))
            .execute();
          await notify(tx, {
            countyCode: actor.countyCode,
            accountIds: office.map((o) => o.id).filter((a) => a !== actor.accountId),
            kind: 'petition.registered',
            about: { type: 'petition', id: row.id },
            title: `信访事项 ${row.number}：待决定是否受理（15日内）`,
            event: { number: row.number, state: row.state },
          });
        }
        const names = named
          ? named.receiver.accountIds.map((a) => named.staffing.names.get(a) ?? actor.displayName)
          : [actor.displayName];
        return { ...row, receiver: { names, via: named?.receiver.via ?? 'agency' }, replayed: false };
      }),
  });
}

/**
 * The visitor's full name, ID number and/or phone: PIPL — a reason is required and the view is
 * audited (fields and reason, never values) in the transaction that reads the ciphertext.
 */
export async function revealPetitioner(
  deps: PetitionDeps,
  actor: Actor,
  id: number,
  input: { reason: string; fields: Array<'name' | 'idNumber' | 'phone'> },
  requestId: string,
) {
  return deps.db.transaction().execute(async (tx) => {
    const p = await tx
      .selectFrom('petition as p')
      .select(['p.id', 'p.county_code', 'p.visitor_name_enc', 'p.id_number_enc', 'p.phone_enc'])
      .where(repo.visibleTo(actor, actor.scopePath))
      .where('p.id', '=', id)
      .executeTakeFirst();
    if (!p) throw new AppError('NOT_FOUND');
    const fields = [...new Set(input.fields)];
    await recordAudit(tx, {
      actor,
      countyCode: p.county_code,
      action: 'petition.reveal',
      entityType: 'petition',
      entityId: p.id,
      after: { fields },
      reason: input.reason,
      requestId,
    });
    const out: { id: number; name?: string; idNumber?: string | null; phone?: string | null } = { id: p.id };
    if (fields.includes('name')) out.name = deps.pii.decrypt(p.visitor_name_enc);
    if (fields.includes('idNumber'))
      out.idNumber = p.id_number_enc ? deps.pii.decrypt(p.id_number_enc) : null;
    if (fields.includes('phone')) out.phone = p.phone_enc ? deps.pii.decrypt(p.phone_enc) : null;
    return out;
  });
}
