import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ApiError } from '../../shared/api.js';
import type { Answers, Category, ReportBody } from '../types.js';

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
};

export type QueueStatus = 'pending' | 'attention' | 'auth';

/** A report waiting to be sent, with its photos as Blobs. */
export type QueueItem = {
  id: string;
  owner: string;
  createdAt: number;
  body: Omit<ReportBody, 'photoIds'>;
  draft: Draft;
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

interface FieldDB extends DBSchema {
  queue: { key: string; value: QueueItem; indexes: { owner: string } };
  drafts: { key: string; value: Draft };
}

let dbp: Promise<IDBPDatabase<FieldDB>> | null = null;

export function db(): Promise<IDBPDatabase<FieldDB>> {
  dbp ??= openDB<FieldDB>('wangge-field', 1, {
    upgrade(d) {
      d.createObjectStore('queue', { keyPath: 'id' }).createIndex('owner', 'owner');
      d.createObjectStore('drafts', { keyPath: 'key' });
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

export function newKey(): string {
  return crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
