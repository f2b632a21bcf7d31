/**
 * The browser side of the video link (modules/calls, docs/calls.md), shared by the command centre
 * and the field app: WebRTC between the two parties' browsers, signalled through our server —
 * messages go out by POST /api/v1/calls/{id}/signals and come in as `call.signal` events on the
 * live stream (GET /api/v1/events), with GET …/signals to catch up. Media never passes the server.
 */
import { api, type ApiError } from './api.js';

export type IceServer = { urls: string[]; username?: string; credential?: string };
export type CallInfo = {
  id: number;
  media: 'voice' | 'video';
  purpose: string;
  state: string;
  outcome: string | null;
  caller: { id: number; name: string };
  callee: { id: number; name: string };
  side: 'caller' | 'callee' | null;
  ringUntil: string;
};
type Signal = { id: number; kind: string; payload: unknown };
export type CallPhase = 'ringing' | 'connecting' | 'connected' | 'ended';
export type CallStatus = {
  call: CallInfo;
  phase: CallPhase;
  outcome: string | null;
  local: MediaStream | null;
  remote: MediaStream | null;
  /** bytes received and sent so far (RTCPeerConnection statistics) */
  bytesIn: number;
  bytesOut: number;
  error: string | null;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function must<T>(p: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  const r = await p;
  if (r.error || r.data === undefined) throw (r.error as ApiError) ?? new Error('request failed');
  return r.data;
}

/** One call in this browser, from ring (or placing) to hang-up. */
export class CallSession {
  status: CallStatus;
  private pc: RTCPeerConnection | null = null;
  private lastSignal = 0;
  private pendingIce: RTCIceCandidateInit[] = [];
  private offer: string | null = null;
  private listeners = new Set<(s: CallStatus) => void>();
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private ringTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    call: CallInfo,
    private readonly iceServers: IceServer[],
  ) {
    this.status = {
      call,
      phase: call.state === 'ended' ? 'ended' : 'ringing',
      outcome: call.outcome,
      local: null,
      remote: null,
      bytesIn: 0,
      bytesOut: 0,
      error: null,
    };
  }

  onChange(fn: (s: CallStatus) => void): () => void {
    this.listeners.add(fn);
    fn(this.status);
    return () => this.listeners.delete(fn);
  }

  private set(next: Partial<CallStatus>): void {
    this.status = { ...this.status, ...next };
    this.listeners.forEach((l) => l(this.status));
  }

  private async open(): Promise<RTCPeerConnection> {
    const local = await navigator.mediaDevices.getUserMedia({
      audio: true,
      video: this.status.call.media === 'video',
    });
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    this.pc = pc;
    const remote = new MediaStream();
    for (const track of local.getTracks()) pc.addTrack(track, local);
    pc.ontrack = (e) => {
      remote.addTrack(e.track);
      this.set({ remote });
    };
    pc.onicecandidate = (e) => {
      if (e.candidate)
        void this.send({
          kind: 'ice',
          candidate: e.candidate.candidate,
          sdpMid: e.candidate.sdpMid ?? null,
          sdpMLineIndex: e.candidate.sdpMLineIndex ?? null,
        });
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected') this.set({ phase: 'connected' });
    };
    this.statsTimer = setInterval(() => void this.readStats(), 1000);
    this.set({ local });
    return pc;
  }

  private async readStats(): Promise<void> {
    if (!this.pc) return;
    let bytesIn = 0;
    let bytesOut = 0;
    (await this.pc.getStats()).forEach((r: { type: string; bytesReceived?: number; bytesSent?: number }) => {
      if (r.type === 'inbound-rtp') bytesIn += r.bytesReceived ?? 0;
      if (r.type === 'outbound-rtp') bytesOut += r.bytesSent ?? 0;
    });
    this.set({ bytesIn, bytesOut });
  }

  private async send(body: object): Promise<void> {
    await api
      .POST('/api/v1/calls/{id}/signals', {
        params: { path: { id: this.status.call.id } },
        body: body as never,
      })
      .catch(() => undefined);
  }

  /** The caller: open the camera and microphone and send the offer; the ring ends by itself. */
  async place(): Promise<void> {
    try {
      const pc = await this.open();
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      await this.send({ kind: 'offer', sdp: offer.sdp });
      const left = Date.parse(this.status.call.ringUntil) - Date.now();
      this.ringTimer = setTimeout(
        () => {
          if (this.status.phase === 'ringing') void this.hangup();
        },
        Math.max(left, 1000),
      );
    } catch (e) {
      this.fail(e);
    }
  }

  /** The callee accepts: answer the call, then the offer. */
  async accept(): Promise<void> {
    try {
      await this.step('answer');
      this.set({ phase: 'connecting' });
      const pc = await this.open();
      await this.catchUp();
      for (let i = 0; !this.offer && i < 50; i++) {
        await sleep(100);
        await this.catchUp();
      }
      if (!this.offer) throw new Error('no offer');
      await pc.setRemoteDescription({ type: 'offer', sdp: this.offer });
      await this.flushIce();
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      await this.send({ kind: 'answer', sdp: answer.sdp });
    } catch (e) {
      this.fail(e);
    }
  }

  async decline(): Promise<void> {
    await this.step('decline').catch(() => undefined);
    this.close('declined');
  }

  async hangup(): Promise<void> {
    const ringing = this.status.phase === 'ringing';
    await this.step('hangup').catch(() => undefined);
    this.close(ringing ? 'missed' : 'completed');
  }

  private async step(action: 'answer' | 'decline' | 'hangup'): Promise<void> {
    await must(
      api.POST('/api/v1/calls/{id}/actions/{action}', {
        params: { path: { id: this.status.call.id, action } },
        body: {},
      }),
    );
  }

  private async catchUp(): Promise<void> {
    const res = await api.GET('/api/v1/calls/{id}/signals', {
      params: { path: { id: this.status.call.id }, query: { after: String(this.lastSignal) as never } },
    });
    for (const s of res.data?.items ?? []) await this.receive(s);
  }

  /** A message for this call (live event or caught up); each is handled once. */
  async receive(s: Signal): Promise<void> {
    if (s.id <= this.lastSignal) return;
    this.lastSignal = s.id;
    const p = (s.payload ?? {}) as { sdp?: string } & RTCIceCandidateInit;
    if (s.kind === 'offer') this.offer = p.sdp ?? null;
    else if (s.kind === 'answer' && this.pc) {
      this.set({ phase: 'connecting' });
      await this.pc.setRemoteDescription({ type: 'answer', sdp: p.sdp });
      await this.flushIce();
    } else if (s.kind === 'answered') this.set({ phase: 'connecting' });
    else if (s.kind === 'ice') {
      const c = { candidate: p.candidate, sdpMid: p.sdpMid, sdpMLineIndex: p.sdpMLineIndex };
      if (this.pc?.remoteDescription) await this.pc.addIceCandidate(c).catch(() => undefined);
      else this.pendingIce.push(c);
    } else if (['hangup', 'declined', 'missed', 'cancelled'].includes(s.kind))
      this.close(s.kind === 'hangup' ? 'completed' : s.kind);
  }

  private async flushIce(): Promise<void> {
    const pending = this.pendingIce;
    this.pendingIce = [];
    for (const c of pending) await this.pc?.addIceCandidate(c).catch(() => undefined);
  }

  private fail(e: unknown): void {
    const err = (e as ApiError)?.error;
    this.set({ error: err ? err.message : String((e as Error)?.message ?? e) });
    void this.hangup();
  }

  close(outcome: string): void {
    if (this.status.phase === 'ended') return;
    if (this.statsTimer) clearInterval(this.statsTimer);
    if (this.ringTimer) clearTimeout(this.ringTimer);
    this.status.local?.getTracks().forEach((t) => t.stop());
    this.pc?.close();
    this.pc = null;
    this.set({ phase: 'ended', outcome });
  }
}

