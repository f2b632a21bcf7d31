import './errors.js'; // registers this module's codes (ADR 0005)
import type { Db, Tx } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { closeAccount, forgetAccounts, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { historyOf } from './history.js';

/** The resident record behind a resident's account (403 when the account has none). */
export async function myResident(db: Db | Tx, actor: Actor) {
  const row = await db
    .selectFrom('resident_account as l')
    .innerJoin('resident as r', (j) =>
      j.onRef('r.county_code', '=', 'l.county_code').onRef('r.id', '=', 'l.resident_id'),
    )
    .select(['r.id', 'r.household_id', 'r.grid_path'])
    .where('l.account_id', '=', actor.accountId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_A_RESIDENT_ACCOUNT');
  return { residentId: Number(row.id), householdId: Number(row.household_id), gridPath: row.grid_path };
}

/**
 * What the system holds about the caller and their household (PIPL 查阅、复制): their own record in
 * full (their own ID number and phone — the view is audited like any full view), their household,
 * the other members masked, and the history of their own record. `download` marks the copy.
 */
export async function myData(db: Db, pii: Pii, actor: Actor, download: boolean, requestId?: string) {
  return db.transaction().execute(async (tx) => {
    const me = await myResident(tx, actor);
    const r = await tx
      .selectFrom('resident')
      .selectAll()
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', me.residentId)
      .executeTakeFirstOrThrow();
    const h = await tx
      .selectFrom('household as h')
      .innerJoin('region as g', 'g.code', 'h.grid_code')
      .leftJoin('grid_unit as u', (j) =>
        j.onRef('u.county_code', '=', 'h.county_code').onRef('u.id', '=', 'h.unit_id'),
      )
      .select(['h.id', 'h.address', 'h.care_tags', 'g.name as grid_name', 'u.name as unit_name'])
      .where('h.county_code', '=', actor.countyCode)
      .where('h.id', '=', me.householdId)
      .executeTakeFirstOrThrow();
    const members = await tx
      .selectFrom('resident')
      .select(['id', 'name', 'relation', 'birth_date', 'id_number_masked', 'phone_masked', 'status'])
      .where('county_code', '=', actor.countyCode)
      .where('household_id', '=', me.householdId)
      .where('id', '<>', me.residentId)
      .where('status', '=', 'present')
      .orderBy('id')
      .execute();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: download ? 'resident.self_download' : 'resident.self_view',
      entityType: 'resident',
      entityId: me.residentId,
      after: { fields: ['idNumber', 'phone'] },
      requestId,
    });
    const history = await historyOf(tx, actor.countyCode, 'resident', me.residentId);
    return {
      me: {
        id: Number(r.id),
        name: r.name,
        gender: r.gender,
        birthDate: r.birth_date,
        relation: r.relation,
        idNumber: pii.decrypt(r.id_number_enc),
        phone: r.phone_enc ? pii.decrypt(r.phone_enc) : null,
        maritalStatus: r.marital_status,
        careTags: r.care_tags,
        isPartyMember: r.is_party_member,
        status: r.status,
      },
      household: {
        id: Number(h.id),
        address: h.address,
        gridName: h.grid_name,
        unitName: h.unit_name,
        careTags: h.care_tags,
        members: members.map((m) => ({
          id: Number(m.id),
          name: m.name,
          relation: m.relation,
          birthYear: Number(m.birth_date.slice(0, 4)),
          idNumber: m.id_number_masked,
          phone: m.phone_masked,
        })),
      },
      history: history.map((e) => ({
        event: e.event,
        at: e.at.toISOString(),
        effectiveOn: e.effective_on,
        actorName: e.actor_name,
        changed: e.changed,
      })),
      exportedAt: new Date().toISOString(),
    };
  });
}

/**
 * Closes the caller's own account (PIPL 删除): the link to their record and the account's name go,
 * sessions end; what they reported keeps its public content (the reports stay, pointing at a closed,
 * nameless account). The archive record itself is kept by the village: it is the public register.
 */
export async function closeMyAccount(db: Db, actor: Actor, now: Date, requestId?: string) {
  const done = await db.transaction().execute(async (tx) => {
    const me = await myResident(tx, actor);
    await tx.deleteFrom('resident_account').where('account_id', '=', actor.accountId).execute();
    const namesReplaced = await closeAccount(tx, actor.accountId, now);
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'account.close',
      entityType: 'account',
      entityId: actor.accountId,
      after: { residentId: me.residentId, namesReplaced },
      requestId,
    });
    return { closed: true as const };
  });
  forgetAccounts([actor.accountId]); // committed: this instance forgets its sessions at once
  return done;
}
