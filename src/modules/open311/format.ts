import type { FastifyReply, FastifyRequest } from 'fastify';
import { create } from 'xmlbuilder2';

/**
 * Open311 GeoReport v2 output. Every resource exists as `.xml` (required by the spec)
 * and `.json`; JSON follows the spec's "Spark convention" (the XML's root and item
 * elements dropped, arrays kept), XML repeats the singular element name for each
 * array item. `null` is `null` in JSON and an empty element in XML.
 */
export type Fmt = 'json' | 'xml';

type XMLBuilder = ReturnType<typeof create>;

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
export type Item = { [key: string]: Value };

/** The XML element of one item of each array-valued field (plural → singular). */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

/** An error in the spec's shape: `[{"code": 404, "description": "…"}]` with that HTTP status. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 415 | 429 | 500,
    readonly description: string,
  ) {
    super(description);
  }
}

export const badRequest = (description: string) => new Open311Error(400, description);
export const notFound = (description: string) => new Open311Error(404, description);
export const forbidden = (description: string) => new Open311Error(403, description);

/** The format named by the route's `:format` (404 for anything but json and xml). */
export function formatParam(format: string): Fmt {
  if (format === 'json' || format === 'xml') return format;
  throw notFound(`format "${format}" is not supported; use .json or .xml`);
}

/** The format an error answer should use: the route's, else the URL's extension, else XML (the required one). */
export function formatOfRequest(req: FastifyRequest): Fmt {
  const p = (req.params ?? {}) as { format?: string };
  if (p.format === 'json' || p.format === 'xml') return p.format;
  return /\.json(?:\?|$)/.test(req.url) ? 'json' : 'xml';
}

const OFFSET_MS = 8 * 3600_000;

/** W3C datetime in China Standard Time, e.g. 2022-12-28T09:41:00+08:00 (no fractions). */
export function w3c(d: Date): string;
export function w3c(d: Date | null): string | null;
export function w3c(d: Date | null): string | null {
  if (!d) return null;
  return `${new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

const W3C_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses a W3C datetime argument. The time zone is mandatory whenever a time is given
 * (the spec); a bare complete date (YYYY-MM-DD, also a W3C form) is midnight in +08:00.
 */
export function parseW3c(name: string, value: string): Date {
  const m = W3C_DATETIME.exec(value.trim());
  const bad = () =>
    badRequest(
      `${name} must be a W3C datetime with a time zone, e.g. 2010-01-01T00:00:00Z or 2010-01-01T08:00:00+08:00`,
    );
  if (!m) throw bad();
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const iso =
    h === undefined
      ? `${y}-${mo}-${d}T00:00:00+08:00`
      : `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${frac ?? ''}${zone}`;
  const t = Date.parse(iso);
  if (
    Number.isNaN(t) ||
    Number(mo) > 12 ||
    Number(d) > 31 ||
    Number(h ?? 0) > 23 ||
    Number(mi ?? 0) > 59 ||
    Number(s ?? 0) > 59
  )
    throw bad();
  return new Date(t);
}

function addValue(parent: XMLBuilder, name: string, v: Value): void {
  if (Array.isArray(v)) {
    const list = parent.ele(name);
    const itemName = ITEM_NAMES[name] ?? 'item';
    for (const x of v) addValue(list, itemName, x);
    return;
  }
  const el = parent.ele(name);
  if (v === null) return;
  if (typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) addValue(el, k, x);
    return;
  }
  el.txt(String(v));
}

/** `<root>` holding `value`: an array (one item element per entry) or an object (one element per field). */
export function toXml(root: string, value: Item[] | Item): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
  if (Array.isArray(value)) {
    const el = doc.ele(root);
    const itemName = ITEM_NAMES[root] ?? 'item';
    for (const item of value) addValue(el, itemName, item);
  } else {
    addValue(doc, root, value);
  }
  return doc.end({ prettyPrint: true });
}

/**
 * The exact media types the spec's discovery document names. Strict clients compare them as
 * strings, so no charset parameter: RFC 8259 defines none for JSON (always UTF-8) and the XML
 * names its encoding in its declaration. Fastify appends `; charset=utf-8` to a JSON string
 * it sends, so JSON goes out as bytes, which it passes as they are.
 */
export const MEDIA_TYPES = { json: 'application/json', xml: 'text/xml' } as const;

/** Sends `value` in the requested format; `root` names the XML root element. */
export function send(reply: FastifyReply, fmt: Fmt, root: string, value: Item[] | Item, status = 200) {
  reply.code(status).header('cache-control', 'no-store').header('content-type', MEDIA_TYPES[fmt]);
  return reply.send(fmt === 'json' ? Buffer.from(JSON.stringify(value)) : toXml(root, value));
}

/** The spec's error list. */
export function sendError(reply: FastifyReply, fmt: Fmt, status: number, description: string) {
  return send(reply, fmt, 'errors', [{ code: status, description }], status);
}
