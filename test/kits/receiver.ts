/** A local webhook receiver for the exchange tests (not a test file itself): real node:http. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, verifySignature } from '../../src/modules/exchange/index.js';

export type Received = { event: string; body: Record<string, unknown>; verified: boolean };

/**
 * Verifies the signature with `secret` against the clock `now`, answers 500 to its first
 * `failFirst` requests (then 204), and keeps what it accepted.
 */
export async function startReceiver(now: () => Date) {
  const r = {
    now,
    secret: '',
    failFirst: 0,
    tries: 0,
    received: [] as Received[],
    server: null as Server | null,
    url: '',
    close: () => new Promise<void>((ok) => r.server!.close(() => ok())),
  };
  r.server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      r.tries++;
      const verified = verifySignature(r.secret, req.headers[SIGNATURE_HEADER] as string, body, r.now());
      if (!verified) return void res.writeHead(401).end();
      if (r.tries <= r.failFirst) return void res.writeHead(500).end();
      r.received.push({ event: String(req.headers['wangge-event']), body: JSON.parse(body), verified });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((ok) => r.server!.listen(0, '127.0.0.1', ok));
  r.url = `http://127.0.0.1:${(r.server.address() as AddressInfo).port}/hook`;
  return r;
}
