import { useSyncExternalStore } from 'react';
import { api } from '../../shared/api.js';
import { ok } from '../net.js';
import { CASE_EVENT_KINDS, EMERGENCY_EVENT_KINDS } from '../../shared/live-kinds.js';
import { linkOf } from './links.js';

/** A live event from GET /api/v1/events (server-sent events, named by kind). */
export type LiveEvent = {
  type: string;
  caseId?: number;
  about?: { type: string; id: number };
  number?: string;
  state?: string;
  title?: string;
  titleEn?: string;
};

type LiveState = { unread: number; tick: number; connected: boolean };
let state: LiveState = { unread: 0, tick: 0, connected: false };
const listeners = new Set<() => void>();

function emit(next: Partial<LiveState>): void {
  state = { ...state, ...next };
  listeners.forEach((l) => l());
}

/** Unread count, whether the stream is up, and `tick` (changes on every event: screens refetch). */
export function useLive(): LiveState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

export async function refreshUnread(): Promise<void> {
  const res = await ok(api.GET('/api/v1/inbox', { params: { query: { unread: 'true', limit: 1 } } })).catch(
    () => null,
  );
  if (res) emit({ unread: res.unread });
}

/** Opens the event stream (reopened when the phone comes back online); returns the closer. */
export function startLive(onEvent: (e: LiveEvent) => void): () => void {
  let source: EventSource | null = null;
  const open = () => {
    source?.close();
    source = new EventSource('/api/v1/events');
    source.onopen = () => emit({ connected: true });
    source.onerror = () => emit({ connected: source?.readyState === EventSource.OPEN });
    const handle = (m: MessageEvent<string>) => {
      let e: LiveEvent;
      try {
        e = JSON.parse(m.data) as LiveEvent;
      } catch {
        return;
      }
      emit({ tick: state.tick + 1 });
      void refreshUnread();
      onEvent(e);
    };
    for (const k of [...CASE_EVENT_KINDS, ...EMERGENCY_EVENT_KINDS]) source.addEventListener(k, handle);
    source.onmessage = handle;
  };
  const reopen = () => {
    if (!source || source.readyState === EventSource.CLOSED) open();
    void refreshUnread();
  };
  open();
  void refreshUnread();
  window.addEventListener('online', reopen);
  return () => {
    window.removeEventListener('online', reopen);
    source?.close();
    emit({ connected: false });
  };
}

/** Bump the tick (after my own action, so lists refetch). */
export function touch(): void {
  emit({ tick: state.tick + 1 });
}

/** The badge drops at once when messages are read here (the server's count follows). */
export function markedRead(n: number | 'all'): void {
  emit({ unread: n === 'all' ? 0 : Math.max(0, state.unread - n) });
}

/**
 * Opening what a message is about reads it: the unread messages that link to `path` (a case,
 * a wish, the points page …) are marked read, so the badge clears however the person got there.
 */
export async function readAbout(path: string): Promise<void> {
  if (state.unread === 0 || path === '/' || path === '/messages') return;
  const res = await ok(api.GET('/api/v1/inbox', { params: { query: { unread: 'true', limit: 200 } } })).catch(
    () => null,
  );
  const ids = (res?.items ?? []).filter((m) => linkOf(m) === path).map((m) => m.id);
  if (!ids.length) return;
  markedRead(ids.length);
  await ok(api.POST('/api/v1/inbox/read', { body: { ids } })).catch(() => undefined);
  await refreshUnread();
}
