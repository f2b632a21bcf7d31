/**
 * The unstreamed baseline of bench/export-memory.ts, run as its own process: the county's cases
 * read in one query, written cell by cell (the export's own columns) into one in-memory exceljs
 * workbook and one buffer — what the export route would hold without its cursor and streaming
 * writer. Prints `{ rows, bytes, peak }` (peak resident memory, kB) as its last line.
 * Usage: tsx bench/export-buffered.ts <database url> <county code>
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { CASE_COLUMNS } from '../src/modules/cases/export.js';

/** A process's resident memory now and at its peak (kB), from /proc (Linux). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

async function main(url: string, county: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(
    `SELECT c.number, c.source, cat.name AS category_name, c.state, c.tier, c.urgency, c.description,
            c.address, g.name AS grid_name, d.name AS department_name, c.reported_at, c.deadline_at,
            c.closed_at, c.overdue_count, c.evaluation, c.reporter_contact_masked
       FROM cases c
       JOIN category cat ON cat.code = c.category_code
       JOIN region g ON g.code = c.grid_code
       LEFT JOIN department d ON d.id = c.department_id
      WHERE c.county_code = $1
      ORDER BY c.reported_at DESC, c.id DESC`,
    [county],
  );
  await client.end();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('案件 Cases');
  ws.columns = CASE_COLUMNS.map((c) => ({ header: c.header, width: c.width ?? 12 }));
  for (const r of rows) ws.addRow(CASE_COLUMNS.map((c) => c.cell(r as never)));
  const buf = await wb.xlsx.writeBuffer();
  const peak = memoryOf(process.pid).peak;
  process.stdout.write(`${JSON.stringify({ rows: rows.length, bytes: buf.byteLength, peak })}\n`);
}

if (process.argv[1]?.endsWith('export-buffered.ts')) await main(process.argv[2]!, process.argv[3]!);
