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
      participants: [{ kind: 'department', refId: outsider }],
    });
    expect(nameOnly.statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe('四议两公开 steps name their meeting', () => {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  /** a meeting of the caller's village, held today with everyone invited present (unless `held` is false) */
  const meeting = async (who: string, kind: string, held = true) => {
    const r = await call(who, 'POST', '/meetings', {
      ...base,
      heldOn: today,
      title: `会议${kind}`,
      kind,
      participants: [{ kind: 'village_cadre', name: '村党支部书记' }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as number;
    if (held) {
      const d = (await call(who, 'GET', `/meetings/${id}`)).json();
      const rec = await call(who, 'POST', `/meetings/${id}/record`, {
        attended: d.participants.map((p: { id: number }) => p.id),
      });
      expect(rec.statusCode, rec.body).toBe(200);
    }
    return id;
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

    const planned = await meeting('village', 'two_committees', false);

    const before = await snapshot();
    const none = await call('village', 'POST', `/major-matters/${id}/actions/discuss`, { note: '同意' });
    expect([none.statusCode, none.json().error.code]).toEqual([400, 'MATTER_MEETING_REQUIRED']);
    expect(none.json().error.messageEn).toBeTruthy();
    // a meeting not held yet (no attendance) counts no one
    const notHeld = await call('village', 'POST', `/major-matters/${id}/actions/discuss`, {
      note: '同意',
      meetingId: planned,
    });
    expect([notHeld.statusCode, notHeld.json().error.code]).toEqual([409, 'MATTER_MEETING_NOT_RECORDED']);
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
    // the attendance a step was taken on no longer changes
    const again = await call('village', 'POST', `/meetings/${committees}/record`, { attended: [] });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'MEETING_STEP_TAKEN']);
  });
});

describe('the convene form’s pickers', () => {
  const find = (who: string, qs: string) => call(who, 'GET', `/meetings/candidates?${qs}`);

  it('finds people and bodies of the meeting’s village by a part of the name, never beyond', async () => {
    const v = await t.db
      .selectFrom('region')
      .select('path')
      .where('code', '=', village)
      .executeTakeFirstOrThrow();
    const someone = await t.db
      .selectFrom('resident')
      .select(['id', 'name'])
      .where(sql<boolean>`grid_path <@ ${v.path}::ltree`)
      .where('died_on', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const part = [...someone.name].slice(-1).join('');
    const r = await find('village', `type=resident&q=${encodeURIComponent(part)}&limit=50`);
    expect(r.statusCode, r.body).toBe(200);
    const ids = r.json().items.map((i: { id: number }) => i.id) as number[];
    expect(r.json().items.every((i: { name: string }) => i.name.includes(part))).toBe(true);
    expect(ids.length).toBeGreaterThan(0);
    // every one found is one POST /meetings accepts for the village, and only its own
    const inVillage = await t.db
      .selectFrom('resident')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('id', 'in', ids)
      .where(sql<boolean>`grid_path <@ ${v.path}::ltree`)
      .executeTakeFirstOrThrow();
    expect(inVillage.n).toBe(ids.length);
    // another county's village staff find nobody of ours by the same name
    const theirs = await find('zhangjia-village', `type=resident&q=${encodeURIComponent(someone.name)}`);
    expect(theirs.json().items.map((i: { id: number }) => i.id)).not.toContain(someone.id);
    // a place outside the scope, digits (an ID or phone as an oracle), NUL, a kind unknown: 400
    for (const qs of [
      `type=resident&q=a&regionCode=${'211221'.padEnd(12, '9')}`,
      'type=resident&q=210102',
      'type=resident&q=%EF%BC%92%EF%BC%91%EF%BC%90',
      'type=resident&q=%00',
      'type=household&q=a',
    ]) {
      const bad = await find('village', qs);
      expect(bad.statusCode, qs).toBe(400);
    }
    for (const type of ['party_member', 'enterprise', 'station', 'team_member', 'cadre'])
      expect((await find('village', `type=${type}&q=${encodeURIComponent('村')}`)).statusCode).toBe(200);
  });
});
