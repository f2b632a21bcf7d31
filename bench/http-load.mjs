// A load generator in its own thread, so that the client's work (building and parsing HTTP)
// does not share the event loop of the server it measures — as wrk would, from outside.
// Input (workerData): port, auth, points [[lng, lat]…], from, count, concurrency.
// Output (postMessage): { secs, times } — seconds in all and each request's latency in ms.
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { port, auth, points, from, count, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function post(i) {
  const [lng, lat] = points[i % points.length];
  const body = JSON.stringify({ categoryCode: 'E0102', description: `暴露垃圾 #${i}`, lat, lng });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/cases',
        method: 'POST',
        agent,
        headers: {
          authorization: auth,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 201
            ? resolve()
            : reject(new Error(`report ${i}: ${res.statusCode} ${Buffer.concat(chunks).toString()}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let next = 0;
const times = [];
const t0 = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < count; i = next++) {
      const s = performance.now();
      await post(from + i);
      times.push(performance.now() - s);
    }
  }),
);
agent.destroy();
parentPort.postMessage({ secs: (performance.now() - t0) / 1000, times });
