import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { Keyword, NumberSearch, PageQuery, sortParam } from '../../platform/lists/index.js';
import { CALL_SORT_KEYS } from './list.js';

export const MEDIA = ['voice', 'video'] as const;
export const ABOUT_TYPES = ['case', 'household', 'campaign_target', 'dispute', 'grid'] as const;
export const SIGNAL_KINDS = ['offer', 'answer', 'ice'] as const;

const RowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** What the call is about: an object with an id, or a grid (from the map) by its code. */
export const CallAbout = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['case', 'household', 'campaign_target', 'dispute']), id: RowId }).strict(),
  z.object({ type: z.literal('grid'), code: z.string().regex(/^[0-9]{6,24}$/) }).strict(),
]);
export type CallAbout = z.infer<typeof CallAbout>;

/**
 * Whom to call: an account (`calleeId`), the caller's centre (`toCentre`, field staff), or the
 * grid worker of what the call is about (only `about`). A dispute makes it a mediation session.
 */
export const PlaceBody = z
  .object({
    media: z.enum(MEDIA),
    calleeId: RowId.optional(),
    toCentre: z.literal(true).optional(),
    about: CallAbout.optional(),
    clientRequestId: z.uuid().optional(),
  })
  .strict();
export type PlaceBody = z.infer<typeof PlaceBody>;

/** A step of the call (the workflow runner's actions): answer, decline (the callee), hang-up (either). */
export const StepParams = z.object({ id: Id, action: z.enum(['answer', 'decline', 'hangup']) });
export const StepBody = z.object({ version: z.number().int().positive().optional() }).strict().optional();

/** A WebRTC signalling message for the other party (SDP or one ICE candidate). */
export const SignalBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offer'), sdp: z.string().min(10).max(20_000) }).strict(),
  z.object({ kind: z.literal('answer'), sdp: z.string().min(10).max(20_000) }).strict(),
  z
    .object({
      kind: z.literal('ice'),
      candidate: z.string().max(1000),
      sdpMid: z.string().max(64).nullable(),
      sdpMLineIndex: z.number().int().min(0).max(64).nullable(),
    })
    .strict(),
]);
export type SignalBody = z.infer<typeof SignalBody>;

const Party = z.object({
  id: z.number().int(),
  name: z.string(),
  role: z.string(),
  phone: z.string().nullable().describe('a grid worker’s phone, masked (e.g. 138****5678); null for staff'),
});

export const CallView = z.object({
  id: z.number().int(),
  media: z.enum(MEDIA),
  purpose: z.enum(['scene', 'centre', 'mediation']),
  state: z.enum(['ringing', 'active', 'ended']),
  outcome: z.enum(['completed', 'missed', 'declined', 'cancelled']).nullable(),
  caller: Party,
  callee: Party,
  about: z
    .object({ type: z.enum(ABOUT_TYPES), id: z.number().int().nullable(), code: z.string().nullable() })
    .nullable(),
  startedAt: z.string(),
  ringUntil: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
  version: z.number().int(),
  /** the caller's side of this call, when a party */
  side: z.enum(['caller', 'callee']).nullable(),
});
export type CallView = z.infer<typeof CallView>;

export const CallPlaced = CallView.extend({
  iceServers: z.array(
    z.object({
      urls: z.array(z.string()),
      username: z.string().optional(),
      credential: z.string().optional(),
    }),
  ),
});

export const SignalItem = z.object({
  id: z.number().int(),
  callId: z.number().int(),
  kind: z.string(),
  fromId: z.number().int().nullable(),
  payload: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});
export type SignalItem = z.infer<typeof SignalItem>;

export const SignalsQuery = z.object({ after: Id.optional() });

const Day = z.iso.date().describe('a date, YYYY-MM-DD (Beijing)');

/** The call log's filters, search and sort (issue 11); the export takes them without paging or phone. */
export const ExportQuery = z.object({
  within: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional()
    .describe('only calls with a party in this region (inside your scope)'),
  aboutType: z.enum(ABOUT_TYPES).optional(),
  aboutId: Id.optional(),
  beforeId: Id.optional(),
  media: z.enum(MEDIA).optional(),
  outcome: z.enum(['completed', 'missed', 'declined', 'cancelled']).optional(),
  from: Day.optional(),
  to: Day.optional(),
  number: NumberSearch.describe('the call’s number (its id) or a part of it'),
  q: Keyword.describe('words in a party’s name (not a phone number: use phone)'),
  sort: sortParam(CALL_SORT_KEYS),
});
export const ListQuery = ExportQuery.extend({
  phone: z
    .string()
    .regex(/^1\d{10}$/, '11-digit mobile number')
    .optional()
    .describe(
      'a party’s phone, matched by its keyed hash: a reveal (village, township and county centres only; reason, audit, 10 a minute)',
    ),
  reason: z
    .string()
    .trim()
    .min(4, '请说明查询事由 (at least 4 characters)')
    .max(200)
    .optional()
    .describe('why the phone search is made; required with phone'),
  ...PageQuery,
});

export const Settings = z.object({ ringSeconds: z.number().int().min(10).max(120) });
