import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { REVEAL_SEARCH_LIMIT as EXACT_SEARCH_LIMIT } from '../audit/index.js';

type H = { authorization: string };
let t: TestApp;
let village: H, party: H, township: H;
let target: { id: number; phone: string; idNumber: string };

const REASON = encodeURIComponent('来电核实身份');
const search = (h: H, query: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/residents?${query}`, headers: h });
const searches = () =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', 'resident.search').orderBy('id').execute();

beforeAll(async () => {
  t = await createTestApp();
  village = await signIn(t.app, 'village');
  party = await signIn(t.app, 'party');
  township = await signIn(t.app, 'township');
  const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: village })).json();
  const r = await t.db
    .selectFrom('resident')
    .select(['id', 'phone_enc', 'id_number_enc'])
    .where('grid_code', 'like', `${me.scope.code}%`)
    .where('phone_enc', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  target = {
    id: r.id,
    phone: t.ctx.pii.decrypt(r.phone_enc!),
    idNumber: t.ctx.pii.decrypt(r.id_number_enc),
  };
});
afterAll(() => t.close());

describe('exact search by ID number or phone is a reveal', () => {
  it('is refused to a role without the reveal right (403), and nothing is audited', async () => {
    const res = await search(party, `phone=${target.phone}&reason=${REASON}`);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain(String(target.id));
    // the fuzzy name search stays open to readers
    expect((await search(party, 'name=%E7%8E%8B&limit=1')).statusCode).toBe(200);
    expect(await searches()).toHaveLength(0);
  });

  it('needs a reason (400), and nothing is audited', async () => {
    const none = await search(village, `phone=${target.phone}`);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('REASON_REQUIRED');
    expect((await search(village, `idNumber=${target.idNumber}&reason=ab`)).statusCode).toBe(400);
    expect(await searches()).toHaveLength(0);
  });

  it('is audited with who, the field and the reason — never the value — and not cached', async () => {
    const res = await search(village, `phone=${target.phone}&reason=${REASON}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json().items.map((x: { id: number }) => x.id)).toContain(target.id);
    expect(res.body).not.toContain(target.phone);
    const rows = await searches();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_role: 'village_staff',
      reason: '来电核实身份',
      entity_type: 'resident',
    });
    expect(rows[0]!.after).toMatchObject({ fields: ['phone'] });
    expect(JSON.stringify(rows[0])).not.toContain(target.phone);
    expect(JSON.stringify(rows[0])).not.toContain(target.phone.slice(3));
  });

  it(`allows ${EXACT_SEARCH_LIMIT} a minute per account, counted in the database (429 after)`, async () => {
    const already = (await searches()).filter((r) => r.actor_role === 'village_staff').length;
    for (let i = already; i < EXACT_SEARCH_LIMIT; i++) {
      const guess = `139${String(10_000_000 + i).slice(-8)}`;
      expect((await search(village, `phone=${guess}&reason=${REASON}`)).statusCode).toBe(200);
    }
    const over = await search(village, `idNumber=${target.idNumber}&reason=${REASON}`);
    expect(over.statusCode).toBe(429);
    expect(over.json().error.code).toBe('RATE_LIMITED');
    expect(over.body).not.toContain(String(target.id));
    expect(await searches()).toHaveLength(EXACT_SEARCH_LIMIT); // the refused one changed nothing
    // another account has its own allowance
    expect((await search(township, `idNumber=${target.idNumber}&reason=${REASON}`)).statusCode).toBe(200);
    // a second app instance on the same database (a restart, another server) still refuses
    const second = await buildApp(t.ctx, { logLevel: 'silent' });
    const again = await second.inject({
      method: 'GET',
      url: `/api/v1/residents?phone=${target.phone}&reason=${REASON}`,
      headers: village,
    });
    await second.close();
    expect(again.statusCode).toBe(429);
    // a minute later the window has moved on
    // (the audit log is append-only: its guard is lifted for this one statement of the test)
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t.db);
    await sql`UPDATE audit_log SET at = at - interval '61 seconds' WHERE action = 'resident.search'`.execute(
      t.db,
    );
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(t.db);
    expect((await search(village, `phone=${target.phone}&reason=${REASON}`)).statusCode).toBe(200);
  });
});

describe('a masked ID number beside the other fields', () => {
  it('cannot be completed: first and last character only, and the birth year without the date', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/residents/${target.id}`,
      headers: village,
    });
    const r = res.json();
    expect(r.idNumber).toMatch(/^\d\*{16}[\dX]$/);
    expect(r).not.toHaveProperty('birthDate');
    expect(r.birthYear).toBe(Number(target.idNumber.slice(6, 10)));
    const shown = JSON.stringify(r);
    expect(shown).not.toContain(target.idNumber.slice(6, 14)); // the birth date
    expect(shown).not.toContain(target.idNumber.slice(-4));
  });

  it('migration 0035 re-masks what the old mask stored', async () => {
    const file = path.join(import.meta.dirname, '../../platform/db/migrations/0035_id_number_mask.sql');
    await t.db
      .updateTable('resident')
      .set({ id_number_masked: '211***********1234' })
      .where('id', '=', target.id)
      .execute();
    await sql.raw(fs.readFileSync(file, 'utf8')).execute(t.db);
    const row = await t.db
      .selectFrom('resident')
      .select('id_number_masked')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(row.id_number_masked).toBe('2****************4');
  });
});
