import { useSyncExternalStore } from 'react';
import {
  db,
  newKey,
  type CampaignWork,
  type EmergencyWork,
  type DisputeWork,
  type Draft,
  type PhotoEntry,
  type QueueItem,
  type QueueMeta,
  type VisitDraft,
} from './db.js';
import { sendItem } from './send.js';
import type { ReportBody } from '../types.js';
import type { VisitBody } from '../visits/types.js';

/**
 * The outbox of reports and visits on this phone. Items are removed only after the
 * server answered 201; network trouble retries with backoff (and at once when
 * the phone comes back online or the person taps "send now"); a refusal (4xx)
 * keeps the item, marked as needing attention with the server's message.
 */
export type QueueState = {
  owner: string | null;
  items: QueueItem[];
  sending: boolean;
  lastSent: { id: number; number: string; at: number } | null;
  /** the last visit that went out of the queue (its household is no longer due) */
  lastVisitSent: { id: number; householdId: number; at: number } | null;
};

let state: QueueState = { owner: null, items: [], sending: false, lastSent: null, lastVisitSent: null };
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

function emit(next: Partial<QueueState>): void {
  state = { ...state, ...next };
  listeners.forEach((l) => l());
}

export function useQueue(): QueueState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

export function queueState(): QueueState {
  return state;
}

async function reload(): Promise<void> {
  const owner = state.owner;
  const items = owner ? await (await db()).getAllFromIndex('queue', 'owner', owner) : [];
  emit({ items: items.sort((a, b) => a.createdAt - b.createdAt) });
}

/** Whose reports to show and send (only the signed-in account's). */
export async function setOwner(owner: string | null): Promise<void> {
  emit({ owner, items: [] });
  await reload();
  if (owner) void flush(true);
}

export async function enqueue(
  draft: Draft,
  body: Omit<ReportBody, 'photoIds'>,
  extra: QueueMeta = {},
): Promise<QueueItem> {
  return put({ ...fresh(), body, draft, ...extra });
}

export async function enqueueVisit(
  draft: VisitDraft,
  body: Omit<VisitBody, 'photoIds'>,
  extra: QueueMeta = {},
): Promise<QueueItem> {
  return put({ ...fresh(), kind: 'visit', body, draft, ...extra });
}

/** A daily screening or a household's dispute, kept until sent (its clientRequestId makes a resend harmless). */
export async function enqueueDisputeWork(work: DisputeWork, photos: PhotoEntry[] = []): Promise<QueueItem> {
  const item = await put({ ...fresh(), kind: 'dispute', work, draft: { photos } });
  void flush(true);
  return item;
}

/** A campaign target's result, kept until sent (its clientRequestId makes a resend answer the first result). */
export async function enqueueCampaignWork(work: CampaignWork): Promise<QueueItem> {
  const item = await put({ ...fresh(), kind: 'campaign', work, draft: { photos: [] } });
  void flush(true);
  return item;
}

/** An emergency check's status, kept until sent (its clientRequestId makes a resend the same report). */
export async function enqueueEmergencyReport(work: EmergencyWork): Promise<QueueItem> {
  const item = await put({ ...fresh(), kind: 'emergency', work, draft: { photos: [] } });
  void flush(true);
  return item;
}

const fresh = () => ({
  id: newKey(),
  owner: state.owner ?? '',
  createdAt: Date.now(),
  status: 'pending' as const,
  attempts: 1,
  nextAt: Date.now() + backoff(1),
});

async function put(item: QueueItem): Promise<QueueItem> {
  await (await db()).put('queue', item);
  await reload();
  schedule();
  return item;
}

export async function removeItem(id: string): Promise<void> {
  await (await db()).delete('queue', id);
  await reload();
}

export async function getItem(id: string): Promise<QueueItem | undefined> {
  return (await db()).get('queue', id);
}

async function save(item: QueueItem): Promise<void> {
  await (await db()).put('queue', item);
}

export function backoff(attempts: number): number {
  const base = Math.min(5 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** Send what is due (`force`: everything pending now, e.g. the retry button or back online). */
export async function flush(force = false): Promise<void> {
  if (state.sending || !state.owner) return;
  if (!force && !navigator.onLine) return; // the 'online' event wakes us
  const run = async () => {
    emit({ sending: true });
    try {
      await sendDue(force);
    } finally {
      emit({ sending: false });
      await reload();
      schedule();
    }
  };
  // one tab at a time sends (two open tabs must not send the same report twice)
  if (navigator.locks)
    await navigator.locks.request('wangge-field-queue', { ifAvailable: true }, (lock) =>
      lock ? run() : undefined,
    );
  else await run();
}

async function sendDue(force: boolean): Promise<void> {
  const d = await db();
  const items = (await d.getAllFromIndex('queue', 'owner', state.owner ?? '')).sort(
    (a, b) => a.createdAt - b.createdAt,
  );
  for (const item of items) {
    if (item.status === 'attention') continue;
    if (!force && item.nextAt > Date.now()) continue;
    const out = await sendItem(item, save);
    if (out.kind === 'sent') {
      await d.delete('queue', item.id);
      if (out.householdId !== undefined)
        emit({ lastVisitSent: { id: out.id, householdId: out.householdId, at: Date.now() } });
      else emit({ lastSent: { id: out.id, number: out.number, at: Date.now() } });
      continue;
    }
    if (!(await d.get('queue', item.id))) continue; // deleted meanwhile
    if (out.kind === 'attention') {
      await save({ ...item, status: 'attention', error: out.error });
      continue;
    }
    if (out.kind === 'auth') {
      await save({ ...item, status: 'auth' });
      return; // signed out: nothing else can go until the person signs in again
    }
    const attempts = item.attempts + 1;
    const nextAt = Date.now() + backoff(attempts);
    await save({ ...item, status: 'pending', attempts, nextAt, error: out.error });
    // the network is down: the others would fail the same way, so they wait as long
    for (const other of items) {
      const cur = other.id === item.id ? undefined : await d.get('queue', other.id);
      if (cur?.status === 'pending' && cur.nextAt < nextAt) await save({ ...cur, nextAt });
    }
    return;
  }
}

function schedule(): void {
  clearTimeout(timer);
  const due = state.items.filter((i) => i.status === 'pending').map((i) => i.nextAt);
  if (!due.length || !state.owner) return;
  const wait = Math.max(1_000, Math.min(...due) - Date.now());
  timer = setTimeout(() => void flush(), wait);
}

/** Wake-ups: back online, the app shown again. Call once at start. */
export function startQueue(): void {
  window.addEventListener('online', () => void flush(true));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void flush();
  });
}
