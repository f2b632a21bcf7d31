import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql, type Expression } from 'kysely';
import type { Db } from '../db/database.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Cell = string | number | Date | null;
/** A column of an export: its header (Chinese first), width, and how a row gives its cell. */
export type XlsxColumn<R> = { header: string; width?: number; cell: (r: R) => Cell };

/** Rows fetched from the server-side cursor at a time: memory stays flat whatever the total. */
export const EXPORT_BATCH = 1000;

type Drainable = NodeJS.EventEmitter & {
  _writableState?: { needDrain?: boolean; length?: number };
  destroyed?: boolean;
};

/**
 * The stream between exceljs's sheet and its zip: exceljs 4.4 (pinned) writes each sheet's XML into a
 * StreamBuf piped to the archiver's PassThrough without minding its backpressure, so when deflate is
 * slower than the rows arrive the XML piles up there (about 100 MB at 150,000 rows). Waiting for it to
 * drain keeps the export's memory flat. Reaches into exceljs's internals: its test
 * (xlsx.test.ts) fails if a new version moves them.
 */
export function sheetSink(ws: ExcelJS.Worksheet): Drainable | undefined {
  const buf = (ws as unknown as { stream?: { pipes?: Drainable[] } }).stream;
  return buf?.pipes?.[0];
}

async function drained(s: Drainable | undefined, needs: boolean | undefined) {
  if (!s || !needs || s.destroyed) return;
  // the listener of whichever event did not come is removed (no listener left behind per batch)
  const ac = new AbortController();
  try {
    await Promise.race([once(s, 'drain', { signal: ac.signal }), once(s, 'close', { signal: ac.signal })]);
  } finally {
    ac.abort();
  }
}

/** Waits, after a batch of rows, until the zip and then the client have taken what they were given. */
export async function paced(ws: ExcelJS.Worksheet, out: PassThrough) {
  const sink = sheetSink(ws);
  await drained(sink, sink?._writableState?.needDrain);
  await drained(out, out.writableNeedDrain);
}

/**
 * Streams the rows of `query` into an .xlsx, sheet `sheet`: the query runs once through a server-side
 * cursor (DECLARE … FETCH, one repeatable-read transaction, so the rows are one consistent snapshot in
 * the list's own order), each batch written by exceljs's streaming WorkbookWriter and flushed to the
 * response, waiting while the zip (sheetSink) or the client is slower than the database. Nothing holds the whole list: a
 * county's year of cases exports in the memory of one batch (docs/BENCHMARKS.md, "Excel export").
 * The caller masks what `cell` returns and audits the export before calling this.
 */
export function streamXlsx<R>(
  db: Db,
  query: Expression<R>,
  sheet: string,
  columns: readonly XlsxColumn<R>[],
): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 14 }));
  ws.getRow(1).font = { bold: true };
  void db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await sql`SET TRANSACTION READ ONLY`.execute(tx);
      await sql`DECLARE wangge_export NO SCROLL CURSOR FOR ${query}`.execute(tx);
      for (;;) {
        const { rows } = await sql<R>`FETCH FORWARD ${sql.lit(EXPORT_BATCH)} FROM wangge_export`.execute(tx);
        for (const r of rows) ws.addRow(columns.map((c) => c.cell(r))).commit();
        if (out.destroyed) return;
        await paced(ws, out);
        if (out.destroyed) return;
        if (rows.length < EXPORT_BATCH) break;
      }
      await sql`CLOSE wangge_export`.execute(tx);
    })
    .then(async () => {
      ws.commit();
      await wb.commit();
    })
    .catch((err: unknown) => out.destroy(err as Error));
  return out;
}
