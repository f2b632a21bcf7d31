import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, multipart } from '../../../test/fixtures.js';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { orgRoster } from '../party/index.js';
import { beijingDate } from './rules.js';
import { lessonSlidesPdf } from './slides.js';

/**
 * Organisational life and party lessons through the real app: attendance only of members, the rhythm
 * board on the demo's history, the county's rhythm, a lesson order's steps in order only (409 otherwise),
 * delivery held as the branch's 党课, media with byte ranges, and who watched an online lesson.
 */
let t: TestApp;
const h: Record<string, { authorization: string }> = {};
let branch: { id: number; path: string };
let members: number[];
let otherMember: number;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['village', 'township', 'party', 'resident', 'zhangjia', 'county'])
    h[u] = await signIn(t.app, u);
  const village = await t.db
    .selectFrom('account')
    .select(['scope_code', 'county_code'])
    .where('username', '=', 'village')
    .executeTakeFirstOrThrow();
  const b = await t.db
    .selectFrom('party_org')
    .select(['id', 'region_path'])
    .where('region_code', '=', village.scope_code)
    .where('kind', '=', 'branch')
    .executeTakeFirstOrThrow();
  branch = { id: Number(b.id), path: b.region_path };
  members = (await orgRoster(t.db, village.county_code, branch.id)).map((m) => m.id);
  const other = await t.db
    .selectFrom('party_member')
    .select('id')
    .where(sql<boolean>`NOT (region_path <@ ${branch.path}::ltree)`)
    .executeTakeFirstOrThrow();
  otherMember = Number(other.id);
});
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });
const code = (r: { statusCode: number; json(): { error?: { code: string } } }) => [
  r.statusCode,
  r.json().error?.code,
];
const today = () => beijingDate(new Date());

