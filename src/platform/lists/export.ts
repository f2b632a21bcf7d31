import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Expression } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import { noStore } from '../no-store.js';
import { streamXlsx, XLSX, type XlsxColumn } from './xlsx.js';

/** What a list's export needs: how many rows its filter matches, its audit row, its ordered query. */
export type ListExport<R> = {
  /** the exact number of rows of the filter (counted in the audit's transaction) */
  count: (tx: Tx) => Promise<number>;
  /** the audit row of the export (who, the filter, how many rows), written before any row leaves */
  audit: (tx: Tx, rows: number) => Promise<void>;
  /** the filtered rows in the list's order (the module scopes it to the caller's subtree in SQL) */
  query: Expression<R>;
  sheet: string;
  /** the columns; the module masks personal data in `cell` */
  columns: readonly XlsxColumn<R>[];
};

/**
 * Every list's export: counted and audited in one transaction first (always on the primary, `db`),
 * then the rows streamed through streamXlsx (a server-side cursor; memory of one batch whatever the
 * total) from `rowsDb`, which may be the replica.
 */
export async function exportList<R>(
  db: Db,
  e: ListExport<R>,
  /** where the rows are streamed from: a read replica's connection (docs/replica.md); `db` by default */
  rowsDb: Db = db,
): Promise<{ rows: number; stream: Readable }> {
  const rows = await db.transaction().execute(async (tx) => {
    const n = await e.count(tx);
    await e.audit(tx, n);
    return n;
  });
  return { rows, stream: streamXlsx(rowsDb, e.query, e.sheet, e.columns) };
}

/** Sends an export as a download named `<name>.xlsx`, never cached. */
export function sendXlsx(reply: FastifyReply, name: string, stream: Readable) {
  noStore(reply);
  reply.header('content-type', XLSX);
  reply.header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.xlsx"`);
  return reply.send(stream);
}

/** A time as people in the county read it (Beijing, minutes) for a cell of an export. */
export const beijingTime = (d: Date | string | null): string | null =>
  d ? new Date(new Date(d).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : null;
