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

describe('四议两公开', () => {
  it('takes a major matter through the six steps, checking quorum and votes, publishing twice', async () => {
    const id = await propose('村集体林地承包');
    const detail = (await call('village', 'GET', `/major-matters/${id}`)).json();
    const members = detail.branch.members as number;
    expect(members).toBeGreaterThan(2);
    const quorum = Math.ceil((members * 2) / 3);

    // out of order, by others, out of scope: refused, nothing changed
    const before = await snapshot(id);
    expect(await answer(step('village', id, 'review', { present: members, inFavour: members }))).toEqual([
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

    expect(await answer(step('village', id, 'discuss', { note: '两委一致同意提交审议' }))).toEqual([
      200,
      'discussed',
    ]);

    // party members' meeting: one short of 2/3 present decides nothing
    const short = await snapshot(id);
    expect(
      await answer(step('village', id, 'review', { present: quorum - 1, inFavour: quorum - 1 })),
    ).toEqual([409, 'MATTER_QUORUM_NOT_MET']);
    expect(await answer(step('village', id, 'review', { present: members + 1, inFavour: 1 }))).toEqual([
      400,
      'MATTER_FIGURES_INVALID',
    ]);
    expect(await snapshot(id)).toEqual(short);
    expect(
      await answer(step('village', id, 'review', { present: quorum, inFavour: Math.floor(quorum / 2) + 1 })),
    ).toEqual([200, 'reviewed']);

    // representatives' meeting: 2/3 present
    expect(
      await answer(
        step('village', id, 'decide', {
          assembly: 'representatives',
          representativesTotal: 30,
          present: 19,
          inFavour: 19,
          resolution: '同意承包',
        }),
      ),
    ).toEqual([409, 'MATTER_QUORUM_NOT_MET']);
    expect(
      await answer(
        step('village', id, 'decide', {
          assembly: 'representatives',
          representativesTotal: 30,
          present: 20,
          inFavour: 11,
          resolution: '同意将村集体林地公开发包，期限十年。',
        }),
      ),
    ).toEqual([200, 'decided']);

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
    await step('village', id, 'discuss', { note: '提交审议' });
    const half = Math.floor(members / 2);
    expect(await answer(step('village', id, 'review', { present: members, inFavour: half }))).toEqual([
      200,
      'rejected',
    ]);
    expect(
      await answer(
        step('village', id, 'decide', { assembly: 'villagers', present: 1, inFavour: 1, resolution: '翻建' }),
      ),
    ).toEqual([409, 'MATTER_OUT_OF_ORDER']);
  });

  it('villagers’ meeting: more than half of the adults, or 2/3 of the households', async () => {
    const id = await propose('村内道路硬化集资');
    const d = (await call('village', 'GET', `/major-matters/${id}`)).json();
    const members = d.branch.members as number;
    await step('village', id, 'discuss', { note: '提交审议' });
    await step('village', id, 'review', { present: members, inFavour: members });
    const { adults, households } = d.electorate as { adults: number; households: number };
    const half = Math.floor(adults / 2);
    const body = { assembly: 'villagers', resolution: '同意集资硬化村道' };
    expect(await answer(step('village', id, 'decide', { ...body, present: half, inFavour: half }))).toEqual([
      409,
      'MATTER_QUORUM_NOT_MET',
    ]);
    const byHouseholds = Math.ceil((households * 2) / 3);
    expect(
      await answer(
        step('village', id, 'decide', {
          ...body,
          present: half,
          householdsPresent: byHouseholds,
          inFavour: half,
        }),
      ),
    ).toEqual([200, 'decided']);
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
});