describe('三会一课', () => {
  it('records a meeting with the whole attendance sheet: members left out are absent', async () => {
    expect(members.length).toBeGreaterThan(2);
    const r = await call('village', 'POST', '/org-life/meetings', {
      orgId: branch.id,
      kind: 'theme_day',
      heldOn: today(),
      topic: '主题党日：清洁家园',
      attendance: [
        { memberId: members[0], status: 'present' },
        { memberId: members[1], status: 'excused' },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const d = (await call('village', 'GET', `/org-life/meetings/${r.json().id}`)).json();
    expect(d).toMatchObject({ kind: 'theme_day', present: 1, membersTotal: members.length });
    expect(d.attendance).toHaveLength(members.length);
    expect(d.attendance.filter((a: { status: string }) => a.status === 'absent')).toHaveLength(
      members.length - 2,
    );
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'org_life_meeting')
      .where('entity_id', '=', String(r.json().id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['org_life.record']);
  });

  it('refuses someone who is not a member, the wrong kind, a future day and another’s place — nothing recorded', async () => {
    const before = [await countRows(t.db, 'org_life_meeting'), await countRows(t.db, 'org_life_attendance')];
    const body = { orgId: branch.id, kind: 'committee', heldOn: today(), topic: '研究本月工作' };
    expect(
      code(
        await call('village', 'POST', '/org-life/meetings', {
          ...body,
          attendance: [{ memberId: otherMember, status: 'present' }],
        }),
      ),
    ).toEqual([400, 'ORGLIFE_NOT_MEMBER']);
    expect(code(await call('village', 'POST', '/org-life/meetings', { ...body, kind: 'group' }))).toEqual([
      400,
      'ORGLIFE_KIND_MISMATCH',
    ]);
    expect(
      code(await call('village', 'POST', '/org-life/meetings', { ...body, heldOn: '2099-01-01' })),
    ).toEqual([400, 'ORGLIFE_DATE_INVALID']);
    expect(code(await call('township', 'POST', '/org-life/meetings', body))).toEqual([403, 'FORBIDDEN']);
    const far = await t.db
      .selectFrom('party_org')
      .select('id')
      .where('kind', '=', 'branch')
      .where(sql<boolean>`NOT (region_path <@ ${branch.path}::ltree)`)
      .executeTakeFirstOrThrow();
    expect(
      code(await call('village', 'POST', '/org-life/meetings', { ...body, orgId: Number(far.id) })),
    ).toEqual([404, 'NOT_FOUND']);
    expect([await countRows(t.db, 'org_life_meeting'), await countRows(t.db, 'org_life_attendance')]).toEqual(
      before,
    );
  });

  it('the rhythm board shows the demo’s branches behind on committees since three months ago, until one meets', async () => {
    const board = (await call('party', 'GET', '/org-life/board?kind=committee&limit=200')).json();
    const committee = board.summary[0];
    expect(committee).toMatchObject({ kind: 'committee', period: 'month' });
    expect(committee.behind).toBeGreaterThan(0);
    expect(committee.ok + committee.due + committee.behind).toBe(committee.orgs);
    const late = board.behind[0];
    const d = new Date(`${today().slice(0, 7)}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - 3);
    expect(late).toMatchObject({
      kind: 'committee',
      state: 'behind',
      missed: 3,
      behindSince: d.toISOString().slice(0, 10),
    });
    const r = await call('party', 'POST', '/org-life/meetings', {
      orgId: late.orgId,
      kind: 'committee',
      heldOn: today(),
      topic: '补开支委会',
    });
    expect(r.statusCode, r.body).toBe(201);
    const after = (await call('party', 'GET', '/org-life/board?kind=committee&limit=200')).json();
    expect(after.behind.find((e: { orgId: number }) => e.orgId === late.orgId)).toBeUndefined();
    expect(after.summary[0].behind).toBe(committee.behind - 1);
    const one = (await call('party', 'GET', `/org-life/org?orgId=${late.orgId}`)).json();
    expect(one.rhythm.find((e: { kind: string }) => e.kind === 'committee').state).toBe('ok');
  });

  it('the county sets its rhythm (audited); nobody else does', async () => {
    const items = [{ kind: 'committee', period: 'quarter', since: '2026-01-01' }];
    expect(code(await call('township', 'PUT', '/org-life/rhythm', { items }))).toEqual([403, 'FORBIDDEN']);
    const r = await call('party', 'PUT', '/org-life/rhythm', { items });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.find((i: { kind: string }) => i.kind === 'committee').period).toBe('quarter');
    expect(
      await t.db.selectFrom('audit_log').select('action').where('action', '=', 'org_life.rhythm').execute(),
    ).toHaveLength(1);
  });
});

describe('党课: 配送+点单 and 云党课', () => {
  const lessonOf = async (format: string) =>
    (await call('village', 'GET', `/party-lessons?format=${format}`)).json().items[0] as {
      id: number;
      media: { url: string; bytes: number } | null;
    };

  it('a branch orders, the township schedules and delivers it in order only; delivery is the branch’s 党课', async () => {
    const lesson = await lessonOf('in_person');
    const made = await call('village', 'POST', '/lesson-orders', {
      lessonId: lesson.id,
      orgId: branch.id,
      wish: '结合本村实际',
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    const step = (who: string, action: string, body: object) =>
      call(who, 'POST', `/lesson-orders/${id}/actions/${action}`, body);
    const deliver = { deliveredOn: today(), attendance: [{ memberId: members[0], status: 'present' }] };
    const before = [await countRows(t.db, 'lesson_order_step'), await countRows(t.db, 'org_life_meeting')];
    expect(code(await step('township', 'deliver', deliver))).toEqual([409, 'LESSON_ORDER_OUT_OF_ORDER']);
    expect(
      code(
        await step('village', 'schedule', {
          scheduledAt: '2026-12-20T09:00:00+08:00',
          place: '村党群服务中心',
        }),
      ),
    ).toEqual([403, 'LESSON_NOT_DELIVERER']);
    expect(
      code(
        await step('zhangjia', 'schedule', {
          scheduledAt: '2026-12-20T09:00:00+08:00',
          place: '村党群服务中心',
        }),
      ),
    ).toEqual([403, 'FORBIDDEN']);
    expect([await countRows(t.db, 'lesson_order_step'), await countRows(t.db, 'org_life_meeting')]).toEqual(
      before,
    );
    expect(
      (
        await step('township', 'schedule', {
          scheduledAt: '2026-12-20T09:00:00+08:00',
          place: '村党群服务中心',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      code(
        await step('township', 'deliver', {
          ...deliver,
          attendance: [{ memberId: otherMember, status: 'present' }],
        }),
      ),
    ).toEqual([400, 'ORGLIFE_NOT_MEMBER']);
    const done = await step('township', 'deliver', deliver);
    expect(done.statusCode, done.body).toBe(200);
    expect(code(await step('township', 'cancel', { reason: '重复' }))).toEqual([
      409,
      'LESSON_ORDER_OUT_OF_ORDER',
    ]);
    const d = (await call('village', 'GET', `/lesson-orders/${id}`)).json();
    expect(d.steps.map((s: { action: string }) => s.action)).toEqual(['order', 'schedule', 'deliver']);
    const held = (await call('village', 'GET', `/org-life/meetings/${d.meetingId}`)).json();
    expect(held).toMatchObject({
      kind: 'lesson',
      orgId: branch.id,
      present: 1,
      membersTotal: members.length,
    });
  });

  it('serves slides whole and by byte range; takes a PDF or MP4, refuses a JPEG', async () => {
    const lesson = await lessonOf('online');
    expect(lesson.media).not.toBeNull();
    const whole = await t.app.inject({ method: 'GET', url: lesson.media!.url, headers: h.resident! });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('application/pdf');
    expect(whole.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(whole.rawPayload.length).toBe(lesson.media!.bytes);
    const part = await t.app.inject({
      method: 'GET',
      url: lesson.media!.url,
      headers: { ...h.resident!, range: 'bytes=5-14' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 5-14/${lesson.media!.bytes}`);
    expect(part.rawPayload).toEqual(whole.rawPayload.subarray(5, 15));
    const beyond = await t.app.inject({
      method: 'GET',
      url: lesson.media!.url,
      headers: { ...h.resident!, range: `bytes=${lesson.media!.bytes}-` },
    });
    expect(beyond.statusCode).toBe(416);

    const put = async (data: Buffer, name: string, type: string) => {
      const m = multipart(data, name, type);
      return t.app.inject({
        method: 'PUT',
        url: `/api/v1/party-lessons/${lesson.id}/media`,
        headers: { ...h.party!, 'content-type': m.contentType },
        payload: m.body,
      });
    };
    expect(code(await put(await jpeg(), 'x.jpg', 'image/jpeg'))).toEqual([400, 'LESSON_MEDIA_INVALID']);
    const mp4 = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypmp42'),
      Buffer.alloc(12),
      Buffer.alloc(4000, 7),
    ]);
    const v = await put(mp4, 'v.mp4', 'video/mp4');
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json().media).toMatchObject({ kind: 'video', mime: 'video/mp4', bytes: mp4.length });
    const s = await put(lessonSlidesPdf('党课', ['一', '二', '三']), 's.pdf', 'application/pdf');
    expect(s.json().media).toMatchObject({ kind: 'slides', pages: 3 });
    expect(
      code(
        await put(mp4, 'v.mp4', 'video/mp4').then(() =>
          call('township', 'PUT', `/party-lessons/${lesson.id}/media`),
        ),
      ),
    ).toEqual([403, 'FORBIDDEN']);
  });

  it('records who watched an online lesson and how far; members only among residents; not another county', async () => {
    const lesson = await lessonOf('online');
    const w1 = await call('resident', 'POST', `/party-lessons/${lesson.id}/watch`, {
      seconds: 60,
      positionPct: 40,
    });
    expect(w1.statusCode, w1.body).toBe(200);
    const w2 = (
      await call('resident', 'POST', `/party-lessons/${lesson.id}/watch`, { seconds: 30, positionPct: 20 })
    ).json();
    expect(w2.seconds).toBe(w1.json().seconds + 30);
    expect(w2.furthestPct).toBe(Math.max(40, w1.json().furthestPct)); // the furthest point never moves back
    const inPerson = await lessonOf('in_person');
    expect(
      code(
        await call('resident', 'POST', `/party-lessons/${inPerson.id}/watch`, { seconds: 1, positionPct: 1 }),
      ),
    ).toEqual([409, 'LESSON_NOT_ONLINE']);
    expect(
      code(
        await call('zhangjia', 'POST', `/party-lessons/${lesson.id}/watch`, { seconds: 1, positionPct: 1 }),
      ),
    ).toEqual([404, 'NOT_FOUND']);
    const list = (await call('village', 'GET', `/party-lessons/${lesson.id}/watchers`)).json().items;
    expect(list.find((x: { name: string }) => x.name === '村民')).toMatchObject({ member: true });
    expect(code(await call('resident', 'GET', `/party-lessons/${lesson.id}/watchers`))).toEqual([
      403,
      'FORBIDDEN',
    ]);
  });

  it('a resident who is not a party member cannot watch', async () => {
    const mine = await t.db
      .selectFrom('party_member as m')
      .innerJoin('resident_account as ra', (j) =>
        j.onRef('ra.resident_id', '=', 'm.resident_id').onRef('ra.county_code', '=', 'm.county_code'),
      )
      .innerJoin('account as a', 'a.id', 'ra.account_id')
      .select('m.id')
      .where('a.username', '=', 'resident')
      .executeTakeFirstOrThrow();
    await t.db.deleteFrom('org_life_attendance').where('member_id', '=', mine.id).execute();
    await t.db.deleteFrom('lesson_watch').where('member_id', '=', mine.id).execute();
    await t.db.deleteFrom('party_member').where('id', '=', mine.id).execute();
    const lesson = await lessonOf('online');
    const before = await countRows(t.db, 'lesson_watch');
    expect(
      code(
        await call('resident', 'POST', `/party-lessons/${lesson.id}/watch`, { seconds: 1, positionPct: 1 }),
      ),
    ).toEqual([403, 'LESSON_NOT_A_MEMBER']);
    expect(await countRows(t.db, 'lesson_watch')).toBe(before);
  });
});
