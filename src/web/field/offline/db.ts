import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ApiError } from '../../shared/api.js';
import type { Answers, Category, ReportBody } from '../types.js';
import type { VisitBody } from '../visits/types.js';
import type { paths } from '../../shared/api-schema.js';

type ScreeningBody =
  paths['/api/v1/disputes/screenings']['post']['requestBody']['content']['application/json'];
type DisputeBody = paths['/api/v1/disputes']['post']['requestBody']['content']['application/json'];
type SessionBody =
  paths['/api/v1/disputes/{id}/sessions']['post']['requestBody']['content']['application/json'];
type CampaignActionBody =
  paths['/api/v1/campaign-targets/{id}/actions/{action}']['post']['requestBody']['content']['application/json'];

/** A photo kept on the phone; `serverId` once POST /photos answered. */
export type PhotoEntry = { key: string; blob: Blob; name: string; serverId?: string };

export type Spot = { lat: number; lng: number; accuracy?: number };

/** What the report form holds (saved while typing, restored after a reload). */
export type Draft = {
  key: string;
  savedAt: number;
  category: Category | null;
  answers: Answers;
  description: string;
  spot: Spot | null;
  useMyGrid: boolean;
  photos: PhotoEntry[];
  /** why the server refused it last time (a queued report taken back for editing) */
  refusal?: ApiError;
  /** a report started from a household (on a visit): its grid and address; the visit gets linked to the case */
  household?: { id: number; gridCode: string; address: string };
};

/** The visit form of one household (saved while typing, restored after a reload). */
export type VisitDraft = {
  key: string;
  savedAt: number;
  householdId: number;
  address: string;
  kind: VisitBody['kind'];
  outcome: VisitBody['outcome'] | null;
  needs: NonNullable<VisitBody['needs']>;
  notes: string;
  photos: PhotoEntry[];
  refusal?: ApiError;
};

export type QueueStatus = 'pending' | 'attention' | 'auth';

/** What every queued item carries: who, when, and how sending went so far. */
type Queued = {
  id: string;
  owner: string;
  createdAt: number;
  status: QueueStatus;
  attempts: number;
  nextAt: number;
  error?: ApiError;
  /** an earlier attempt may have reached the server (no answer came back) … */
  maybeSent?: boolean;
  /** … made at this time (phone clock) */
  attemptAt?: number;
  photoRetry?: boolean;
};

/** A report waiting to be sent, with its photos as Blobs (items from before visits have no `kind`). */
export type ReportItem = Queued & { kind?: 'report'; body: Omit<ReportBody, 'photoIds'>; draft: Draft };

/** A visit waiting to be sent: the form as written, with its photos. */
export type VisitItem = Queued & { kind: 'visit'; body: Omit<VisitBody, 'photoIds'>; draft: VisitDraft };

/** A daily screening, a dispute of a household (no photos) or a mediation record sheet (the signed paper's photos) waiting to be sent. */
export type DisputeWork =
  | { url: '/api/v1/disputes/screenings'; body: ScreeningBody }
  | { url: '/api/v1/disputes'; body: DisputeBody }
  | {
      url: '/api/v1/disputes/{id}/sessions';
      disputeId: number;
      /** the dispute's number and summary, for the queue's line */
      label: string;
      body: Omit<SessionBody, 'photoIds'>;
    };
export type DisputeItem = Queued & { kind: 'dispute'; work: DisputeWork; draft: { photos: PhotoEntry[] } };

/** A campaign target worked on the doorstep (done, or not applicable), kept until sent (its clientRequestId). */
export type CampaignWork = {
  targetId: number;
  /** what the queue shows: the person and the campaign */
  title: string;
  action: 'complete' | 'not_applicable';
  body: CampaignActionBody;
};
export type CampaignItem = Queued & { kind: 'campaign'; work: CampaignWork; draft: { photos: PhotoEntry[] } };

/** An emergency check's one-tap status (应急), kept until sent (its clientRequestId). */
export type EmergencyWork = {
  checkId: number;
  /** what the queue shows: the household and the status */
  title: string;
  body: paths['/api/v1/emergency-checks/{id}/report']['post']['requestBody']['content']['application/json'];
};
export type EmergencyItem = Queued & {
  kind: 'emergency';
  work: EmergencyWork;
  draft: { photos: PhotoEntry[] };
};

export type QueueItem = ReportItem | VisitItem | DisputeItem | CampaignItem | EmergencyItem;
export type QueueMeta = Partial<Pick<Queued, 'maybeSent' | 'attemptAt'>>;

interface FieldDB extends DBSchema {
  queue: { key: string; value: QueueItem; indexes: { owner: string } };
  drafts: { key: string; value: Draft };
  visitDrafts: { key: string; value: VisitDraft };
}

let dbp: Promise<IDBPDatabase<FieldDB>> | null = null;

export function db(): Promise<IDBPDatabase<FieldDB>> {
  dbp ??= openDB<FieldDB>('wangge-field', 2, {
    // version 2 added the visit forms; a phone with version 1 keeps its queue and drafts
    upgrade(d, from) {
      if (from < 1) {
        d.createObjectStore('queue', { keyPath: 'id' }).createIndex('owner', 'owner');
        d.createObjectStore('drafts', { keyPath: 'key' });
      }
      if (from < 2) d.createObjectStore('visitDrafts', { keyPath: 'key' });
    },
  });
  return dbp;
}

export async function loadDraft(key: string): Promise<Draft | undefined> {
  return (await db()).get('drafts', key);
}

export async function saveDraft(draft: Draft): Promise<void> {
  await (await db()).put('drafts', draft);
}

export async function dropDraft(key: string): Promise<void> {
  await (await db()).delete('drafts', key);
}

export async function loadVisitDraft(key: string): Promise<VisitDraft | undefined> {
  return (await db()).get('visitDrafts', key);
}

export async function saveVisitDraft(draft: VisitDraft): Promise<void> {
  await (await db()).put('visitDrafts', draft);
}

export async function dropVisitDraft(key: string): Promise<void> {
  await (await db()).delete('visitDrafts', key);
}

export function newKey(): string {
  return crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
