import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

/**
 * 四议两公开 through the one runner: quorum and majority at each vote, steps in order only,
 * the two publications made once into 三务公开, and every refusal changes nothing.
 */
let t: TestApp;
const h: Record<string, { authorization: string }> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['village', 'township', 'resident', 'zhangjia-village']) h[u] = await signIn(t.app, u);
});
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });
const step = (who: string, id: number, action: string, body: object = {}) =>
  call(who, 'POST', `/major-matters/${id}/actions/${action}`, body);
const answer = async (p: ReturnType<typeof step>) => {
  const r = await p;
  return [r.statusCode, r.json().error?.code ?? r.json().state];
};
const snapshot = async (id: number) => ({
  row: await t.db.selectFrom('major_matter').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  steps: await countRows(t.db, 'major_matter_step'),
  disclosures: await countRows(t.db, 'disclosure'),
  audit: await countRows(t.db, 'audit_log'),
});
const propose = async (title: string) => {
  const r = await call('village', 'POST', '/major-matters', { title, proposal: '党支部提议：' + title });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
};

const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
/** the demo village (the `village` account's scope) */
const villageOf = () =>
  t.db
    .selectFrom('account as a')
    .innerJoin('region as r', 'r.code', 'a.scope_code')
    .select(['r.code', 'r.path'])
    .where('a.username', '=', 'village')
    .executeTakeFirstOrThrow();
/** the village branch's members today (by their organisation), oldest record first */
async function memberIds(): Promise<number[]> {
  const v = await villageOf();
  const rows = await t.db
    .selectFrom('party_member as m')
    .innerJoin('party_org as o', (j) =>
      j.onRef('o.county_code', '=', 'm.county_code').onRef('o.id', '=', 'm.org_id'),
    )
    .select('m.id')
    .where('m.left_on', 'is', null)
    .where(sql<boolean>`o.region_path <@ ${v.path}::ltree`)
    .orderBy('m.id')
    .execute();
  return rows.map((r) => Number(r.id));
}
/** adult residents of the village, by household so that the first ones come from few households */
async function adults(): Promise<{ id: number; household: number }[]> {
  const v = await villageOf();
  const rows = await t.db
    .selectFrom('resident')
    .select(['id', 'household_id'])
    .where('died_on', 'is', null)
    .where('status', '<>', 'merged')
    .where(sql<boolean>`grid_path <@ ${v.path}::ltree`)
    .where(sql<boolean>`birth_date <= current_date - interval '18 years'`)
    .orderBy('household_id')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), household: Number(r.household_id) }));
}
/**
 * A meeting of the village of `kind` held today, inviting `invited` (party members or residents by
 * id, or names), its attendance recorded: the first `came` of them came.
 */
async function held(kind: string, invited: { kind: string; refId?: number; name?: string }[], came: number) {
  const r = await call('village', 'POST', '/meetings', {
    title: `${kind}会议`,
    heldOn: today,
    kind,
    convenerKind: 'village',
    convenerName: '村两委',
    agenda: ['审议重大事项'],
    participants: invited,
  });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json().id as number;
  await attend(id, came);
  return id;
}
async function attend(id: number, came: number) {
  const d = (await call('village', 'GET', `/meetings/${id}`)).json();
  const rec = await call('village', 'POST', `/meetings/${id}/record`, {
    attended: d.participants.slice(0, came).map((p: { id: number }) => p.id),
  });
  expect(rec.statusCode, rec.body).toBe(200);
}
const committees = () => held('two_committees', [{ kind: 'village_cadre', name: '村党支部书记' }], 1);
const partyMeeting = async (came: number) =>
  held(
    'party_members',
    (await memberIds()).map((refId) => ({ kind: 'party_member', refId })),
    came,
  );
const representatives = async (invited: number, came: number) =>
  held(
    'representatives',
    (await adults()).slice(0, invited).map((a) => ({ kind: 'resident', refId: a.id })),
    came,
  );

