import type { Db } from '../../platform/db/database.js';
import { badRequest, notFound, parseW3c } from './format.js';

/**
 * Open311 arguments arrive as query strings, form-encoded bodies (the spec's POST) or
 * JSON bodies. All are flattened to one map of strings (or string lists for repeated
 * keys and `name[]` keys); an empty value counts as absent ("Optional Arguments").
 */
export type Params = Map<string, string | string[]>;

function put(out: Params, rawKey: string, value: string): void {
  const list = rawKey.endsWith('[]');
  const key = list ? rawKey.slice(0, -2) : rawKey;
  const prev = out.get(key);
  if (prev === undefined) out.set(key, list ? [value] : value);
  else out.set(key, [...(Array.isArray(prev) ? prev : [prev]), value]);
}

/** application/x-www-form-urlencoded (UTF-8), keeping repeated keys. */
export function parseForm(body: string): Params {
  const out: Params = new Map();
  for (const [k, v] of new URLSearchParams(body)) put(out, k, v);
  return out;
}

const scalar = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;

/** A JSON body: flat keys as in the form (`"attribute[code]": …`) or nested (`"attribute": {code: …}`). */
export function fromJson(body: unknown): Params {
  const out: Params = new Map();
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('the body must be a JSON object or a form');
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === 'attribute' && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [code, x] of Object.entries(v as Record<string, unknown>)) {
        if (Array.isArray(x)) for (const e of x) put(out, `attribute[${code}][]`, scalar(e) ?? '');
        else put(out, `attribute[${code}]`, scalar(x) ?? '');
      }
    } else if (Array.isArray(v)) {
      for (const e of v) put(out, `${k}[]`, scalar(e) ?? '');
    } else if (v !== null && v !== undefined) {
      const s = scalar(v);
      if (s === null) throw badRequest(`${k} must be a string`);
      put(out, k, s);
    }
  }
  return out;
}

/** Query string and body together (the body wins). */
export function collect(query: unknown, body: unknown): Params {
  const out: Params = new Map();
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(v)) for (const e of v) put(out, k.endsWith('[]') ? k : `${k}[]`, String(e));
    else if (typeof v === 'string') put(out, k, v);
  }
  const fromBody =
    body instanceof Map ? (body as Params) : body === undefined || body === null ? new Map() : fromJson(body);
  for (const [k, v] of fromBody) out.set(k, v);
  return out;
}

/** One value; repeated scalar keys keep the first. Empty and whitespace-only values are absent. */
export function one(p: Params, name: string): string | undefined {
  const v = p.get(name);
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : undefined;
}

export function many(p: Params, name: string): string[] {
  const v = p.get(name);
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter(Boolean);
}

/** A comma-delimited list argument ("can be declared multiple times, comma delimited"). */
export function commaList(p: Params, name: string): string[] {
  return many(p, name)
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `attribute[code]=v` → v; `attribute[code][]=v1&…` → [v1, …]. */
export function attributes(p: Params): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of p) {
    const m = /^attribute\[([^\]]+)\]$/.exec(k);
    if (!m?.[1]) continue;
    const values = (Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean);
    if (values.length === 0) continue;
    out[m[1]] = Array.isArray(v) ? values : values[0]!;
  }
  return out;
}

/**
 * jurisdiction_id is the county code (6 digits) of a county whose case configuration is
 * loaded. The endpoint serves several counties, so it is required except where another
 * argument already names the county (an api_key on POST).
 */
export async function jurisdiction(db: Db, p: Params, required: boolean): Promise<string | undefined> {
  const id = one(p, 'jurisdiction_id');
  if (!id) {
    if (required) throw badRequest('jurisdiction_id was not provided (the county code, e.g. 211221)');
    return undefined;
  }
  const ok =
    /^\d{6}$/.test(id) &&
    (await db
      .selectFrom('region')
      .select('code')
      .where('code', '=', id)
      .where('level', '=', 'county')
      .where((eb) =>
        eb.exists(eb.selectFrom('department').select('id').where('department.county_code', '=', id)),
      )
      .executeTakeFirst());
  if (!ok) throw notFound(`jurisdiction_id ${id} was not found`);
  return id;
}

const DAY_MS = 86_400_000;
export const MAX_SPAN_DAYS = 90;

/**
 * start_date/end_date: "when not specified, the range defaults to most recent 90 days",
 * and a given range "may not span more than 90 days" (400). One bound alone gets the
 * other 90 days away (never past now).
 */
export function timeWindow(p: Params, now: Date): { from: Date; to: Date } {
  const s = one(p, 'start_date');
  const e = one(p, 'end_date');
  const from = s ? parseW3c('start_date', s) : undefined;
  const to = e ? parseW3c('end_date', e) : undefined;
  const span = MAX_SPAN_DAYS * DAY_MS;
  if (from && to) {
    if (from > to) throw badRequest('start_date must not be after end_date');
    if (to.getTime() - from.getTime() > span)
      throw badRequest(`start_date and end_date may not span more than ${MAX_SPAN_DAYS} days`);
    return { from, to };
  }
  if (from) return { from, to: new Date(Math.min(now.getTime(), from.getTime() + span)) };
  if (to) return { from: new Date(to.getTime() - span), to };
  return { from: new Date(now.getTime() - span), to: now };
}
