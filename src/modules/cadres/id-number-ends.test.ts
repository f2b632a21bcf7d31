import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
type H = { authorization: string };
let party: H;
let village: H;
let villageCode: string;

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers?: H, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  party = await signIn(t.app, 'party');
  village = await signIn(t.app, 'village');
  villageCode = (
    await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'village')
      .executeTakeFirstOrThrow()
  ).scope_code;
});
afterAll(() => t.close());

const cadre = (name: string, idNumber?: string) => ({
  regionCode: villageCode,
  name,
  gender: 'male',
  birthYear: 1980,
  education: 'college',
  posts: ['member'],
  ...(idNumber ? { idNumber } : {}),
});

describe("a cadre's ID number", () => {
  it('is kept encrypted, shown masked, one record per person, revealed with a reason (audited)', async () => {
    const made = await call('POST', '/cadres', party, cadre('身份甲', '21122119800101123x'));
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as number;
    const row = await t.db
      .selectFrom('cadre')
      .select(['id_number_enc', 'id_number_masked', 'id_number_hash'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.id_number_enc!.toString('latin1')).not.toContain('211221');
    expect(row.id_number_masked).not.toContain('19800101');
    expect((await call('GET', `/cadres/${id}`, village)).json().idNumber).toBe(row.id_number_masked);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'cadre.create')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain('19800101');

    // the same person again (lower-case x, spaces) is refused and nothing is written
    const before = await countRows(t.db, 'cadre');
    const twice = await call('POST', '/cadres', party, cadre('身份乙', ' 21122119800101123X '));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('CADRE_DUPLICATE');
    expect(await countRows(t.db, 'cadre')).toBe(before);
    const other = (await call('POST', '/cadres', party, cadre('身份丙'))).json().id;
    const patched = await call('PATCH', `/cadres/${other}`, party, { idNumber: '21122119800101123X' });
    expect(patched.json().error.code).toBe('CADRE_DUPLICATE');
    // full-width digits are bad input
    expect(
      (await call('POST', '/cadres', party, cadre('身份丁', '２１１２２１１９８００１０１１２３４')))
        .statusCode,
    ).toBe(400);

    const shown = await call('POST', `/cadres/${id}/reveal`, party, {
      reason: '核对任职资格',
      fields: ['idNumber'],
    });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toEqual({ id, phone: null, idNumber: '21122119800101123X' });
    expect(shown.headers['cache-control']).toContain('no-store');
    const reveal = await t.db
      .selectFrom('audit_log')
      .select(['reason', 'after'])
      .where('action', '=', 'cadre.reveal')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(reveal).toEqual({ reason: '核对任职资格', after: { fields: ['idNumber'] } });
  });
});

describe('ending a mentor pair', () => {
  it('with a date and a reason, once, audited', async () => {
    const mentor = (await call('POST', '/cadres', party, cadre('导师戊'))).json().id;
    const mentee = (await call('POST', '/cadres', party, cadre('新书记己'))).json().id;
    const pair = await call('POST', '/cadres/mentors', party, {
      mentorId: mentor,
      menteeId: mentee,
      startedOn: '2026-01-05',
    });
    expect(pair.statusCode, pair.body).toBe(201);
    const pairId = pair.json().id;
    const end = (b: object, who: H = party) => call('POST', `/cadres/mentors/${pairId}/end`, who, b);

    expect((await end({ endedOn: '2026-06-30', reason: '帮带期满' }, village)).statusCode).toBe(403);
    expect((await end({ endedOn: '2026-06-30' })).statusCode).toBe(400);
    expect((await end({ endedOn: '2025-12-31', reason: '帮带期满' })).json().error.code).toBe(
      'CADRE_DATE_ORDER',
    );
    expect((await end({ endedOn: '2026-06-30', reason: '帮带期满' })).statusCode).toBe(204);
    expect((await end({ endedOn: '2026-07-01', reason: '再次结束' })).json().error.code).toBe(
      'CADRE_PAIRING_ENDED',
    );

    const detail = (await call('GET', `/cadres/${mentee}`, party)).json();
    expect(detail.mentors[0]).toMatchObject({ endedOn: '2026-06-30', endReason: '帮带期满' });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['reason', 'after'])
      .where('action', '=', 'cadre.mentor_end')
      .where('entity_id', '=', String(mentee))
      .execute();
    expect(audit).toEqual([
      { reason: '帮带期满', after: { pairingId: pairId, mentorId: mentor, endedOn: '2026-06-30' } },
    ]);
    // a new pair of the same two may start again once the old one ended
    expect(
      (
        await call('POST', '/cadres/mentors', party, {
          mentorId: mentor,
          menteeId: mentee,
          startedOn: '2026-07-01',
        })
      ).statusCode,
    ).toBe(201);
  });
});
