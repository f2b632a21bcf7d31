import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { kit } from '../../../test/kits/disclosures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
const { call, publish, inbox } = kit(() => t);

const questionCount = async (id: number) =>
  (
    await t.db
      .selectFrom('disclosure_question')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('disclosure_id', '=', id)
      .executeTakeFirstOrThrow()
  ).n;

describe('questions and answers', () => {
  it('lets a villager ask, tells the village, and shows the answer to the whole village', async () => {
    const id = await publish();
    const asked = await call('resident', 'POST', `/disclosures/${id}/questions`, {
      question: '道路维修修的是哪段路？',
    });
    expect(asked.statusCode).toBe(201);
    const qid = asked.json().id;
    expect(
      (await inbox('village')).some(
        (n) => n.kind === 'disclosure.question' && n.body === '道路维修修的是哪段路？',
      ),
    ).toBe(true);

    const staffView = (await call('village', 'GET', `/disclosures/${id}`)).json();
    expect(staffView.actions).toEqual(['withdraw', 'answer']);
    expect(staffView.unansweredCount).toBe(1);

    const answered = await call('village', 'POST', `/disclosures/${id}/questions/${qid}/answer`, {
      answer: '二组到村部的水泥路，已验收。',
    });
    expect(answered.statusCode).toBe(200);
    const tell = (await inbox('resident')).find((n) => n.kind === 'disclosure.answered');
    expect(tell?.body).toBe('二组到村部的水泥路，已验收。');

    // a neighbour in the same village sees the question (masked asker) and the answer
    const neighbour = (await call('gridworker', 'GET', `/disclosures/${id}`)).json();
    expect(neighbour.questions).toEqual([
      expect.objectContaining({
        id: qid,
        question: '道路维修修的是哪段路？',
        answer: '二组到村部的水泥路，已验收。',
        mine: false,
        answeredBy: expect.any(String),
      }),
    ]);
    expect(neighbour.questions[0].askerName).toMatch(/\*/);
    expect((await call('resident', 'GET', `/disclosures/${id}`)).json().questions[0].mine).toBe(true);

    const twice = await call('village', 'POST', `/disclosures/${id}/questions/${qid}/answer`, {
      answer: '再答一次',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('DISCLOSURE_QUESTION_ANSWERED');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'disclosure_question')
      .where('entity_id', '=', String(qid))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['disclosure.answer']);
  });

  it('masks phone and ID numbers in a question for everyone but the asker', async () => {
    const id = await publish();
    const question = '我家低保怎么没发？电话 139 1234 5678，身份证２１１２２１１９９００１０１１２３４';
    expect((await call('resident', 'POST', `/disclosures/${id}/questions`, { question })).statusCode).toBe(
      201,
    );
    const own = (await call('resident', 'GET', `/disclosures/${id}`)).json().questions[0];
    expect(own.question).toBe(question);
    for (const viewer of ['gridworker', 'village']) {
      const seen = (await call(viewer, 'GET', `/disclosures/${id}`)).json().questions[0];
      expect(seen.question).toContain('我家低保怎么没发？');
      expect(seen.question).toContain('139****5678');
      expect(seen.question.replace(/\D/g, '')).not.toMatch(/1234|19900101/);
    }
  });

  it('keeps questions to the village’s own villagers', async () => {
    const id = await publish();
    expect(
      (await call('zhangjia', 'POST', `/disclosures/${id}/questions`, { question: '外村的人能问吗？' }))
        .statusCode,
    ).toBe(404);
    const staff = await call('county', 'POST', `/disclosures/${id}/questions`, { question: '县里能问吗？' });
    expect(staff.statusCode).toBe(403);
    expect(staff.json().error.code).toBe('DISCLOSURE_VILLAGERS_ONLY');
    expect(
      (await call('resident', 'POST', `/disclosures/${id}/questions`, { question: '' })).statusCode,
    ).toBe(400);
    expect(await questionCount(id)).toBe(0);
  });

  it('refuses questions on a draft or a withdrawn disclosure', async () => {
    const draft = await publish('village', undefined, false);
    expect(
      (await call('resident', 'POST', `/disclosures/${draft}/questions`, { question: '草稿能问吗？' }))
        .statusCode,
    ).toBe(404);
    const gone = await publish();
    await call('village', 'POST', `/disclosures/${gone}/withdraw`, { reason: '内容有误需更正' });
    expect(
      (await call('resident', 'POST', `/disclosures/${gone}/questions`, { question: '撤回的能问吗？' }))
        .statusCode,
    ).toBe(404);
    expect(await questionCount(draft)).toBe(0);
    expect(await questionCount(gone)).toBe(0);
  });

  it('answers a phone’s retry with the same question', async () => {
    const id = await publish();
    const clientRequestId = randomUUID();
    const body = { question: '信号不好，会不会发两遍？', clientRequestId };
    const [a, b] = await Promise.all([
      call('resident', 'POST', `/disclosures/${id}/questions`, body),
      call('resident', 'POST', `/disclosures/${id}/questions`, body),
    ]);
    expect(a.json().id).toBe(b.json().id);
    const c = await call('resident', 'POST', `/disclosures/${id}/questions`, body);
    expect(c.statusCode).toBe(200);
    expect(c.json()).toEqual({ id: a.json().id, replayed: true });
    expect(await questionCount(id)).toBe(1);
    // the same id for another disclosure is no retry: refused, nothing saved
    const other = await publish();
    const reused = await call('resident', 'POST', `/disclosures/${other}/questions`, body);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('REQUEST_ID_REUSED');
    expect(await questionCount(other)).toBe(0);
  });

  it('lets only the village’s own staff answer', async () => {
    const id = await publish();
    const qid = (
      await call('resident', 'POST', `/disclosures/${id}/questions`, { question: '谁来回答？' })
    ).json().id;
    expect(
      (
        await call('zhangjia-village', 'POST', `/disclosures/${id}/questions/${qid}/answer`, {
          answer: '外村两委来答',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await call('township', 'POST', `/disclosures/${id}/questions/${qid}/answer`, { answer: '镇里来答' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await call('village', 'POST', `/disclosures/${id}/questions/999999/answer`, {
          answer: '没有这个问题',
        })
      ).statusCode,
    ).toBe(404);
    const q = await t.db
      .selectFrom('disclosure_question')
      .select(['answer', 'answered_by'])
      .where('id', '=', qid)
      .executeTakeFirstOrThrow();
    expect(q).toEqual({ answer: null, answered_by: null });
  });
});
