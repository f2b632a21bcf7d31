import { sql } from 'kysely';
import { GridIndex } from '../src/platform/geo/grid-index.js';
import type { BenchDb } from './database.js';
import { bearer } from './database.js';
import { fmt } from './machine.js';

const CONCURRENCY = 16;

async function pool<T>(n: number, worker: (i: number) => Promise<T>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < n; i = next++) await worker(i);
    }),
  );
  return (performance.now() - t0) / 1000;
}

/**
 * Reports accepted per second through real HTTP (loopback socket, keep-alive,
 * 16 concurrent clients): validation, point → grid, case row, history row,
 * audit row, inbox + outbox rows and NOTIFY, in one transaction each.
 * Beside it, in the same run: plain single-row INSERTs into a scratch table with
 * the same concurrency — what the database alone does.
 */
export async function benchReports(b: BenchDb, n: number): Promise<string> {
  await b.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (b.app.server.address() as { port: number }).port;
  const auth = await bearer(b.app, 'resident');
  const me = (
    await b.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: auth } })
  ).json() as { scope: { code: string } };
  const grid = await b.db
    .selectFrom('region')
    .select(['geometry', 'min_lng', 'min_lat', 'max_lng', 'max_lat'])
    .where('code', '=', me.scope.code)
    .executeTakeFirstOrThrow();
  const index = GridIndex.build([{ code: me.scope.code, polygon: grid.geometry as never }]);
  const points: Array<[number, number]> = [];
  for (let i = 0; points.length < 200 && i < 100_000; i++) {
    const lng = grid.min_lng! + (grid.max_lng! - grid.min_lng!) * ((i * 0.6180339887) % 1);
    const lat = grid.min_lat! + (grid.max_lat! - grid.min_lat!) * ((i * 0.7548776662) % 1);
    if (index.locate(lng, lat)) points.push([lng, lat]);
  }
  const post = async (i: number) => {
    const [lng, lat] = points[i % points.length]!;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/cases`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ categoryCode: 'E0102', description: `暴露垃圾 #${i}`, lat, lng }),
    });
    if (res.status !== 201) throw new Error(`report ${i}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  for (let i = 0; i < 50; i++) await post(i); // warm-up
  const httpSecs = await pool(n, post);

  await sql`CREATE TABLE IF NOT EXISTS bench_raw (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, county_code text, body text, at timestamptz DEFAULT now())`.execute(
    b.db,
  );
  const rawSecs = await pool(n, (i) =>
    sql`INSERT INTO bench_raw (county_code, body) VALUES ('211221', ${`暴露垃圾 #${i}`})`.execute(b.db),
  );
  await sql`DROP TABLE bench_raw`.execute(b.db);
  await b.app.close();
  const httpRate = n / httpSecs;
  const rawRate = n / rawSecs;
  return `| ${b.label} (${b.version}) | ${fmt(n)} | ${fmt(httpRate)} | ${fmt(rawRate)} | ${fmt(httpRate / rawRate, 2)} |`;
}
