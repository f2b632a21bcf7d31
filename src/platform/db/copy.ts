import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/**
 * COPY through Kysely: a statement carrying the comment `copySource` (FROM STDIN) or `copySink`
 * (TO STDOUT) returns is run by the pool's client (`PreparingClient` in database.ts) as a
 * pg-copy-streams COPY fed from, or draining into, what is registered under the token. So a COPY
 * runs on the connection of the caller's transaction, like any statement, without reaching into
 * Kysely's private client.
 */
export const COPY_MARK = '/* wangge:copy:';

type Source = () => AsyncIterable<string | Buffer>;
const sources = new Map<string, Source>();
type Sink = (out: Readable) => Promise<void>;
const sinks = new Map<string, Sink>();

/** Registers a source of COPY text chunks; the returned SQL comment names it in a COPY statement. */
export function copySource(source: Source): { mark: string; drop: () => void } {
  const token = randomUUID();
  sources.set(token, source);
  return { mark: `${COPY_MARK}${token} */`, drop: () => sources.delete(token) };
}

/** Registers what drains a COPY … TO STDOUT (its text-format output); the SQL comment names it. */
export function copySink(sink: Sink): { mark: string; drop: () => void } {
  const token = randomUUID();
  sinks.set(token, sink);
  return { mark: `${COPY_MARK}${token} */`, drop: () => sinks.delete(token) };
}

/** Runs a marked COPY statement through `query` (the pool's client's own; called by that client). */
export async function runCopy(
  query: (q: unknown) => unknown,
  text: string,
): Promise<{ command: string; rowCount: number; rows: [] }> {
  const at = text.indexOf(COPY_MARK);
  const token = text.slice(at + COPY_MARK.length, text.indexOf(' */', at));
  const source = sources.get(token);
  sources.delete(token);
  const sink = sinks.get(token);
  sinks.delete(token);
  if (sink) {
    const out = query(copyTo(text)) as ReturnType<typeof copyTo>;
    await sink(out);
    return { command: 'COPY', rowCount: out.rowCount, rows: [] };
  }
  if (!source) throw new Error('COPY without a registered source');
  const stream = query(copyFrom(text)) as ReturnType<typeof copyFrom>;
  await pipeline(Readable.from(source(), { objectMode: false }), stream);
  return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
}

const SPECIAL = /[\\\n\r\t]/;
/** A text value in COPY's text format (backslash, newline, CR and tab escaped). */
export function copyText(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[\\\n\r\t]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t',
  );
}

/** A value in COPY's text format, as PostgreSQL's input function of the column reads it. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return copyText(v);
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
  if (v instanceof Date) return localIso(v);
  return copyText(JSON.stringify(v));
}

/** `string_to_array(v, ',')` as an array literal in COPY text (null stays null unless `empty`). */
export function copyCsvArray(v: unknown, emptyWhenNull: boolean): string {
  if (v === null || v === undefined) return emptyWhenNull ? '{}' : '\\N';
  const s = String(v);
  if (s === '') return '{}';
  const items = s.split(',').map((x) => `"${x.replace(/["\\]/g, (c) => `\\${c}`)}"`);
  return copyText(`{${items.join(',')}}`);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** A Date as the `pg` driver sends it (local time with its offset), so a `date` column gets the same day. */
function localIso(d: Date): string {
  const off = -d.getTimezoneOffset();
  const a = Math.abs(off);
  return (
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:` +
    `${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}${off >= 0 ? '+' : '-'}` +
    `${pad(Math.floor(a / 60))}:${pad(a % 60)}`
  );
}
