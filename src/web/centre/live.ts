import { useEffect, useRef } from 'react';
import { CASE_EVENT_KINDS as KINDS } from '../shared/live-kinds.js';

/** A live event from GET /api/v1/events (the server names each by its notification kind). */
export type LiveEvent = {
  type: string;
  caseId?: number | null;
  about?: { type: string; id: number };
  title?: string;
  titleEn?: string;
  number?: string;
  state?: string;
  /** area events: the grid the case lies in */
  gridCode?: string;
};

/**
 * County-wide events (dashboard readers): a case reported or closed anywhere in the caller's
 * subtree. Kept apart from the own events above, which pages reload on; only the dashboard
 * listens to these (useAreaLive).
 */
export const AREA_KINDS = ['area.case.reported', 'area.case.closed'].concat(
  // 应急 (emergency/live.ts): a declaration, a household's report, a shared position, a closing
  ['declared', 'report', 'position', 'closed'].map((k) => `area.emergency.${k}`),
);

const bus = new EventTarget();

/** Opens the event stream once (in the shell) and fans events out to subscribers. */
export function openLiveStream(): () => void {
  const es = new EventSource('/api/v1/events', { withCredentials: true });
  const relay = (e: MessageEvent<string>) => {
    let data: LiveEvent;
    try {
      data = { type: e.type, ...(JSON.parse(e.data) as Omit<LiveEvent, 'type'>) };
    } catch {
      data = { type: e.type };
    }
    bus.dispatchEvent(new CustomEvent<LiveEvent>('live', { detail: data }));
  };
  for (const k of [...KINDS, 'message']) es.addEventListener(k, relay as EventListener);
  const area = (e: MessageEvent<string>) => {
    let data: LiveEvent;
    try {
      data = { type: e.type, ...(JSON.parse(e.data) as Omit<LiveEvent, 'type'>) };
    } catch {
      return;
    }
    bus.dispatchEvent(new CustomEvent<LiveEvent>('area', { detail: data }));
  };
  for (const k of AREA_KINDS) es.addEventListener(k, area as EventListener);
  return () => es.close();
}

/** Calls `fn` on every live event while the component is mounted. */
export function useLive(fn: (e: LiveEvent) => void): void {
  const ref = useRef(fn);
  useEffect(() => {
    ref.current = fn;
  });
  useEffect(() => {
    const h = (e: Event) => ref.current((e as CustomEvent<LiveEvent>).detail);
    bus.addEventListener('live', h);
    return () => bus.removeEventListener('live', h);
  }, []);
}

/** Calls `fn` on every county-wide event (a report or closure in the caller's subtree) while mounted. */
export function useAreaLive(fn: (e: LiveEvent) => void): void {
  const ref = useRef(fn);
  useEffect(() => {
    ref.current = fn;
  });
  useEffect(() => {
    const h = (e: Event) => ref.current((e as CustomEvent<LiveEvent>).detail);
    bus.addEventListener('area', h);
    return () => bus.removeEventListener('area', h);
  }, []);
}
