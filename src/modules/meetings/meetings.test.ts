import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

/** The deliberation hall: convene, record, resolve, follow through; scope and refusals change nothing. */
let t: TestApp;
const h: Record<string, { authorization: string }> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['village', 'county', 'township', 'resident', 'gridworker', 'zhangjia-village', 'party'])
    h[u] = await signIn(t.app, u);
});
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });
const snapshot = async () => ({
  meetings: await countRows(t.db, 'meeting'),
  participants: await countRows(t.db, 'meeting_participant'),
  resolutions: await countRows(t.db, 'meeting_resolution'),
  updates: await countRows(t.db, 'resolution_update'),
  audit: await countRows(t.db, 'audit_log'),
});

const convene = {
  title: '老旧楼房水管改造议事会',
  heldOn: '2026-11-20',
  place: '社区议事厅',
  convenerKind: 'grid_party',
  convenerName: '第一网格党小组',
  agenda: ['通报水管漏水情况', '商定改造方案'],
  participants: [
    { kind: 'property_manager', name: '幸福物业' },
    { kind: 'resident', name: '王大爷' },
    { kind: 'station', name: '党群服务站' },
  ],
  matters: [{ title: '老旧楼房自来水管道老化漏水' }],
};

describe('meetings', () => {
  it('the demo hall: 20+ meetings settled 30+ hard problems in the county', async () => {
    const r = await call('county', 'GET', '/meetings/counts');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().held).toBeGreaterThanOrEqual(20);
    expect(r.json().settled).toBeGreaterThanOrEqual(30);
    expect(r.json().resolutionsOpen).toBeGreaterThan(0);
  });

  it('a village convenes, records attendance and minutes, resolves and follows through to done', async () => {
    const made = await call('village', 'POST', '/meetings', convene);
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as number;
    let d = (await call('village', 'GET', `/meetings/${id}`)).json();
    expect(d.participants).toHaveLength(3);
    expect(d.state).toBe('planned');

    // a resolution before the meeting is held: 409
    const early = await call('village', 'POST', `/meetings/${id}/resolutions`, {
      text: '改造水管',
      responsible: '物业',
    });
    expect(early.json().error.code).toBe('MEETING_NOT_HELD');

    // someone not invited, or minutes with a phone number: 400 and nothing changed
    const before = await snapshot();
    const stranger = await call('village', 'POST', `/meetings/${id}/record`, { attended: [1] });
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([400, 'MEETING_PARTICIPANT_INVALID']);
    const phone = await call('village', 'POST', `/meetings/${id}/record`, {
      attended: [],
      minutes: '联系人电话13812345678',
    });
    expect(phone.statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);

    const two = d.participants.slice(0, 2).map((p: { id: number }) => p.id);
    const rec = await call('village', 'POST', `/meetings/${id}/record`, {
      attended: two,
      minutes: '物业承担材料费，居民出工。',
      version: d.version,
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const matterId = d.matterList[0].id;
    const res = await call('village', 'POST', `/meetings/${id}/resolutions`, {
      text: '更换主管道',
      responsible: '幸福物业',
      matterId,
    });
    expect(res.statusCode, res.body).toBe(201);
    const rid = res.json().id;
    const up = await call('village', 'POST', `/meeting-resolutions/${rid}/updates`, {
      status: 'in_progress',
      progress: 40,
      note: '材料已到',
    });
    expect(up.json().progress).toBe(40);
    const done = await call('village', 'POST', `/meeting-resolutions/${rid}/updates`, {
      status: 'done',
      progress: 80,
      note: '已通水',
    });
    expect(done.json()).toMatchObject({ status: 'done', progress: 100 });
    const again = await call('village', 'POST', `/meeting-resolutions/${rid}/updates`, {
      status: 'in_progress',
      progress: 10,
      note: '再改',
    });
    expect(again.json().error.code).toBe('RESOLUTION_CLOSED');

    d = (await call('township', 'GET', `/meetings/${id}`)).json();
    expect(d.attended).toBe(2);
    expect(d.matterList[0].settled).toBe(true);
    expect(d.resolutionList[0].updates.map((u: { progress: number }) => u.progress)).toEqual([40, 100]);
  });

  it('scope: another county’s village sees nothing; residents and the township may not convene', async () => {
    const id = (await call('village', 'POST', '/meetings', convene)).json().id;
    expect((await call('zhangjia-village', 'GET', `/meetings/${id}`)).statusCode).toBe(404);
    expect(
      (await call('zhangjia-village', 'POST', `/meetings/${id}/record`, { attended: [] })).statusCode,
    ).toBe(404);
    expect((await call('resident', 'GET', `/meetings/${id}`)).statusCode).toBe(403);
    expect((await call('township', 'POST', '/meetings', convene)).statusCode).toBe(403);
    // a place outside the caller's scope is bad input
    const out = await call('village', 'POST', '/meetings', { ...convene, regionCode: '211021100201' });
    expect(out.json().error.code).toBe('MEETING_REGION_INVALID');
    // a wish of another county cannot be linked
    const link = await call('village', 'POST', '/meetings', {
      ...convene,
      matters: [{ title: '别的县的心愿', link: { type: 'wish', id: 1 } }],
    });
    expect([400, 201]).toContain(link.statusCode);
  });
});
