/**
 * A whole Open311 client session (as FixMyStreet runs it): discovery → services →
 * definition → POST a request with attributes → GET it → staff move it through the
 * workflow with the regular API → GET servicerequestupdates shows every step and the
 * after-photo → GET the request shows it closed/fixed → the client posts a comment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, pointInGrid, upload } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import {
  COUNTY,
  get,
  GRID,
  issueKey,
  NUMBER_ID,
  postForm,
  TOWNSHIP,
  W3C,
  xml,
} from '../../../test/kits/open311.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type H = { authorization: string };
const J = `jurisdiction_id=${COUNTY}`;
const act = (h: H, id: number, action: string, body: object = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions/${action}`, headers: h, payload: body });
type Update = {
  update_id: string;
  service_request_id: string;
  status: string;
  updated_datetime: string;
  description: string;
  media_url: string | null;
  external_status_code: string;
};

describe('Open311 client flow', () => {
  it('reports a broken street light and follows it to fixed, with the after-photo', async () => {
    t.clock.set('2024-05-06T09:00:00+08:00');
    const discovery = (await get(t.app, '/open311/v2/discovery.json')).json() as {
      endpoints: Array<{ url: string }>;
    };
    const base = discovery.endpoints[0]!.url;
    expect(base).toBe('http://localhost:80/open311/v2');
    const services = (await get(t.app, `/open311/v2/services.json?${J}`)).json() as Array<{
      service_code: string;
      service_name: string;
      metadata: boolean;
    }>;
    const light = services.find((s) => s.service_name === '路灯')!;
    expect(light.metadata).toBe(true);
    const def = (await get(t.app, `/open311/v2/services/${light.service_code}.json?${J}`)).json() as {
      attributes: Array<{
        code: string;
        required: boolean;
        datatype: string;
        values?: Array<{ key: string }>;
      }>;
    };
    const answers: Record<string, string[]> = {};
    for (const a of def.attributes.filter((x) => x.required))
      answers[a.datatype === 'multivaluelist' ? `attribute[${a.code}][]` : `attribute[${a.code}]`] = [
        a.values![0]!.key,
      ];

    const admin = await signIn(t.app, 'admin');
    const { key } = await issueKey(t.app, admin, 'FixMyStreet 铁岭');
    const at = await pointInGrid(t.db, GRID);
    const posted = await postForm(t.app, '/open311/v2/requests.xml', {
      api_key: key,
      jurisdiction_id: COUNTY,
      service_code: light.service_code,
      lat: String(at.lat),
      long: String(at.lng),
      description: '村口路灯不亮',
      ...answers,
    });
    expect(posted.statusCode, posted.body).toBe(200);
    const number = (
      xml(posted.body) as { service_requests: { request: Array<{ service_request_id: string }> } }
    ).service_requests.request[0]!.service_request_id;
    expect(number).toMatch(NUMBER_ID);
    const [open] = (await get(t.app, `/open311/v2/requests/${number}.json?${J}`)).json() as Array<
      Record<string, unknown>
    >;
    const village = await t.db
      .selectFrom('region')
      .select('name')
      .where('code', '=', GRID.slice(0, 12))
      .executeTakeFirstOrThrow();
    expect(open).toMatchObject({
      status: 'open',
      status_notes: '已上报',
      agency_responsible: village.name,
      expected_datetime: expect.stringMatching(W3C),
    });

    // staff work the case with the regular API (J1's chain, in 铁岭县)
    const { id } = await t.db
      .selectFrom('cases')
      .select('id')
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    const [worker, centre, office] = [
      await signIn(t.app, 'gridworker'),
      await signIn(t.app, 'township'),
      await signIn(t.app, 'township-cgb'),
    ];
    t.clock.set('2024-05-06T09:30:00+08:00');
    expect(
      (await act(worker, id, 'escalate', { note: '需镇城管办更换灯泡（内部备注）' })).json(),
    ).toMatchObject({ state: 'filed', tier: 'township' });
    const depts = (
      await t.app.inject({ method: 'GET', url: '/api/v1/departments?tier=township', headers: centre })
    ).json().items as Array<{ id: number; code: string; regionCode: string; name: string }>;
    const cgb = depts.find((d) => d.code === 'urban_management_office' && d.regionCode === TOWNSHIP)!;
    t.clock.set('2024-05-06T10:00:00+08:00');
    expect(
      (await act(centre, id, 'dispatch', { departmentId: cgb.id, note: '请尽快处理' })).json().state,
    ).toBe('dispatched');
    t.clock.set('2024-05-06T10:30:00+08:00');
    expect((await act(office, id, 'accept')).json().state).toBe('accepted');
    t.clock.set('2024-05-07T15:00:00+08:00');
    const after = await upload(t.app, office, await jpeg('#ccddee'));
    expect(
      (
        await act(office, id, 'handle', { note: '已更换灯泡，电工王师傅 13900001111', photoIds: [after] })
      ).json().state,
    ).toBe('handled');
    t.clock.set('2024-05-07T15:30:00+08:00');
    expect((await act(centre, id, 'close', { note: '核查属实' })).json().state).toBe('closed');

    // the client polls for updates
    const window = `${J}&start_date=2024-05-06T00:00:00%2B08:00&end_date=2024-05-08T00:00:00%2B08:00`;
    const res = await get(t.app, `/open311/v2/servicerequestupdates.json?${window}`);
    expect(res.statusCode).toBe(200);
    const updates = (res.json() as Update[]).filter((u) => u.service_request_id === number);
    expect(updates.map((u) => [u.status, u.description, u.external_status_code, u.updated_datetime])).toEqual(
      [
        ['internal_referral', '已上报上级', 'filed', '2024-05-06T09:30:00+08:00'],
        ['action_scheduled', '已派遣', 'dispatched', '2024-05-06T10:00:00+08:00'],
        ['in_progress', '已签收', 'accepted', '2024-05-06T10:30:00+08:00'],
        ['in_progress', '已处置', 'handled', '2024-05-07T15:00:00+08:00'],
        ['fixed', '已结案', 'closed', '2024-05-07T15:30:00+08:00'],
      ],
    );
    for (const u of updates) {
      expect(Object.keys(u)).toEqual([
        'update_id',
        'service_request_id',
        'status',
        'updated_datetime',
        'description',
        'media_url',
        'external_status_code',
      ]);
      expect(u.update_id).toMatch(/^\d+$/);
    }
    // media_url is the photo's one address, on the server that answered
    const media = `${base.replace(/\/open311\/v2$/, '')}/api/v1/photos/${after}/public`;
    expect(updates.map((u) => u.media_url)).toEqual([null, null, null, media, null]);
    for (const secret of ['内部备注', '请尽快处理', '王师傅', '13900001111', '核查属实'])
      expect(res.body).not.toContain(secret);

    const x = xml((await get(t.app, `/open311/v2/servicerequestupdates.xml?${window}`)).body) as {
      service_request_updates: { request_update: Array<Record<string, string>> };
    };
    const xu = x.service_request_updates.request_update.filter((u) => u.service_request_id === number);
    expect(xu.map((u) => u.status)).toEqual(updates.map((u) => u.status));
    expect(xu[0]!.media_url).toBe('');
    expect(xu[3]!.media_url).toBe(media);

    // the after-photo is served to anyone (the EXIF-free copy), its original is not
    const img = await t.app.inject({ method: 'GET', url: `/api/v1/photos/${after}/public` });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.headers['cache-control']).toBe('public, max-age=86400');
    expect(img.headers['x-content-type-options']).toBe('nosniff');
    expect(img.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect((await get(t.app, `/api/v1/photos/${after}/original`)).statusCode).toBe(404);

    const [closed] = (
      await get(t.app, `/open311/v2/requests/${number}.json?${J}&extensions=true`)
    ).json() as Array<Record<string, unknown>>;
    expect(closed).toMatchObject({
      status: 'closed',
      status_notes: '已结案',
      updated_datetime: '2024-05-07T15:30:00+08:00',
      expected_datetime: null,
      agency_responsible: cgb.name,
      extended_attributes: { status: 'fixed', external_status_code: 'closed' },
    });
    const xr = (
      xml((await get(t.app, `/open311/v2/requests/${number}.xml?${J}`)).body) as {
        service_requests: { request: Array<Record<string, string>> };
      }
    ).service_requests.request[0]!;
    expect(xr).toMatchObject({
      status: 'closed',
      expected_datetime: '',
      updated_datetime: '2024-05-07T15:30:00+08:00',
    });

    // the resident, on the client, says it is still dark: a comment, not a state change
    t.clock.set('2024-05-08T20:00:00+08:00');
    const comment = {
      api_key: key,
      service_request_id: number,
      update_id: 'fms-77',
      status: 'OPEN',
      updated_datetime: '2024-05-08T20:00:00+08:00',
      description: '晚上还是不亮',
      media_url: 'https://fms.example.org/p/77.jpeg',
      first_name: '三',
      last_name: '张',
      email: 'z@example.org',
    };
    const c1 = await postForm(t.app, '/open311/v2/servicerequestupdates.json', comment);
    expect(c1.statusCode, c1.body).toBe(200);
    const { update_id } = (c1.json() as Array<{ update_id: string }>)[0]!;
    expect(update_id).toMatch(/^\d+$/);
    const again = await postForm(t.app, '/open311/v2/servicerequestupdates.xml', comment);
    expect(xml(again.body)).toEqual({ service_request_updates: { request_update: [{ update_id }] } });

    const staffView = (
      await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: centre })
    ).json() as {
      state: string;
      version: number;
      history: Array<{ action: string; note: string; actorName: string }>;
    };
    expect(staffView.state).toBe('closed');
    const notes = staffView.history.filter((h) => h.action === 'comment');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.note).toContain('晚上还是不亮');
    expect(notes[0]!.note).toContain('https://fms.example.org/p/77.jpeg');
    expect(notes[0]!.actorName).toBe('Open311：FixMyStreet 铁岭');
    const inbox = (await t.app.inject({ method: 'GET', url: '/api/v1/inbox', headers: centre })).json()
      .items as Array<{ kind: string }>;
    expect(inbox.map((n) => n.kind)).toContain('case.comment');

    const later = (
      await get(t.app, `/open311/v2/servicerequestupdates.json?${J}&start_date=2024-05-08T00:00:00Z`)
    ).json() as Update[];
    expect(later).toContainEqual({
      update_id,
      service_request_id: number,
      status: 'fixed',
      updated_datetime: '2024-05-08T20:00:00+08:00',
      description: '晚上还是不亮',
      media_url: 'https://fms.example.org/p/77.jpeg',
      external_status_code: 'closed',
    });
    expect(JSON.stringify(later)).not.toContain('z@example.org');
  });
});

describe('Open311 updates: errors and what is never published', () => {
  it('refuses bad updates', async () => {
    const { key } = await issueKey(t.app, await signIn(t.app, 'admin'));
    const [one] = (
      await get(t.app, `/open311/v2/requests.json?${J}&start_date=2024-05-01T00:00:00Z`)
    ).json() as Array<{ service_request_id: string }>;
    const ok = {
      api_key: key,
      service_request_id: one!.service_request_id,
      update_id: 'x1',
      status: 'OPEN',
      updated_datetime: '2024-05-08T20:00:00Z',
      description: 'hi',
    };
    const checks: Array<[Record<string, string>, number]> = [
      [{ api_key: '' }, 403],
      [{ api_key: 'o311_wrong-wrong-wrong' }, 403],
      [{ service_request_id: '211221-20000101-000000' }, 404],
      [{ status: 'DONE' }, 400],
      [{ update_id: '' }, 400],
      [{ updated_datetime: 'now' }, 400],
      [{ description: '' }, 400],
      [{ jurisdiction_id: '211122' }, 403],
    ];
    for (const [change, status] of checks) {
      const res = await postForm(t.app, '/open311/v2/servicerequestupdates.json', { ...ok, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(status);
      expect((res.json() as Array<{ code: number }>)[0]!.code).toBe(status);
    }
    // an update_id already used for one request is no retry on another: refused, nothing written
    expect((await postForm(t.app, '/open311/v2/servicerequestupdates.json', ok)).statusCode).toBe(200);
    const resident = await signIn(t.app, 'resident');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json();
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: resident,
      payload: { categoryCode: 'E0102', description: '另一件事', gridCode: me.scope.code },
    });
    expect(other.statusCode, other.body).toBe(201);
    const historyOf = async (id: number) =>
      (await t.db.selectFrom('case_history').select('id').where('case_id', '=', id).execute()).length;
    const before = await historyOf(other.json().id);
    const reused = await postForm(t.app, '/open311/v2/servicerequestupdates.json', {
      ...ok,
      service_request_id: other.json().number,
    });
    expect(reused.statusCode).toBe(400);
    expect((reused.json() as Array<{ description: string }>)[0]!.description).toMatch(/already used/);
    expect(await historyOf(other.json().id)).toBe(before);
    expect((await get(t.app, '/open311/v2/servicerequestupdates.json')).statusCode).toBe(400);
    expect((await get(t.app, `/open311/v2/servicerequestupdates.json?${J}&end_date=soon`)).statusCode).toBe(
      400,
    );
  });

  it('a social-governance case is listed with its status only; its photos are not served', async () => {
    t.clock.set('2024-05-09T09:00:00+08:00');
    const resident = await signIn(t.app, 'resident');
    const photo = await upload(t.app, resident, await jpeg('#445566'));
    const at = await pointInGrid(t.db, GRID);
    const rep = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: resident,
      payload: {
        source: 'resident_app',
        categoryCode: 'G0101',
        description: '邻居李四家漏水到我家，他电话13800001111',
        lat: at.lat,
        lng: at.lng,
        photoIds: [photo],
        attributes: { previously_mediated: 'no', escalation_risk: 'no' },
      },
    });
    expect(rep.statusCode, rep.body).toBe(201);
    const { number } = rep.json() as { number: string };
    const [r] = (await get(t.app, `/open311/v2/requests/${number}.json?${J}`)).json() as Array<
      Record<string, unknown>
    >;
    expect(r).toMatchObject({
      service_code: 'G0101',
      status: 'open',
      description: null,
      address: null,
      address_id: null,
      lat: null,
      long: null,
      media_url: null,
    });
    expect((await get(t.app, `/api/v1/photos/${photo}/public`)).statusCode).toBe(404);

    // a public case reported in the app shows its first before-photo
    const lampPhoto = await upload(t.app, resident, await jpeg('#112233'));
    const lamp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: resident,
      payload: {
        categoryCode: 'E0103',
        description: '垃圾没人清',
        lat: at.lat,
        lng: at.lng,
        photoIds: [lampPhoto],
      },
    });
    const [pub] = (
      await get(t.app, `/open311/v2/requests/${(lamp.json() as { number: string }).number}.json?${J}`)
    ).json() as Array<Record<string, unknown>>;
    expect(pub!.media_url).toBe(`http://localhost:80/api/v1/photos/${lampPhoto}/public`);
    expect((await get(t.app, `/api/v1/photos/${lampPhoto}/public`)).statusCode).toBe(200);
    // an unattached upload is not public; the old Open311 media address is gone
    const loose = await upload(t.app, resident, await jpeg('#998877'));
    expect((await get(t.app, `/api/v1/photos/${loose}/public`)).statusCode).toBe(404);
    expect((await get(t.app, `/open311/v2/media/${lampPhoto}.jpg`)).statusCode).toBe(404);
  });
});
