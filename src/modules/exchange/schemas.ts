import { z } from 'zod';
import { ExchangeEvent, Operation } from './operations.js';

const RegionCode = z.string().regex(/^\d{6,15}$/);
const Stamp = z.string().describe('ISO 8601');

export const SystemInput = z.object({
  name: z.string().trim().min(2).max(60).describe('e.g. 12345 政务服务便民热线'),
  scopeCode: RegionCode.describe('the node of the territory the system may see and act in'),
  operations: z.array(Operation).min(1).max(10),
  callsPerMinute: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(600)
    .describe('calls the system may make per minute (429 with Retry-After beyond)'),
});
export const SystemItem = z.object({
  id: z.number().int(),
  name: z.string(),
  scopeCode: z.string(),
  operations: z.array(Operation),
  callsPerMinute: z.number().int(),
  createdAt: Stamp,
  rotatedAt: Stamp.nullable(),
  revokedAt: Stamp.nullable(),
  lastUsedAt: Stamp.nullable(),
});
export const SystemWithKey = SystemItem.extend({
  key: z.string().describe('the API key, shown this once (send as `Authorization: Bearer …`)'),
});

export const SubscriptionInput = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .describe('where events are POSTed (signed: header `wangge-signature: t=…,v1=…`)'),
  events: z.array(ExchangeEvent).min(1).max(10),
});
export const SubscriptionItem = z.object({
  id: z.number().int(),
  systemAccountId: z.number().int(),
  url: z.string(),
  events: z.array(ExchangeEvent),
  createdAt: Stamp,
});
export const SubscriptionWithSecret = SubscriptionItem.extend({
  secret: z.string().describe('the signing secret, shown this once'),
});

export const DeadLetter = z.object({
  id: z.number().int(),
  event: z.string(),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: Stamp,
  deadAt: Stamp,
  subscriptionId: z.number().int(),
  url: z.string(),
  systemName: z.string(),
});

export const Settings = z.object({
  openData: z.boolean().describe('publish the anonymised aggregates at /open-data/{county}/indicators.*'),
});

export const TicketInput = z
  .object({
    externalRef: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\w.:/-]+$/, 'letters, digits and . _ : / -')
      .describe(
        'the system’s own number (e.g. the 12345 ticket number); the same one twice answers the same case',
      ),
    source: z.enum(['hotline', 'petition']).default('hotline'),
    categoryCode: z.string().min(1).max(20),
    description: z.string().trim().min(2).max(2000),
    gridCode: z
      .string()
      .regex(/^\d{15}$/)
      .optional(),
    lng: z.number().min(-180).max(180).optional().describe('WGS-84'),
    lat: z.number().min(-90).max(90).optional().describe('WGS-84'),
    address: z.string().trim().min(1).max(200).optional(),
    urgency: z.enum(['normal', 'urgent', 'emergency']).optional(),
    reporterName: z.string().trim().min(1).max(40).optional(),
    reporterContact: z
      .string()
      .trim()
      .regex(/^1\d{10}$/)
      .optional()
      .describe('the caller’s mobile (stored encrypted)'),
  })
  .refine((b) => b.gridCode !== undefined || (b.lng !== undefined && b.lat !== undefined), {
    message: 'gridCode or lng and lat are required',
  });
export const TicketAnswer = z.object({
  caseId: z.number().int(),
  number: z.string(),
  state: z.string(),
  externalRef: z.string(),
  replayed: z.boolean().describe('true: this external reference had already made the case'),
});

export const ChangesQuery = z.object({
  since: z.string().max(100).optional().describe('the `next` of the previous page; none: from the start'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ChangeItem = z.object({
  event: z.string(),
  at: Stamp,
  case: z.object({
    id: z.number().int(),
    number: z.string(),
    state: z.string(),
    fromState: z.string().nullable(),
    categoryCode: z.string(),
    gridCode: z.string(),
  }),
  externalRef: z.string().nullable().describe('your own number when your system made the case'),
});
export const ChangesPage = z.object({
  items: z.array(ChangeItem),
  next: z.string().describe('the cursor to ask with next time'),
});

const Cell = z
  .union([z.string().max(200), z.number().int().nonnegative()])
  .nullable()
  .optional();
export const HouseholdRow = z
  .object({
    householdId: Cell,
    gridCode: Cell,
    address: Cell,
    residentId: Cell,
    name: Cell,
    relation: Cell.describe('户主、配偶、子女 … as in the sheet'),
    gender: Cell.describe('男 / 女'),
    birthDate: Cell,
    idNumber: Cell,
    phone: Cell,
  })
  .strict();
export const HouseholdBatch = z.object({ rows: z.array(HouseholdRow).min(1).max(5000) });
export const HouseholdResult = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  households: z.number().int(),
});
export const EnterpriseBatch = z.object({
  rows: z
    .array(z.record(z.string(), z.unknown()))
    .min(1)
    .max(5000)
    .describe('each as the body of POST /enterprises; checked by the same rules'),
});
export const EnterpriseResult = z.object({ rows: z.number().int(), created: z.number().int() });

export const OpenDataParams = z.object({
  county: z.string().regex(/^\d{6}$/),
  format: z.enum(['json', 'csv']),
});
export const OpenDataCount = z.union([z.number().int(), z.literal('<5')]);
const Withheld = z.number().nullable();
export const OpenDataJson = z.object({
  county: z.string(),
  generatedAt: Stamp,
  suppressedBelow: z.number().int(),
  items: z.array(
    z.object({
      month: z.string().describe('YYYY-MM, Beijing time'),
      townshipCode: z.string(),
      townshipName: z.string(),
      reported: OpenDataCount.describe('cases reported (case.reported)'),
      closed: OpenDataCount.describe('cases closed (case.closed)'),
      closureRate: Withheld.describe('% closed of reported (case.closure_rate); null: fewer than 5 cases'),
      onTimeClosureRate: Withheld.describe(
        '% closed on time (case.on_time_closure_rate); null: fewer than 5',
      ),
      avgHoursToClose: Withheld.describe(
        'average hours report → close (case.avg_hours_close); null: fewer than 5',
      ),
      satisfactionRate: Withheld.describe(
        '% satisfied of rated (case.satisfaction_rate); null: fewer than 5',
      ),
      reportedComponents: OpenDataCount.describe('cases reported of component categories (P…)'),
      reportedEvents: OpenDataCount.describe('cases reported of event categories (E…)'),
      reportedGovernance: OpenDataCount.describe('cases reported of governance categories (G…)'),
      visitsMade: OpenDataCount.describe('household visits made (visits.made)'),
      wishesFulfilled: OpenDataCount.describe('micro-wishes fulfilled (wishes.fulfilled)'),
      disputesSettled: OpenDataCount.describe('disputes settled (disputes.settled)'),
    }),
  ),
});
export const OpenDataCsv = z
  .string()
  .describe('text/csv: the columns of the JSON items, in their order; a withheld value is empty');