/** Places a call; answers the session (already ringing the other side) or throws the API error. */
export async function placeCall(body: {
  media: 'voice' | 'video';
  calleeId?: number;
  toCentre?: true;
  about?:
    | { type: 'case' | 'household' | 'campaign_target' | 'dispute'; id: number }
    | { type: 'grid'; code: string };
}): Promise<CallSession> {
  const placed = await must(
    api.POST('/api/v1/calls', { body: { ...body, clientRequestId: crypto.randomUUID() } }),
  );
  const session = new CallSession(placed as CallInfo, placed.iceServers);
  watch(session);
  void session.place();
  return session;
}

/** A call ringing for me, to show on the ring screen. */
export async function incomingCall(id: number): Promise<CallSession> {
  const call = await must(api.GET('/api/v1/calls/{id}', { params: { path: { id } } }));
  const session = new CallSession(call as CallInfo, call.iceServers);
  watch(session);
  return session;
}

/** Calls ringing for me now (the app just opened). */
export async function ringingNow(): Promise<CallSession[]> {
  const res = await api.GET('/api/v1/calls/incoming');
  return (res.data?.items ?? []).map((c) => {
    const s = new CallSession(c as CallInfo, res.data!.iceServers);
    watch(s);
    return s;
  });
}

// --- the live stream of call messages -------------------------------------------------------

const sessions = new Map<number, CallSession>();
function watch(s: CallSession): void {
  sessions.set(s.status.call.id, s);
  s.onChange((st) => {
    if (st.phase === 'ended') sessions.delete(st.call.id);
  });
}

type SignalEvent = { call?: { id: number; signalId: number; kind: string; payload: unknown } };

/**
 * Listens for calls on the live stream while the app is open: `onRing` with each new call ringing
 * for me; other messages go to their session. Returns the closer.
 */
export function listenForCalls(onRing: (callId: number) => void): () => void {
  const es = new EventSource('/api/v1/events', { withCredentials: true });
  es.addEventListener('call.signal', (m) => {
    let e: SignalEvent;
    try {
      e = JSON.parse((m as MessageEvent<string>).data) as SignalEvent;
    } catch {
      return;
    }
    const c = e.call;
    if (!c) return;
    if (c.kind === 'ring') {
      if (!sessions.has(c.id)) onRing(c.id);
      return;
    }
    void sessions.get(c.id)?.receive({ id: c.signalId, kind: c.kind, payload: c.payload });
  });
  return () => es.close();
}
