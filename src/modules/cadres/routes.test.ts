import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
type H = { authorization: string };
let party: H;
let village: H;
let townshipCode: string;
let villageCode: string;

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers?: H, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  party = await signIn(t.app, 'party');
  village = await signIn(t.app, 'village');
  const acc = await t.db
    .selectFrom('account')
    .select('scope_code')
    .where('username', '=', 'village')
    .executeTakeFirstOrThrow();
  villageCode = acc.scope_code;
  townshipCode = villageCode.slice(0, 9);
});
afterAll(() => t.close());

describe('the demo reproduces seed 004 (J16)', () => {
  it('盘山县, the territory the seed describes, as its county centre sees it', async () => {
    const res = await call('GET', '/cadres/stats', await signIn(t.app, 'panshan'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      regionCode: '211122',
      averageAge: 40.8,
      college: { percent: 72.7 },
      oneShoulderVillages: { percent: 96.7 },
      oneShoulderCommunities: { percent: 100 },
      reserveCadres: 895,
      firstSecretaries: 147,
      mentorPairs: 20,
    });
  });

  it('铁岭县 (the demo county) carries the same figures', async () => {
    const res = await call('GET', '/cadres/stats', party);
    expect(res.json()).toMatchObject({
      averageAge: 40.8,
      college: { percent: 72.7 },
      oneShoulderVillages: { percent: 96.7 },
      reserveCadres: 895,
      firstSecretaries: 147,
    });
  });
});

describe('cadre routes', () => {
  it('401, 403, 400, 404 before anything changes', async () => {
    expect((await call('GET', '/cadres')).statusCode).toBe(401);
    expect((await call('GET', '/cadres', await signIn(t.app, 'gridworker'))).statusCode).toBe(403);
    const before = await countRows(t.db, 'cadre');
    const body = {
      regionCode: villageCode,
      name: '王新',
      gender: 'male',
      birthYear: 1990,
      education: 'college',
    };
    expect((await call('POST', '/cadres', village, body)).statusCode).toBe(403);
    expect((await call('POST', '/cadres', party, { ...body, birthYear: '１９９０' })).statusCode).toBe(400);
    const grid = await call('POST', '/cadres', party, {
      ...body,
      regionCode: `${villageCode}001`,
      posts: [],
    });
    expect(grid.statusCode).toBe(400);
    const township = await call('POST', '/cadres', party, {
      ...body,
      regionCode: townshipCode,
      posts: ['secretary'],
    });
    expect(township.json().error.code).toBe('CADRE_POSTS_NEED_VILLAGE');
    const other = await call('POST', '/cadres', party, { ...body, regionCode: '211122001211' });
    expect(other.statusCode).toBe(404);
    expect(await countRows(t.db, 'cadre')).toBe(before);
    expect((await call('GET', `/cadres?within=211122`, party)).statusCode).toBe(404);
  });

  it('registers a cadre (audited), masks the phone, reveals it with a reason (audited)', async () => {
    const made = await call('POST', '/cadres', party, {
      regionCode: villageCode,
      name: '刘新书记',
      gender: 'female',
      birthYear: 1992,
      education: 'bachelor',
      posts: ['secretary', 'director'],
      phone: '13912345678',
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as number;
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_type', '=', 'cadre')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['cadre.create']);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('13912345678');

    const list = await call('GET', `/cadres?within=${villageCode}&q=刘新`, village);
    const item = list.json().items.find((c: { id: number }) => c.id === id);
    expect(item).toMatchObject({ phone: '139****5678', oneShoulder: true, posts: ['secretary', 'director'] });

    expect((await call('POST', `/cadres/${id}/reveal`, village, { reason: '联系工作安排' })).statusCode).toBe(
      403,
    );
    expect((await call('POST', `/cadres/${id}/reveal`, party, {})).statusCode).toBe(400);
    const shown = await call('POST', `/cadres/${id}/reveal`, party, { reason: '联系工作安排' });
    expect(shown.json()).toEqual({ id, phone: '13912345678', idNumber: null });
    expect(shown.headers['cache-control']).toContain('no-store');
    const reveal = await t.db
      .selectFrom('audit_log')
      .select(['reason', 'after'])
      .where('action', '=', 'cadre.reveal')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(reveal.reason).toBe('联系工作安排');

    // training, a first-secretary posting, a mentor; the detail shows them
    expect(
      (
        await call('POST', `/cadres/${id}/trainings`, party, {
          title: '新任书记培训',
          heldOn: '2026-03-02',
          hours: 24,
        })
      ).statusCode,
    ).toBe(201);
    // hours the table cannot hold (it keeps one decimal and must be > 0) are bad input, never a 500
    for (const hours of [5.457780540967358e-271, 0.04, 0, 1000.1])
      expect(
        (await call('POST', `/cadres/${id}/trainings`, party, { title: '培训', heldOn: '2026-03-02', hours }))
          .statusCode,
        String(hours),
      ).toBe(400);
    const mentor = (await call('GET', `/cadres?within=${villageCode}&kind=committee&limit=1`, party)).json()
      .items[0].id;
    expect(
      (
        await call('POST', '/cadres/mentors', party, {
          mentorId: mentor,
          menteeId: id,
          startedOn: '2026-03-01',
        })
      ).statusCode,
    ).toBe(201);
    const again = await call('POST', '/cadres/mentors', party, {
      mentorId: mentor,
      menteeId: id,
      startedOn: '2026-03-01',
    });
    expect(again.json().error.code).toBe('CADRE_MENTOR_PAIRED');
    const detail = (await call('GET', `/cadres/${id}`, village)).json();
    expect(detail.trainings).toHaveLength(1);
    expect(detail.mentors[0]).toMatchObject({ mentorId: mentor, menteeId: id });

    expect((await call('PATCH', `/cadres/${id}`, party, { posts: ['secretary'] })).statusCode).toBe(204);
    expect((await call('GET', `/cadres/${id}`, village)).json().oneShoulder).toBe(false);
  });

  it('first secretaries: sent, counted on a date, ended once', async () => {
    const organ = await call('POST', '/cadres', party, {
      regionCode: '211221',
      name: '驻村干部甲',
      gender: 'male',
      birthYear: 1988,
      education: 'postgraduate',
      unit: '县科技局',
    });
    const id = organ.json().id as number;
    const before = (
      await call('GET', `/cadres/first-secretaries?within=${villageCode}&on=2026-06-01`, village)
    ).json().total;
    const posted = await call('POST', `/cadres/${id}/first-secretary`, party, {
      villageCode,
      sendingUnit: '县科技局',
      unitKind: 'technology',
      startedOn: '2026-05-01',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const on = (d: string) => call('GET', `/cadres/first-secretaries?within=${villageCode}&on=${d}`, village);
    expect((await on('2026-06-01')).json().total).toBe(before + 1);
    const postingId = posted.json().id;
    expect(
      (
        await call('POST', `/cadres/first-secretaries/${postingId}/end`, party, { endedOn: '2026-04-01' })
      ).json().error.code,
    ).toBe('CADRE_DATE_ORDER');
    expect(
      (await call('POST', `/cadres/first-secretaries/${postingId}/end`, party, { endedOn: '2026-05-20' }))
        .statusCode,
    ).toBe(204);
    expect(
      (
        await call('POST', `/cadres/first-secretaries/${postingId}/end`, party, { endedOn: '2026-05-21' })
      ).json().error.code,
    ).toBe('CADRE_POSTING_ENDED');
    expect((await on('2026-06-01')).json().total).toBe(before);
  });
});