describe('四议两公开', () => {
  it('takes a major matter through the six steps, checking quorum and votes, publishing twice', async () => {
    const id = await propose('村集体林地承包');
    const detail = (await call('village', 'GET', `/major-matters/${id}`)).json();
    const members = detail.branch.members as number;
    expect(members).toBeGreaterThan(2);
    const quorum = Math.ceil((members * 2) / 3);

    // out of order, by others, out of scope: refused, nothing changed
    expect((await memberIds()).length).toBe(members);
    const discussedAt = await committees();
    const before = await snapshot(id);
    expect(await answer(step('village', id, 'review', { inFavour: members }))).toEqual([
      409,
      'MATTER_OUT_OF_ORDER',
    ]);
    expect(await answer(step('village', id, 'publish_resolution'))).toEqual([409, 'MATTER_OUT_OF_ORDER']);
    expect(await answer(step('township', id, 'discuss', { note: '同意' }))).toEqual([
      403,
      'MATTER_NOT_VILLAGE_STAFF',
    ]);
    expect(await answer(step('resident', id, 'discuss', { note: '同意' }))).toEqual([403, 'FORBIDDEN']);
    expect(await answer(step('zhangjia-village', id, 'discuss', { note: '同意' }))).toEqual([
      404,
      'NOT_FOUND',
    ]);
    expect(await snapshot(id)).toEqual(before);

    expect(
      await answer(step('village', id, 'discuss', { note: '两委一致同意提交审议', meetingId: discussedAt })),
    ).toEqual([200, 'discussed']);

    // party members' meeting: the quorum is its attendance — one short of 2/3 decides nothing
    const pm = await partyMeeting(quorum - 1);
    const short = await snapshot(id);
    expect(await answer(step('village', id, 'review', { meetingId: pm, inFavour: quorum - 1 }))).toEqual([
      409,
      'MATTER_QUORUM_NOT_MET',
    ]);
    // figures other than the attendance, more in favour than present, or another kind of meeting
    expect(
      await answer(step('village', id, 'review', { meetingId: pm, present: members, inFavour: 1 })),
    ).toEqual([400, 'MATTER_FIGURES_INVALID']);
    expect(await answer(step('village', id, 'review', { meetingId: pm, inFavour: quorum }))).toEqual([
      400,
      'MATTER_FIGURES_INVALID',
    ]);
    expect(await answer(step('village', id, 'review', { meetingId: discussedAt, inFavour: 1 }))).toEqual([
      400,
      'MATTER_MEETING_INVALID',
    ]);
    expect(await snapshot(id)).toEqual(short);
    // the same meeting with its attendance corrected (no step was taken on it)
    await attend(pm, quorum);
    expect(
      await answer(step('village', id, 'review', { meetingId: pm, inFavour: Math.floor(quorum / 2) + 1 })),
    ).toEqual([200, 'reviewed']);

    // representatives' meeting (its members: the residents it invited, up to 30): 2/3 present
    const reps = Math.min(30, (await adults()).length);
    const repsQuorum = Math.ceil((reps * 2) / 3);
    expect(reps).toBeGreaterThan(5);
    const decide = { assembly: 'representatives', resolution: '同意将村集体林地公开发包，期限十年。' };
    const short2 = await representatives(reps, repsQuorum - 1);
    expect(
      await answer(step('village', id, 'decide', { ...decide, meetingId: short2, inFavour: repsQuorum - 1 })),
    ).toEqual([409, 'MATTER_QUORUM_NOT_MET']);
    const r20 = await representatives(reps, repsQuorum);
    const inFavour = Math.floor(repsQuorum / 2) + 1;
    expect(
      await answer(
        step('village', id, 'decide', {
          ...decide,
          meetingId: r20,
          representativesTotal: reps + 1,
          inFavour,
        }),
      ),
    ).toEqual([400, 'MATTER_FIGURES_INVALID']);
    expect(await answer(step('village', id, 'decide', { ...decide, meetingId: r20, inFavour }))).toEqual([
      200,
      'decided',
    ]);

    const disclosures = await countRows(t.db, 'disclosure');
    const pub = await step('village', id, 'publish_resolution');
    expect(pub.statusCode, pub.body).toBe(200);
    const resolutionId = pub.json().resolutionDisclosureId as number;
    // once only
    expect(await answer(step('village', id, 'publish_resolution'))).toEqual([409, 'MATTER_OUT_OF_ORDER']);
    expect(await countRows(t.db, 'disclosure')).toBe(disclosures + 1);

    // the villagers read it in 三务公开
    const seen = await call('resident', 'GET', `/disclosures/${resolutionId}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ status: 'published', major: true });
    expect(seen.json().body).toContain('同意将村集体林地公开发包');

    const res = await step('village', id, 'publish_result', { result: '已发包，合同已签订。' });
    expect(res.json().state).toBe('result_published');
    expect(await countRows(t.db, 'disclosure')).toBe(disclosures + 2);
    expect(await answer(step('village', id, 'publish_result', { result: '再发一次' }))).toEqual([
      409,
      'MATTER_OUT_OF_ORDER',
    ]);

    const done = (await call('township', 'GET', `/major-matters/${id}`)).json();
    expect(done.steps.map((s: { action: string }) => s.action)).toEqual([
      'propose',
      'discuss',
      'review',
      'decide',
      'publish_resolution',
      'publish_result',
    ]);
    expect(done.partyVote).toEqual({ total: members, present: quorum, inFavour: Math.floor(quorum / 2) + 1 });
    expect(done.assemblyVote).toMatchObject({
      kind: 'representatives',
      total: reps,
      present: repsQuorum,
      inFavour,
    });
    expect(done.steps.map((s: { meeting: { id: number } | null }) => s.meeting?.id ?? null)).toEqual([
      null,
      discussedAt,
      pm,
      r20,
      null,
      null,
    ]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'major_matter')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toHaveLength(6);
  });

  it('a vote without a majority rejects the matter; nothing follows it', async () => {
    const id = await propose('村部办公楼翻建');
    const members = (await call('village', 'GET', `/major-matters/${id}`)).json().branch.members as number;
    await step('village', id, 'discuss', { note: '提交审议', meetingId: await committees() });
    const half = Math.floor(members / 2);
    expect(
      await answer(step('village', id, 'review', { meetingId: await partyMeeting(members), inFavour: half })),
    ).toEqual([200, 'rejected']);
    expect(
      await answer(
        step('village', id, 'decide', {
          assembly: 'villagers',
          meetingId: await representatives(3, 3),
          inFavour: 1,
          resolution: '翻建',
        }),
      ),
    ).toEqual([409, 'MATTER_OUT_OF_ORDER']);
  });

  it('villagers’ meeting: more than half of the adults, or 2/3 of the households', async () => {
    const id = await propose('村内道路硬化集资');
    const d = (await call('village', 'GET', `/major-matters/${id}`)).json();
    const members = d.branch.members as number;
    await step('village', id, 'discuss', { note: '提交审议', meetingId: await committees() });
    await step('village', id, 'review', { meetingId: await partyMeeting(members), inFavour: members });
    const { adults: n, households } = d.electorate as { adults: number; households: number };
    const people = await adults();
    expect(people).toHaveLength(n);
    const half = Math.floor(n / 2);
    const body = { assembly: 'villagers', resolution: '同意集资硬化村道' };
    const villagers = (who: { id: number }[]) =>
      held(
        'villagers',
        who.map((a) => ({ kind: 'resident', refId: a.id })),
        who.length,
      );
    // half of the adults, from as few households as can be: no quorum
    const fewHouseholds = people.slice(0, half);
    expect(new Set(fewHouseholds.map((a) => a.household)).size * 3).toBeLessThan(households * 2);
    const m1 = await villagers(fewHouseholds);
    expect(await answer(step('village', id, 'decide', { ...body, meetingId: m1, inFavour: half }))).toEqual([
      409,
      'MATTER_QUORUM_NOT_MET',
    ]);
    // one adult from each of 2/3 of the households: a quorum by households
    const perHousehold = people.filter((a, i) => i === 0 || people[i - 1]!.household !== a.household);
    const byHouseholds = perHousehold.slice(0, Math.ceil((households * 2) / 3));
    const m2 = await villagers(byHouseholds);
    expect(
      await answer(step('village', id, 'decide', { ...body, meetingId: m2, inFavour: byHouseholds.length })),
    ).toEqual([200, 'decided']);
    const done = (await call('village', 'GET', `/major-matters/${id}`)).json();
    expect(done.assemblyVote).toMatchObject({
      kind: 'villagers',
      total: n,
      present: byHouseholds.length,
      householdsTotal: households,
      householdsPresent: byHouseholds.length,
    });
  });

  it('only a village’s own staff propose; the demo matter went through all six steps', async () => {
    expect(
      (await call('township', 'POST', '/major-matters', { title: '某事', proposal: '提议' })).statusCode,
    ).toBe(403);
    const list = (await call('township', 'GET', '/major-matters?state=result_published')).json();
    expect(list.items.length).toBeGreaterThanOrEqual(1);
    const demo = (await call('village', 'GET', `/major-matters/${list.items.at(-1).id}`)).json();
    expect(demo.steps).toHaveLength(6);
    expect(demo.resultDisclosureId).not.toBeNull();
  });

  it('the demo matter’s votes were taken at held meetings whose attendance gives their figures', async () => {
    const list = (await call('township', 'GET', '/major-matters?state=result_published')).json();
    const id = Number(list.items.at(-1).id);
    const { rows } = await sql<{
      action: string;
      note: string | null;
      kind: string;
      total: number;
      came: number;
    }>`
      SELECT s.action, s.note, m.kind, count(p.id)::int AS total, count(p.id) FILTER (WHERE p.attended)::int AS came
      FROM major_matter_step s JOIN meeting m ON m.id = s.meeting_id AND m.state = 'held'
      LEFT JOIN meeting_participant p ON p.meeting_id = m.id
      WHERE s.matter_id = ${id} GROUP BY s.id, s.action, s.note, m.kind ORDER BY s.id`.execute(t.db);
    expect(rows.map((r) => [r.action, r.kind])).toEqual([
      ['discuss', 'two_committees'],
      ['review', 'party_members'],
      ['decide', 'representatives'],
    ]);
    const [discuss, review, decide] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    // five cadres, all present; 4/5 of the branch's members; 9/10 of up to 30 representatives
    expect([discuss.total, discuss.came]).toEqual([5, 5]);
    expect(review.total).toBeGreaterThan(0);
    expect(review.came).toBe(Math.ceil((review.total * 4) / 5));
    expect(review.note).toContain(`党员${review.total}人，到会${review.came}人`);
    expect(decide.total).toBeGreaterThan(0);
    expect(decide.total).toBeLessThanOrEqual(30);
    expect(decide.came).toBe(Math.ceil((decide.total * 9) / 10));
    expect(decide.note).toContain(`应到${decide.total}人，到会${decide.came}人`);
  });
});
