/**
 * Property-based fuzzing of every route of the OpenAPI document with hostile values, signed in as
 * a powerful account and anonymously. The property: no 5xx, and every error of the API has the
 * shape {"error": {code, message, messageEn}} (Open311 routes answer Open311's own error list,
 * [{code, description}], as GeoReport v2 requires). Two kinds of request: hostile everywhere
 * (`requestArb`), and valid but for one hostile value (`focusedArb`, so it reaches past validation). Used by fuzz.test.ts (bounded) and run.ts (long).
 */
import fc from 'fast-check';
import type { App } from '../../src/server/app.js';
import { oneHostileField, validArb, type JsonSchema } from './valid.js';

type Param = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema?: Schema };
type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[] };
type Operation = { parameters?: Param[]; requestBody?: { content: Record<string, { schema?: Schema }> } };
export type Op = { method: string; path: string; params: Param[]; body?: Schema };

/** Every operation of the document. */
export function operations(doc: { paths: Record<string, Record<string, Operation>> }): Op[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: op.parameters ?? [],
      body: op.requestBody?.content['application/json']?.schema,
    })),
  );
}

const MB = 'x'.repeat(1 << 20);
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObj = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

/** Hostile scalars: control characters, full-width digits, traversal, SQL, huge and odd numbers. */
export const hostileText = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\u0001\u0002\u001b[31m\u007f',
    '\r\n\t\v\f',
    '１２３４５６',
    '２１１２２１',
    '../../../../etc/passwd',
    '..%2f..%2fetc%2fpasswd',
    '%00',
    "' OR '1'='1",
    '1; DROP TABLE cases; --',
    "'); SELECT pg_sleep(0); --",
    '__proto__',
    'constructor',
    'prototype',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '-0',
    '99999999999999999999999999',
    '9223372036854775808',
    '0x7fffffff',
    '',
    ' ',
    '\uFEFF',
    '\uD800',
    '\uFFFF',
    '<script>alert(1)</script>',
    '${7*7}',
    '2026-02-30',
    'null',
    'true',
    '[]',
    '{}',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer().map(String),
  fc.constant(MB),
);

export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    2 ** 63,
    -(2 ** 63),
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    1e-320,
    0,
    -1,
    2 ** 31,
    2 ** 53 + 1,
  ),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'a', ''), hostileText, {
    maxKeys: 3,
  }),
);

/** A body: the schema's fields, some hostile; or a hostile document as raw text. */
function bodyArb(schema: Schema | undefined): fc.Arbitrary<string | undefined> {
  const props = Object.keys(schema?.properties ?? {});
  const shaped = fc
    .record(Object.fromEntries(props.map((p) => [p, fc.option(hostileJson, { nil: undefined })])) as never)
    .map((o: Record<string, unknown>) => JSON.stringify(o));
  const withProto = shaped.map((s) =>
    s.replace(/^\{/, '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},'),
  );
  const raw = fc.oneof(
    fc.constantFrom(
      deep(5000),
      deepObj(5000),
      '{"a":NaN}',
      '{"a":Infinity}',
      '{"a":1e99999}',
      '{',
      '\u0000',
      '"\u0000"',
      '[]',
      'null',
      '{"__proto__":{"polluted":"yes"}}',
      `{"a":"${MB}"}`,
    ),
    hostileJson.map((v) => JSON.stringify(v) ?? 'null'),
  );
  return fc.oneof(shaped, withProto, raw, fc.constant(undefined));
}

/** Percent-encoding that survives lone surrogates: they become an invalid UTF-8 sequence, as a hostile client would send. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return `${encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, ''))}%ED%A0%80`;
  }
}

export type FuzzRequest = { method: string; url: string; body?: string; who: 'admin' | 'anonymous' };

/** A request to one operation with hostile path, query and body values. */
export function requestArb(op: Op): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  return fc
    .record({
      path: fc.tuple(...pathParams.map(() => hostileText)),
      query: fc.tuple(...queryParams.map(() => fc.option(hostileText, { nil: undefined }))),
      extra: fc.option(fc.tuple(fc.constantFrom('__proto__[x]', 'constructor', 'a[b][c]'), hostileText), {
        nil: undefined,
      }),
      body: op.method === 'GET' || op.method === 'DELETE' ? fc.constant(undefined) : bodyArb(op.body),
      who: fc.constantFrom('admin' as const, 'anonymous' as const),
    })
    .map(({ path, query, extra, body, who }) => {
      let url = op.path;
      pathParams.forEach((p, i) => {
        url = url.replace(`{${p.name}}`, enc(path[i] ?? ''));
      });
      const q = queryParams
        .map((p, i) => (query[i] === undefined ? '' : `${enc(p.name)}=${enc(query[i]!)}`))
        .filter(Boolean);
      if (extra) q.push(`${enc(extra[0])}=${enc(extra[1])}`);
      return { method: op.method, url: q.length ? `${url}?${q.join('&')}` : url, body, who };
    });
}

