import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { memberOfAccount, orgInScope } from '../party/index.js';
import { runStep } from '../workflow/index.js';
import type { OrgLifeDeps } from './context.js';
import * as repo from './lesson-repository.js';
import type { LessonBody, OrderBody, OrderAction, OrderInput, WatchBody } from './lesson-schemas.js';
import { orderWorkflow } from './lesson-workflow.js';
import { mediaKey, parseRange, sniffMedia } from './media.js';
import { scopeOf } from './scope.js';
import { DEMO_SLIDES } from './seed.js';
import { slidesOf } from './seed-content.js';
import { lessonSlidesPdf, pdfPages } from './slides.js';
import type { z } from 'zod';
import './errors.js'; // registers this module's codes (ADR 0005)

const audit = (
  actor: Actor,
  action: string,
  type: string,
  id: number,
  after: Record<string, unknown>,
  requestId?: string,
) => ({
  actor,
  countyCode: actor.countyCode,
  action,
  entityType: type,
  entityId: id,
  after,
  requestId: requestId ?? null,
});

export const mediaUrl = (id: number) => `/api/v1/party-lessons/${id}/media`;

export function toLesson(l: repo.LessonRow) {
  return {
    id: Number(l.id),
    topic: l.topic,
    speaker: l.speaker,
    format: l.format as 'in_person' | 'online',
    summary: l.summary,
    minutes: l.minutes,
    media:
      l.media_key && l.media_kind && l.media_mime
        ? {
            kind: l.media_kind as 'video' | 'slides',
            mime: l.media_mime,
            bytes: l.media_bytes ?? 0,
            pages: l.media_pages,
            url: mediaUrl(Number(l.id)),
          }
        : null,
    offeredBy: l.offered_by,
    orders: l.orders,
    watchers: l.watchers,
  };
}

/** A lesson the caller's organisation offers (the catalogue of its scope), audited. */
export async function createLesson(
  deps: OrgLifeDeps,
  actor: Actor,
  b: z.output<typeof LessonBody>,
  requestId?: string,
) {
  return deps.db.transaction().execute(async (tx) => {
    const id = await repo.insertLesson(tx, {
      countyCode: actor.countyCode,
      regionPath: actor.scopePath,
      ...b,
      createdBy: actor.accountId,
    });
    await recordAudit(tx, audit(actor, 'lesson.create', 'party_lesson', id, { format: b.format }, requestId));
    return id;
  });
}

/** A lesson the caller sees (404) and offers (403 unless its organisation's scope is the caller's or below). */
async function ownLesson(deps: OrgLifeDeps, actor: Actor, id: number) {
  const l = await repo.findLesson(deps.db, scopeOf(actor), id);
  if (!l) throw new AppError('NOT_FOUND');
  if (!(l.region_path === actor.scopePath || l.region_path.startsWith(`${actor.scopePath}.`)))
    throw new AppError('LESSON_NOT_OWNER');
  return l;
}

/** Store a lesson's video or slides in the photos module's blob store (type sniffed, size checked), audited. */
export async function putMedia(
  deps: OrgLifeDeps,
  actor: Actor,
  id: number,
  data: Buffer,
  requestId?: string,
) {
  await ownLesson(deps, actor, id);
  const type = await sniffMedia(data);
  const key = mediaKey(actor.countyCode, id, type.ext);
  await deps.media.put(key, data, type.mime);
  const pages = type.kind === 'slides' ? pdfPages(data) : null;
  await deps.db.transaction().execute(async (tx) => {
    await repo.setMedia(tx, actor.countyCode, id, {
      key,
      kind: type.kind,
      mime: type.mime,
      bytes: data.length,
      pages,
    });
    await recordAudit(
      tx,
      audit(actor, 'lesson.media', 'party_lesson', id, { kind: type.kind, bytes: data.length }, requestId),
    );
  });
  const l = await repo.findLesson(deps.db, scopeOf(actor), id);
  return toLesson(l!);
}

/**
 * The demo's slides are made at seed time from the lesson itself (the demo load has no blob store): a
 * store that lacks them gets them again, byte for byte, on first use.
 */
async function demoSlides(deps: OrgLifeDeps, l: repo.LessonRow) {
  if (!l.media_key?.endsWith(`/${DEMO_SLIDES}`)) return null;
  const pdf = lessonSlidesPdf(l.topic, slidesOf(l.summary));
  await deps.media.put(l.media_key, pdf, 'application/pdf');
  return pdf;
}

/** A lesson's media for a caller who sees the lesson, whole or one byte range (video seeking). */
export async function serveMedia(deps: OrgLifeDeps, actor: Actor, id: number, range: string | undefined) {
  const l = await repo.findLesson(deps.db, scopeOf(actor), id);
  if (!l) throw new AppError('NOT_FOUND');
  if (!l.media_key || !l.media_mime) throw new AppError('LESSON_NO_MEDIA');
  const body = (await deps.media.get(l.media_key)) ?? (await demoSlides(deps, l));
  if (!body) throw new AppError('LESSON_NO_MEDIA');
  const headers: Record<string, string> = {
    'content-type': l.media_mime,
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, max-age=3600',
  };
  const r = parseRange(range, body.length);
  if (r === 'unsatisfiable')
    return {
      status: 416,
      headers: { ...headers, 'content-range': `bytes */${body.length}` },
      body: Buffer.alloc(0),
    };
  if (!r) return { status: 200, headers, body };
  return {
    status: 206,
    headers: { ...headers, 'content-range': `bytes ${r.start}-${r.end}/${body.length}` },
    body: body.subarray(r.start, r.end + 1),
  };
}

