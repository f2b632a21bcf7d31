import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { paced, sheetSink } from './xlsx.js';

const ROW = ['TL-2026-000001', '居民反映小区路灯不亮，夜间出行不便，请尽快维修。'.repeat(3), '铁岭县', 3.5];

function writer() {
  const out = new PassThrough();
  let bytes = 0;
  out.pipe(new Writable({ write: (c: Buffer, _e, cb) => ((bytes += c.length), setImmediate(cb)) }));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('s');
  ws.columns = ROW.map((_, i) => ({ header: `h${i}`, key: String(i) }));
  return { out, wb, ws, bytes: () => bytes };
}

describe('streamXlsx pacing (exceljs internals it relies on)', () => {
  it('finds the stream between the sheet and the zip', () => {
    const { ws } = writer();
    const sink = sheetSink(ws);
    expect(sink).toBeDefined();
    expect(sink?._writableState).toBeDefined();
  });

  it('keeps the XML waiting for the zip bounded while rows keep coming', async () => {
    const { out, wb, ws, bytes } = writer();
    let most = 0;
    for (let b = 0; b < 40; b++) {
      for (let i = 0; i < 1000; i++) ws.addRow(ROW).commit();
      await paced(ws, out);
      most = Math.max(most, sheetSink(ws)?._writableState?.length ?? Infinity);
    }
    ws.commit();
    await wb.commit();
    // no drain or close listener is left behind by the waits
    for (const s of [out, sheetSink(ws)!])
      expect(s.listenerCount('close') + s.listenerCount('drain')).toBeLessThan(5);
    // without pacing the whole sheet's XML (40,000 rows, tens of MB) waits in the sink
    expect(most).toBeLessThan(2 * 1024 * 1024);
    expect(bytes()).toBeGreaterThan(100_000);
  });
});
