import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { Attendance, Day, publicText, Within } from './schemas.js';

export const LESSON_FORMATS = ['in_person', 'online'] as const;
export const ORDER_STATES = ['ordered', 'scheduled', 'delivered', 'cancelled'] as const;
export const ORDER_ACTIONS = ['schedule', 'deliver', 'cancel'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** Which state each step starts from (a step from any other state is 409 LESSON_ORDER_OUT_OF_ORDER). */
export const ORDER_STEP: Record<OrderAction, { from: readonly string[]; to: string }> = {
  schedule: { from: ['ordered'], to: 'scheduled' },
  deliver: { from: ['scheduled'], to: 'delivered' },
  cancel: { from: ['ordered', 'scheduled'], to: 'cancelled' },
};

export const LessonBody = z.object({
  topic: publicText(2, 100),
  speaker: publicText(1, 60).describe('e.g. 县委党校 王老师'),
  format: z.enum(LESSON_FORMATS).describe('in person (送课上门) or online (云党课)'),
  summary: publicText(0, 2000).default(''),
  minutes: z.number().int().min(5).max(480).describe('how long it takes'),
});

export const Lesson = z.object({
  id: z.number().int(),
  topic: z.string(),
  speaker: z.string(),
  format: z.enum(LESSON_FORMATS),
  summary: z.string(),
  minutes: z.number().int(),
  media: z
    .object({
      kind: z.enum(['video', 'slides']),
      mime: z.string(),
      bytes: z.number().int(),
      pages: z.number().int().nullable().describe('pages of slides (how far one read); null for a video'),
      url: z.string(),
    })
    .nullable(),
  offeredBy: z.string().describe('the region whose party organisation offers it'),
  orders: z.number().int().describe('orders of it in your scope'),
  watchers: z.number().int().describe('accounts in your scope that watched it online'),
});
export const LessonListQuery = z.object({
  format: z.enum(LESSON_FORMATS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const WatchBody = z.object({
  seconds: z
    .number()
    .int()
    .min(0)
    .max(600)
    .describe('seconds watched since the last report (at most 10 minutes)'),
  positionPct: z.number().int().min(0).max(100).describe('how far into the lesson, in per cent'),
});
export const Watch = z.object({
  lessonId: z.number().int(),
  seconds: z.number().int(),
  furthestPct: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
});
export const Watcher = z.object({
  name: z.string().describe('the account’s display name'),
  member: z.boolean().describe('a party member’s account'),
  seconds: z.number().int(),
  furthestPct: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
});

export const OrderBody = z.object({
  lessonId: z.number().int().positive(),
  orgId: z.number().int().positive().describe('the party branch that orders it'),
  wish: publicText(0, 500).default('').describe('what the branch wants from it (time, focus …)'),
  clientRequestId: z.uuid().optional().describe('idempotency key: resending returns the same order (200)'),
});
export const OrderMade = z.object({
  id: z.number().int(),
  state: z.enum(ORDER_STATES),
  replayed: z.boolean(),
});

const Version = z.number().int().positive().optional().describe('the version you saw; 409 if it moved on');
const plain = z.object({ version: Version });
export const ORDER_ACTION_BODIES = {
  schedule: plain.extend({
    scheduledAt: z.iso.datetime({ offset: true }).describe('when it will be given'),
    place: publicText(2, 80).describe('where, e.g. 村党群服务中心二楼'),
  }),
  deliver: plain.extend({ deliveredOn: Day, attendance: Attendance.default([]) }),
  cancel: plain.extend({ reason: publicText(2, 500) }),
} as const;
export type OrderInput = {
  [A in OrderAction]: { action: A } & z.output<(typeof ORDER_ACTION_BODIES)[A]>;
}[OrderAction];
export const OrderActionBody = z
  .union(
    ORDER_ACTIONS.map((a) =>
      ORDER_ACTION_BODIES[a].meta({ title: a, description: `body of POST /lesson-orders/{id}/actions/${a}` }),
    ),
  )
  .describe('the body of the step named in the path (see each member’s title)');
export const OrderActionParams = z.object({ id: Id, action: z.enum(ORDER_ACTIONS) });

export const OrderListQuery = z.object({
  within: Within,
  state: z.enum(ORDER_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const OrderItem = z.object({
  id: z.number().int(),
  lessonId: z.number().int(),
  topic: z.string(),
  speaker: z.string(),
  format: z.enum(LESSON_FORMATS),
  orgId: z.number().int(),
  orgName: z.string(),
  state: z.enum(ORDER_STATES),
  wish: z.string(),
  scheduledAt: z.string().nullable(),
  place: z.string().nullable(),
  meetingId: z.number().int().nullable().describe('the 党课 it was delivered as (organisational life)'),
  version: z.number().int(),
  createdAt: z.string(),
});
export const OrderDetail = OrderItem.extend({
  steps: z.array(
    z.object({
      action: z.string(),
      fromState: z.string(),
      toState: z.string(),
      actorName: z.string(),
      note: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
