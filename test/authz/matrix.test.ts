import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, multipart } from '../fixtures.js';
import { createTestApp, signIn, type TestApp } from '../helpers.js';
import { StateWatch } from './checksum.js';
import { buildFixtures, type Fixtures, type Where } from './fixtures.js';
import { authKit, MATRIX_ROLES, type MatrixRole } from './kit.js';
import { KNOWN_DEFECTS, MATRIX, type Expect, type Req, type Row } from './matrix.js';

/** MATRIX_DISCOVER=1 records what each cell answers (to /tmp/authz-discovered.txt) instead of asserting. */
const DISCOVER = process.env.MATRIX_DISCOVER === '1';

let t: TestApp;
let fx: Fixtures;
let base = '';
let watch: StateWatch;
const kit = authKit(() => t);
const discovered: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  for (const r of MATRIX_ROLES) await kit.as(r);
  fx = await buildFixtures(t, kit);
  watch = new StateWatch(t.db);
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
}, 180_000);

afterAll(async () => {
  if (DISCOVER) fs.writeFileSync('/tmp/authz-discovered.txt', discovered.join('\n'));
  await t?.close();
});

const expected = (e: Expect, role: MatrixRole): number | undefined => e[role] ?? e['*'];
const ok = (s: number) => s >= 200 && s < 300;

async function send(req: Req, role: MatrixRole): Promise<{ status: number; body: string }> {
  const headers = req.ownSession
    ? role === 'anonymous'
      ? {}
      : await signIn(t.app, role)
    : await kit.as(role);
  const url = req.url.startsWith('/open311/v2') ? req.url : `/api/v1${req.url}`;
  if (req.events) {
    // a live stream never ends: read the status, then hang up
    const ac = new AbortController();
    const res = await fetch(`${base}${url}`, { headers, signal: ac.signal });
    const body = res.ok ? '' : await res.text();
    ac.abort();
    return { status: res.status, body };
  }
  if (req.photo) {
    const m = multipart(await jpeg());
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...headers, 'content-type': m.contentType },
      payload: m.body,
    });
    return { status: res.statusCode, body: res.body };
  }
  const res = await t.app.inject({
    method: req.method as 'GET',
    url,
    headers,
    ...(req.payload ? { payload: req.payload } : {}),
  });
  return { status: res.statusCode, body: res.body };
}

function compress(statuses: Record<string, number>): string {
  const signedIn = MATRIX_ROLES.filter((r) => r !== 'anonymous').map((r) => statuses[r]!);
  const counts = new Map<number, number>();
  for (const s of signedIn) counts.set(s, (counts.get(s) ?? 0) + 1);
  const star = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const parts = [`'*': ${star}`];
  for (const r of MATRIX_ROLES)
    if (statuses[r] !== star) parts.push(`${/-/.test(r) ? `'${r}'` : r}: ${statuses[r]}`);
  return `{ ${parts.join(', ')} }`;
}

async function runCell(row: Row, where: Where, role: MatrixRole, exp: Expect): Promise<number> {
  const req = await row.make(fx, where, role);
  const want = expected(exp, role);
  const checkState = req.method !== 'GET' && !(want !== undefined && ok(want));
  const before = checkState ? await watch.snapshot() : undefined;
  const res = await send(req, role);
  const cell = `${row.route} | ${role} | ${where}`;
  if (!ok(res.status) && !req.url.startsWith('/open311/v2') && res.status !== 401) {
    const body = JSON.parse(res.body) as {
      error?: { code?: unknown; message?: unknown; messageEn?: unknown };
    };
    expect.soft(typeof body.error?.code, `${cell}: error shape ${res.body}`).toBe('string');
    expect.soft(typeof body.error?.message, `${cell}: error shape`).toBe('string');
    expect.soft(typeof body.error?.messageEn, `${cell}: error shape`).toBe('string');
  }
  if (before && !ok(res.status)) {
    const changed = StateWatch.changed(before, await watch.snapshot());
    expect.soft(changed, `${cell}: a refused call (${res.status}) changed the database`).toEqual([]);
  }
  if (DISCOVER) return res.status;
  const known = KNOWN_DEFECTS.find((k) => k.route === row.route && k.role === role && k.where === where);
  if (known) {
    expect(
      res.status,
      `${cell}: known defect "${known.defect}" seems fixed — remove it from KNOWN_DEFECTS`,
    ).not.toBe(want);
  } else {
    expect(res.status, `${cell}: ${res.body.slice(0, 300)}`).toBe(want);
  }
  return res.status;
}

describe('authorisation matrix', () => {
  it('has exactly one row for every route of the OpenAPI document', () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const rows = MATRIX.map((r) => r.route);
    expect(
      rows.filter((r, i) => rows.indexOf(r) !== i),
      'duplicate rows',
    ).toEqual([]);
    expect(
      routes.filter((r) => !rows.includes(r)),
      'routes without a row in test/authz/matrix.ts',
    ).toEqual([]);
    expect(
      rows.filter((r) => !routes.includes(r)),
      'rows for routes the document does not have',
    ).toEqual([]);
  });

  it('names only cells of the matrix as known defects', () => {
    for (const k of KNOWN_DEFECTS) {
      const row = MATRIX.find((r) => r.route === k.route);
      expect(row, k.route).toBeDefined();
      expect(k.where === 'in' || row!.out !== undefined, `${k.route} has no "out" column`).toBe(true);
    }
  });

  for (const row of MATRIX) {
    it(row.route, async () => {
      for (const where of ['in', 'out'] as const) {
        const exp = row[where];
        if (!exp) continue;
        const got: Record<string, number> = {};
        for (const role of MATRIX_ROLES) got[role] = await runCell(row, where, role, exp);
        if (DISCOVER) discovered.push(`${row.route} | ${where} | ${compress(got)}`);
      }
    });
  }
});
