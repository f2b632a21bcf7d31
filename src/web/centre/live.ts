import { useEffect, useRef } from 'react';

/** A live event from GET /api/v1/events (the server names each by its notification kind). */
export type LiveEvent = {
  type: string;
  caseId?: number | null;
  about?: { type: string; id: number };
  title?: string;
  number?: string;
  state?: string;
};

const KINDS = [
  'reported',
  'comment',
  'overdue',
  'auto_escalate',
  'file',
  'reject',
  'cancel',
  'merge',
  'handle_on_spot',
  'escalate',
  'dispatch',
  'accept',
  'return',
  'handle',
  'close',
  'rework',
  'evaluate',
  'reopen',
  'request_delay',
  'decide_delay',
  'suspend',
  'resume',
  'supervise',
  'expedite',
].map((k) => `case.${k}`);

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
