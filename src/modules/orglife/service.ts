import { createOnce } from '../../platform/db/idempotency.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { orgInScope, orgRoster } from '../party/index.js';
import type { OrgLifeDeps } from './context.js';
import * as repo from './repository.js';
import { beijingDate, holderOf, rhythmStatus, type LifeKind, type RhythmStatus } from './rules.js';
import type { RecordMeetingBody } from './schemas.js';
import type { Scope } from './scope.js';
import './errors.js'; // registers this module's codes (ADR 0005)

type Mark = { memberId: number; status: 'present' | 'absent' | 'excused' };

/**
 * The whole attendance sheet of an organisation: every member listed is one of its members today
 * (else 400, nothing recorded); members left out are recorded absent.
 */
export async function attendanceSheet(db: DbOrTx, countyCode: string, orgId: number, marks: Mark[]) {
  const roster = await orgRoster(db, countyCode, orgId);
  const ids = new Set(roster.map((m) => m.id));
  const given = new Map<number, Mark['status']>();
  for (const m of marks) {
    if (!ids.has(m.memberId) || given.has(m.memberId)) throw new AppError('ORGLIFE_NOT_MEMBER');
    given.set(m.memberId, m.status);
  }
  return roster.map((m) => ({ memberId: m.id, status: given.get(m.id) ?? 'absent' }));
}

/** The organisation a kind is held by, inside the caller's scope (404 outside; 400 for the wrong kind). */
export async function holdingOrg(db: DbOrTx, actor: Actor, orgId: number, kind: LifeKind) {
  const org = await orgInScope(db, actor.countyCode, actor.scopePath, orgId);
  if (!org) throw new AppError('NOT_FOUND');
  if (org.kind !== holderOf(kind)) throw new AppError('ORGLIFE_KIND_MISMATCH');
  return { id: Number(org.id), path: org.region_path, name: org.name };
}

/** Record a meeting of organisational life with its attendance, audited, once per clientRequestId. */
export async function recordMeeting(
  deps: OrgLifeDeps,
  actor: Actor,
  b: RecordMeetingBody,
  requestId?: string,
) {
  if (b.heldOn > beijingDate(deps.now())) throw new AppError('ORGLIFE_DATE_INVALID');
  const org = await holdingOrg(deps.db, actor, b.orgId, b.kind);
  return createOnce({
    requestId: b.clientRequestId,
    find: (rid) => repo.findByRequest(deps.db, actor.countyCode, actor.accountId, rid),
    constraint: 'org_life_meeting_request_idx',
    replay: (e) => {
      if (Number(e.org_id) !== b.orgId || e.kind !== b.kind || e.held_on !== b.heldOn)
        throw new AppError('ORGLIFE_REQUEST_REUSED');
      return { id: Number(e.id), replayed: true };
    },
    create: () =>
      deps.db.transaction().execute(async (tx) => {
        const sheet = await attendanceSheet(tx, actor.countyCode, org.id, b.attendance);
        const id = await repo.insertMeeting(tx, {
          countyCode: actor.countyCode,
          orgId: org.id,
          regionPath: org.path,
          kind: b.kind,
          heldOn: b.heldOn,
          topic: b.topic,
          minutes: b.minutes,
          attendance: sheet,
          createdBy: actor.accountId,
          clientRequestId: b.clientRequestId ?? null,
        });
        await recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'org_life.record',
          entityType: 'org_life_meeting',
          entityId: id,
          after: {
            org: org.id,
            kind: b.kind,
            heldOn: b.heldOn,
            present: sheet.filter((s) => s.status === 'present').length,
            members: sheet.length,
          },
          requestId: requestId ?? null,
        });
        return { id, replayed: false };
      }),
  });
}

export type BoardEntry = Awaited<ReturnType<typeof boardEntries>>[number];

/** Each branch's and party group's standing on each kind due of it, on `today`. */
export async function boardEntries(db: DbOrTx, scope: Scope, today: string, kind?: LifeKind) {
  const rhythm = await repo.rhythmOf(db, scope.countyCode);
  const rows = await repo.lastHeld(db, scope, today, kind);
  return rows.map((r) => {
    const k = rhythm.find((x) => x.kind === r.kind)!;
    const s: RhythmStatus = rhythmStatus({ period: k.period, since: k.since, lastHeld: r.last_held, today });
    return {
      orgId: Number(r.org_id),
      orgName: r.org_name,
      regionCode: r.region_code,
      regionName: r.region_name,
      kind: r.kind,
      ...s,
    };
  });
}

/** The rhythm board of a scope: per kind how many are ok, due and behind, and who is behind (longest first). */
export async function rhythmBoard(
  db: DbOrTx,
  scope: Scope,
  today: string,
  q: { kind?: LifeKind; limit: number; offset: number },
) {
  const rhythm = await repo.rhythmOf(db, scope.countyCode);
  const entries = await boardEntries(db, scope, today, q.kind);
  const summary = rhythm
    .filter((r) => !q.kind || r.kind === q.kind)
    .map((r) => {
      const of = entries.filter((e) => e.kind === r.kind);
      const n = (s: string) => of.filter((e) => e.state === s).length;
      return {
        kind: r.kind,
        period: r.period,
        orgs: of.length,
        ok: n('ok'),
        due: n('due'),
        behind: n('behind'),
      };
    });
  const behind = entries
    .filter((e) => e.state === 'behind')
    .sort((a, b) => b.missed - a.missed || a.regionCode.localeCompare(b.regionCode) || a.orgId - b.orgId);
  return { today, summary, behind: behind.slice(q.offset, q.offset + q.limit), behindTotal: behind.length };
}

/** Set the county's rhythm (county-scoped callers only), audited with the old and new settings. */
export async function setRhythm(
  deps: OrgLifeDeps,
  actor: Actor,
  items: repo.RhythmRow[],
  requestId?: string,
) {
  // a county's own organisers (its path is province.city.county)
  if (actor.scopePath.split('.').length !== 3) throw new AppError('ORGLIFE_COUNTY_ONLY');
  const kinds = new Set(items.map((i) => i.kind));
  if (kinds.size !== items.length)
    throw new AppError('VALIDATION_FAILED', { detail: '类别重复', detailEn: 'a kind is listed twice' });
  return deps.db.transaction().execute(async (tx) => {
    const before = await repo.rhythmOf(tx, actor.countyCode);
    await repo.upsertRhythm(tx, actor.countyCode, items, deps.now());
    const after = await repo.rhythmOf(tx, actor.countyCode);
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'org_life.rhythm',
      entityType: 'org_life_rhythm',
      entityId: null,
      before: { items: before },
      after: { items: after },
      requestId: requestId ?? null,
    });
    return { items: after };
  });
}
