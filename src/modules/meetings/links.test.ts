import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

/**
 * Who a meeting invites, by id (only people and bodies of the meeting's village), and the meeting
 * each step of 四议两公开 was taken at (the village's own, of the step's kind); refusals change nothing.
 */
let t: TestApp;
const h: Record<string, { authorization: string }> = {};
let village = '';
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['village', 'zhangjia-village']) h[u] = await signIn(t.app, u);
  const scope = async (u: string) =>
    (
      await t.db
        .selectFrom('account')
        .select('scope_code')
        .where('username', '=', u)
        .executeTakeFirstOrThrow()
    ).scope_code;
  village = await scope('village');
});
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });
const snapshot = async () => ({
  meetings: await countRows(t.db, 'meeting'),
  participants: await countRows(t.db, 'meeting_participant'),
  steps: await countRows(t.db, 'major_matter_step'),
  audit: await countRows(t.db, 'audit_log'),
});
const base = {
  heldOn: '2026-11-20',
  convenerKind: 'village',
  convenerName: '村两委',
  agenda: ['议定事项'],
};
/** One id of a table's rows in a village (by the column that places it). */
async function oneIn(table: string, pathColumn: string, code: string): Promise<number> {
  const { rows } = await sql<{ id: string }>`SELECT x.id FROM ${sql.table(table)} x
    JOIN region g ON g.code = ${code} WHERE ${sql.ref('x.' + pathColumn)} <@ g.path ORDER BY x.id LIMIT 1`.execute(
    t.db,
  );
  expect(rows.length, `${table} in ${code}`).toBe(1);
  return Number(rows[0]!.id);
}

describe('participants linked to who they are', () => {
  it('invites a resident and a party member of the village by id, with their names', async () => {
    const resident = await oneIn('resident', 'grid_path', village);
    const member = await oneIn('party_member', 'region_path', village);
    const made = await call('village', 'POST', '/meetings', {
      ...base,
      title: '环境整治议事会',
      participants: [
        { kind: 'resident', refId: resident },
        { kind: 'party_member', refId: member },
        { kind: 'village_cadre', name: '村主任' },
      ],
    });
    expect(made.statusCode, made.body).toBe(201);
    const d = (await call('village', 'GET', `/meetings/${made.json().id}`)).json();
    const name = (
      await t.db.selectFrom('resident').select('name').where('id', '=', resident).executeTakeFirstOrThrow()
    ).name;
    expect(d.participants[0]).toMatchObject({
      kind: 'resident',
      name,
      ref: { type: 'resident', id: resident },
    });
    expect(d.participants[1].ref).toEqual({ type: 'party_member', id: member });
    expect(d.participants[2]).toMatchObject({ name: '村主任', ref: null });
  });

  it('refuses another village’s resident, an unknown id and a kind that is a name only — nothing made', async () => {
    // a resident of the county outside the village
    const { rows } = await sql<{
      id: string;
    }>`SELECT r.id FROM resident r JOIN region g ON g.code = ${village}
      WHERE NOT r.grid_path <@ g.path ORDER BY r.id LIMIT 1`.execute(t.db);
    const outsider = Number(rows[0]!.id);
    const before = await snapshot();
    for (const participants of [
      [{ kind: 'resident', refId: outsider }],
      [{ kind: 'party_member', refId: 999_999_999 }],
      [{ kind: 'station', refId: outsider }],
    ]) {
      const r = await call('village', 'POST', '/meetings', { ...base, title: '越界邀请', participants });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.code).toBe('MEETING_PARTICIPANT_UNKNOWN');
    }
    const nameOnly = await call('village', 'POST', '/meetings', {
      ...base,
      title: '越界邀请',
      participants: [{ kind: 'village_cadre', refId: outsider }],
    });
    expect(nameOnly.statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe('四议两公开 steps name their meeting', () => {
  const meeting = async (who: string, kind: string) => {
    const r = await call(who, 'POST', '/meetings', { ...base, title: `会议${kind}`, kind });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as number;
  };

  it('a step names the village’s own meeting of its kind, shown on the matter and the meeting', async () => {
    const p = await call('village', 'POST', '/major-matters', {
      title: '村道硬化',
      proposal: '党支部提议：村道硬化',
    });
    expect(p.statusCode, p.body).toBe(201);
    const id = p.json().id as number;
    const committees = await meeting('village', 'two_committees');
    const wrongKind = await meeting('village', 'party_members');
    const elsewhere = await meeting('zhangjia-village', 'two_committees');

    const before = await snapshot();
    for (const meetingId of [wrongKind, elsewhere, 999_999_999]) {
      const r = await call('village', 'POST', `/major-matters/${id}/actions/discuss`, {
        note: '同意',
        meetingId,
      });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.code).toBe('MATTER_MEETING_INVALID');
    }
    expect(await snapshot()).toEqual(before);
    const row = await t.db
      .selectFrom('major_matter')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('proposed');

    const ok = await call('village', 'POST', `/major-matters/${id}/actions/discuss`, {
      note: '两委一致同意',
      meetingId: committees,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const d = (await call('village', 'GET', `/major-matters/${id}`)).json();
    expect(d.steps.map((s: { meeting: { id: number } | null }) => s.meeting?.id ?? null)).toEqual([
      null,
      committees,
    ]);
    const m = (await call('village', 'GET', `/meetings/${committees}`)).json();
    expect(m.kind).toBe('two_committees');
    expect(m.matterSteps).toEqual([
      expect.objectContaining({ matterId: id, action: 'discuss', title: '村道硬化' }),
    ]);
  });
});
