import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
let village: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  village = await signIn(t.app, 'village');
});
afterAll(() => t.close());

const ID_MASK = /^\d\*{16}[\dX]$/;

describe('households and residents', () => {
  it('lists only households inside the caller’s village, with personal data masked', async () => {
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: village })).json();
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/households?limit=500', headers: village });
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    expect(total).toBeGreaterThan(0);
    expect(items.every((h: { gridCode: string }) => h.gridCode.startsWith(me.scope.code))).toBe(true);
    const inDb = await t.db
      .selectFrom('household')
      .select('id')
      .where('grid_code', 'like', `${me.scope.code}%`)
      .execute();
    expect(total).toBe(inDb.length);

    const detail = (
      await t.app.inject({ method: 'GET', url: `/api/v1/households/${items[0].id}`, headers: village })
    ).json();
    expect(detail.members.length).toBe(detail.memberCount);
    for (const m of detail.members) {
      expect(m.idNumber).toMatch(ID_MASK);
      if (m.phone) expect(m.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
  });

  it('a household outside the scope is 404', async () => {
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: village })).json();
    const other = await t.db
      .selectFrom('household')
      .select('id')
      .where('grid_code', 'not like', `${me.scope.code}%`)
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/households/${other.id}`,
      headers: village,
    });
    expect(res.statusCode).toBe(404);
    const outside = await t.app.inject({
      method: 'GET',
      url: '/api/v1/households?within=211221999',
      headers: village,
    });
    expect(outside.statusCode).toBe(404);
  });

  it('stores ID numbers and phones encrypted; demo ID numbers fail the check digit', async () => {
    const r = await t.db
      .selectFrom('resident')
      .select(['id', 'id_number_enc', 'id_number_masked'])
      .limit(50)
      .execute();
    for (const x of r) {
      expect(x.id_number_enc.toString('latin1')).not.toMatch(/\d{17}/);
      const clear = t.ctx.pii.decrypt(x.id_number_enc);
      expect(clear.slice(-1)).toBe(x.id_number_masked.slice(-1));
      expect(x.id_number_masked).toMatch(/^\d\*{16}[\dX]$/);
      const { isValidIdNumber } = await import('../demo/index.js');
      expect(isValidIdNumber(clear)).toBe(false);
    }
  });

  it('reveal needs a reason, is audited, and is scoped', async () => {
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/v1/residents?limit=5', headers: village })
    ).json().items;
    const id = list[0].id as number;
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/v1/residents/${id}/reveal`,
      headers: village,
      payload: { fields: ['idNumber'] },
    });
    expect(noReason.statusCode).toBe(400);
    const auditBefore = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'resident.reveal')
      .execute();
    expect(auditBefore).toHaveLength(0);

    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/residents/${id}/reveal`,
      headers: village,
      payload: { reason: '入户走访核对身份信息', fields: ['idNumber', 'phone'] },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(ok.json().idNumber.slice(-1)).toBe(list[0].idNumber.slice(-1));
    expect(ok.headers['cache-control']).toBe('no-store');
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'resident.reveal')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      entity_id: String(id),
      reason: '入户走访核对身份信息',
      actor_role: 'village_staff',
    });
    expect(JSON.stringify(audit[0])).not.toContain(ok.json().idNumber);

    // a searchable exact match by the revealed ID number (keyed hash)
    const found = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/residents?idNumber=${ok.json().idNumber}&reason=${encodeURIComponent('核对来访人身份')}`,
        headers: village,
      })
    ).json().items;
    expect(found.map((x: { id: number }) => x.id)).toEqual([id]);

    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: village })).json();
    const other = await t.db
      .selectFrom('resident')
      .select('id')
      .where('grid_code', 'not like', `${me.scope.code}%`)
      .executeTakeFirstOrThrow();
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/residents/${other.id}/reveal`,
      headers: village,
      payload: { reason: '越权查看测试', fields: ['phone'] },
    });
    expect(denied.statusCode).toBe(404);
    expect(
      await t.db.selectFrom('audit_log').select('id').where('action', '=', 'resident.reveal').execute(),
    ).toHaveLength(1);
  });

  it('department staff may not read household archives (403)', async () => {
    const dept = await signIn(t.app, 'department');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/households', headers: dept })).statusCode).toBe(
      403,
    );
  });
});
