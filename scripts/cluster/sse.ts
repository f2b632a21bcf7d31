/** JSON the scenarios read field by field (what they check is each step's assertion). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

/** A server-sent events stream read in the background: every event kept, in order. */
export type Sse = {
  instance: string | null;
  events: { type: string; data: Loose }[];
  closed: boolean;
  /** resolves with the first event matching `pred` (already received or to come) */
  next(
    pred: (e: { type: string; data: Loose }) => boolean,
    ms?: number,
  ): Promise<{ type: string; data: Loose }>;
  close(): void;
};

export async function openSse(base: string, auth: string): Promise<Sse> {
  const ac = new AbortController();
  const res = await fetch(`${base}/api/v1/events`, { headers: { authorization: auth }, signal: ac.signal });
  if (res.status !== 200 || !res.body) throw new Error(`/events answered ${res.status}`);
  const s: Sse = {
    instance: res.headers.get('x-wangge-instance'),
    events: [],
    closed: false,
    async next(pred, ms = 20_000) {
      const end = Date.now() + ms;
      for (;;) {
        const hit = s.events.find(pred);
        if (hit) return hit;
        if (Date.now() > end)
          throw new Error(`no such event in ${ms} ms (got ${s.events.map((e) => e.type).join(', ')})`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => ac.abort(),
  };
  void (async () => {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type) s.events.push({ type, data: data ? JSON.parse(data) : null });
        }
      }
    } catch {
      // aborted, or the instance went away
    }
    s.closed = true;
  })();
  return s;
}