/**
 * 云党课: one report of watching an online lesson. Residents must be party members (403); staff may
 * watch too. Seconds add up, the furthest point only moves forward; the first report is audited.
 */
export async function watchLesson(
  deps: OrgLifeDeps,
  actor: Actor,
  id: number,
  b: z.output<typeof WatchBody>,
  requestId?: string,
) {
  const l = await repo.findLesson(deps.db, scopeOf(actor), id);
  if (!l) throw new AppError('NOT_FOUND');
  const member = await memberOfAccount(deps.db, actor.countyCode, actor.accountId);
  if (actor.role === 'resident' && !member) throw new AppError('LESSON_NOT_A_MEMBER');
  if (l.format !== 'online') throw new AppError('LESSON_NOT_ONLINE');
  const now = deps.now();
  return deps.db.transaction().execute(async (tx) => {
    const w = await repo.recordWatch(tx, {
      countyCode: actor.countyCode,
      lessonId: id,
      accountId: actor.accountId,
      memberId: member?.id ?? null,
      regionPath: member?.path ?? actor.scopePath,
      seconds: b.seconds,
      pct: b.positionPct,
      now,
    });
    if (w.inserted)
      await recordAudit(
        tx,
        audit(actor, 'lesson.watch', 'party_lesson', id, { member: member?.id ?? null }, requestId),
      );
    return {
      lessonId: id,
      seconds: w.seconds,
      furthestPct: w.furthest_pct,
      firstAt: new Date(w.first_at).toISOString(),
      lastAt: new Date(w.last_at).toISOString(),
    };
  });
}

/** 点单: a branch in the caller's scope orders a lesson it sees from the menu, audited, once per request id. */
export async function orderLesson(
  deps: OrgLifeDeps,
  actor: Actor,
  b: z.output<typeof OrderBody>,
  requestId?: string,
) {
  const lesson = await repo.findLesson(deps.db, scopeOf(actor), b.lessonId);
  if (!lesson) throw new AppError('NOT_FOUND');
  const org = await orgInScope(deps.db, actor.countyCode, actor.scopePath, b.orgId);
  if (!org) throw new AppError('NOT_FOUND');
  if (org.kind !== 'branch') throw new AppError('ORGLIFE_KIND_MISMATCH');
  const now = deps.now();
  return createOnce({
    requestId: b.clientRequestId,
    find: (rid) => repo.findOrderByRequest(deps.db, actor.countyCode, actor.accountId, rid),
    constraint: 'lesson_order_request_idx',
    replay: (e) => {
      if (Number(e.lesson_id) !== b.lessonId || Number(e.org_id) !== b.orgId)
        throw new AppError('ORGLIFE_REQUEST_REUSED');
      return { id: Number(e.id), state: e.state as 'ordered', replayed: true };
    },
    create: () =>
      deps.db.transaction().execute(async (tx) => {
        const id = await repo.insertOrder(tx, {
          countyCode: actor.countyCode,
          lessonId: b.lessonId,
          orgId: b.orgId,
          regionPath: org.region_path,
          wish: b.wish,
          createdBy: actor.accountId,
          clientRequestId: b.clientRequestId ?? null,
          now,
        });
        await repo.addOrderStep(tx, {
          countyCode: actor.countyCode,
          orderId: id,
          action: 'order',
          fromState: 'new',
          toState: 'ordered',
          actorId: actor.accountId,
          actorName: actor.displayName,
          note: b.wish || null,
          at: now,
        });
        await recordAudit(
          tx,
          audit(
            actor,
            'lesson_order.order',
            'lesson_order',
            id,
            { lesson: b.lessonId, org: b.orgId },
            requestId,
          ),
        );
        return { id, state: 'ordered' as const, replayed: false };
      }),
  });
}

export async function takeOrderStep(
  deps: OrgLifeDeps,
  actor: Actor,
  id: number,
  action: OrderAction,
  input: OrderInput,
  requestId?: string,
) {
  const r = await runStep(deps.db, orderWorkflow(), actor, id, action, input, { now: deps.now(), requestId });
  return { id: Number(r.id), state: r.state as 'scheduled', version: r.version };
}

export function toOrderItem(o: repo.OrderRow) {
  return {
    id: Number(o.id),
    lessonId: Number(o.lesson_id),
    topic: o.topic,
    speaker: o.speaker,
    format: o.format as 'in_person' | 'online',
    orgId: Number(o.org_id),
    orgName: o.org_name,
    state: o.state as 'ordered',
    wish: o.wish,
    scheduledAt: o.scheduled_at ? new Date(o.scheduled_at).toISOString() : null,
    place: o.place,
    meetingId: o.meeting_id === null ? null : Number(o.meeting_id),
    version: o.version,
    createdAt: new Date(o.created_at).toISOString(),
  };
}