const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/**
 * The second step: a request valid in every part but ONE hostile value — a body field, a path
 * parameter or a query parameter — so that it reaches past validation of the rest.
 */
export function focusedArb(op: Op): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const slots = pathParams.length + queryParams.length + (op.body ? 1 : 0);
  const hostileBody = op.body ? oneHostileField(op.body as JsonSchema, hostileJson) : undefined;
  return fc
    .record({
      path: fc.tuple(...pathParams.map((p) => validArb(p.schema as JsonSchema))),
      query: fc.tuple(
        ...queryParams.map((p) => fc.option(validArb(p.schema as JsonSchema), { nil: undefined })),
      ),
      body: op.body ? validArb(op.body as JsonSchema).map((b) => JSON.stringify(b)) : fc.constant(undefined),
      hostileBody: hostileBody ?? fc.constant(undefined),
      slot: fc.nat({ max: Math.max(slots - 1, 0) }),
      bad: hostileText,
      who: fc.constantFrom('admin' as const, 'anonymous' as const),
    })
    .map(({ path, query, body, hostileBody, slot, bad, who }) => {
      let url = op.path;
      pathParams.forEach((p, i) => {
        url = url.replace(`{${p.name}}`, enc(slot === i ? bad : text(path[i])));
      });
      const q = queryParams
        .map((p, i) => {
          const v =
            slot === pathParams.length + i ? bad : query[i] === undefined ? undefined : text(query[i]);
          return v === undefined ? '' : `${enc(p.name)}=${enc(v)}`;
        })
        .filter(Boolean);
      const inBody = op.body !== undefined && slot === slots - 1;
      return {
        method: op.method,
        url: q.length ? `${url}?${q.join('&')}` : url,
        body: inBody && hostileBody !== undefined ? hostileBody : body,
        who,
      };
    });
}

export type Outcome = { status: number; problem?: string };

/** Sends one request; answers its status and what is wrong with its answer, if anything. */
export async function send(app: App, req: FuzzRequest, bearer: string): Promise<Outcome> {
  if (req.url.startsWith('/api/v1/events')) return { status: 0 }; // a live stream: the matrix covers it
  // signing the powerful account out would leave the rest of the run anonymous
  const who = req.url.startsWith('/api/v1/auth/logout') ? 'anonymous' : req.who;
  const res = await app.inject({
    method: req.method as 'GET',
    url: req.url,
    headers: {
      ...(who === 'admin' ? { authorization: bearer } : {}),
      ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(req.body !== undefined ? { payload: req.body } : {}),
  });
  const status = res.statusCode;
  if (status >= 500) return { status, problem: `${status}: ${res.body.slice(0, 300)}` };
  if (status >= 400) {
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      if (req.url.startsWith('/open311/v2') && res.headers['content-type']?.toString().includes('xml'))
        return { status };
      return { status, problem: `error body is not JSON: ${res.body.slice(0, 200)}` };
    }
    if (req.url.startsWith('/open311/v2')) {
      const list = body as { code?: unknown; description?: unknown }[];
      if (
        !Array.isArray(list) ||
        typeof list[0]?.code !== 'number' ||
        typeof list[0]?.description !== 'string'
      )
        return { status, problem: `Open311 error shape: ${res.body.slice(0, 200)}` };
      return { status };
    }
    const e = (body as { error?: Record<string, unknown> }).error;
    if (typeof e?.code !== 'string' || typeof e.message !== 'string' || typeof e.messageEn !== 'string')
      return { status, problem: `error shape: ${res.body.slice(0, 200)}` };
  }
  if (({} as Record<string, unknown>).polluted !== undefined)
    return { status, problem: 'prototype polluted' };
  return { status };
}

/** Runs `numRuns` random requests (spread over the operations) and tallies the answers. */
export async function fuzz(
  app: App,
  bearer: string,
  opts: {
    seed: number;
    numRuns: number;
    onProblem?: (req: FuzzRequest, o: Outcome) => void;
    /** only the operations whose path this matches (a module's own focused run) */
    paths?: RegExp;
  },
) {
  const doc = app.swagger() as { paths: Record<string, Record<string, Operation>> };
  const ops = operations(doc).filter((o) => !opts.paths || opts.paths.test(o.path));
  const statuses = new Map<number, number>();
  const problems: { req: FuzzRequest; outcome: Outcome }[] = [];
  let requests = 0;
  await fc.assert(
    fc.asyncProperty(fc.oneof(...ops.map(requestArb), ...ops.map(focusedArb)), async (req) => {
      const o = await send(app, req, bearer);
      if (o.status === 0) return;
      requests++;
      statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
      if (o.problem) {
        // keep a short copy: a run meets thousands of 1 MB URLs
        problems.push({
          req: { ...req, url: req.url.slice(0, 300), body: req.body?.slice(0, 200) },
          outcome: o,
        });
        opts.onProblem?.(req, o);
      }
    }),
    { seed: opts.seed, numRuns: opts.numRuns, endOnFailure: true },
  );
  return { operations: ops.length, requests, statuses, problems };
}
