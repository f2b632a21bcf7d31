import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  detectFormat,
  parseCsv,
  parseGeoJson,
  parseImportFile,
  parseXlsx,
  type ParseResult,
} from './import-parse.js';

const codesOf = (r: ParseResult) => r.problems.map((p) => p.code);
const square = [
  [
    [123.8, 42.2],
    [123.81, 42.2],
    [123.81, 42.21],
    [123.8, 42.21],
    [123.8, 42.2],
  ],
];
const fc = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const feat = (properties: unknown, geometry: unknown = { type: 'Polygon', coordinates: square }) => ({
  type: 'Feature',
  properties,
  geometry,
});

describe('parseGeoJson', () => {
  it('parses features with code, name, kind and geometry', () => {
    const r = parseGeoJson(
      fc(
        feat({ code: '211221101001001', name: ' 一网格 ', kind: 'rural' }),
        feat(
          { CODE: 211221101001002, 名称: '二网格', 类型: '社区' },
          { type: 'MultiPolygon', coordinates: [square] },
        ),
      ),
    );
    expect(r.problems).toEqual([]);
    expect(r.format).toBe('geojson');
    expect(r.items).toHaveLength(2);
    expect(r.items[0]).toMatchObject({
      code: '211221101001001',
      name: '一网格',
      kind: 'rural',
      where: 'feature #1 (code 211221101001001)',
    });
    expect(r.items[0]!.geometry?.type).toBe('Polygon');
    expect(r.items[1]).toMatchObject({
      code: '211221101001002',
      name: '二网格',
      kind: 'community',
      source: { type: 'feature', number: 2 },
    });
    expect(r.items[1]!.whereZh).toBe('第 2 个要素（编码 211221101001002）');
  });

  it('reports bad JSON with its line and column (INVALID_JSON)', () => {
    const r = parseGeoJson('{"type": "FeatureCollection",\n  "features": [,]}');
    expect(codesOf(r)).toEqual(['INVALID_JSON']);
    expect(r.problems[0]!.where).toBe('line 2, column 16');
    // V8 gives no position for this one; the built-in scanner finds it.
    const r2 = parseGeoJson('{\n"a": tru }');
    expect(r2.problems[0]!.where).toBe('line 2, column 6');
    expect(parseGeoJson('{"features": [').problems[0]!.where).toBe('line 1, column 15');
    expect(parseGeoJson('{"a": "x\\q"}').problems[0]!.where).toBe('line 1, column 10');
    expect(parseGeoJson('{"a": 1} x').problems[0]!.where).toBe('line 1, column 10');
  });

  it('rejects non-FeatureCollections and non-Features (INVALID_GEOJSON)', () => {
    expect(codesOf(parseGeoJson('{"type": "Feature"}'))).toEqual(['INVALID_GEOJSON']);
    expect(parseGeoJson('null').problems[0]!.where).toBe('file');
    const r = parseGeoJson(fc(feat({ code: '211221101001001', name: 'a' }), { type: 'Point' }));
    expect(r.problems).toMatchObject([{ code: 'INVALID_GEOJSON', where: 'feature #2' }]);
    expect(r.items).toHaveLength(1);
  });

  it('reports missing, unsupported and malformed geometries', () => {
    const r = parseGeoJson(
      fc(
        feat({ code: '211221101001001', name: 'a' }, null),
        feat({ code: '211221101001002', name: 'b' }, { type: 'Point', coordinates: [1, 2] }),
        feat({ code: '211221101001003', name: 'c' }, { type: 'Polygon', coordinates: [[1, 2]] }),
      ),
    );
    expect(r.problems.map((p) => [p.code, p.where])).toEqual([
      ['MISSING_GEOMETRY', 'feature #1 (code 211221101001001)'],
      ['UNSUPPORTED_GEOMETRY', 'feature #2 (code 211221101001002)'],
      ['INVALID_GEOMETRY', 'feature #3 (code 211221101001003)'],
    ]);
    expect(r.items.every((i) => i.geometry === undefined)).toBe(true);
  });

  it('reports an unknown kind (INVALID_KIND) and an empty file (EMPTY_FILE)', () => {
    const r = parseGeoJson(
      fc(
        feat({ code: '211221101001001', name: 'a', kind: 'urban' }),
        feat({ code: '211221101001002', name: 'b', kind: 'constructor', constructor: 'x' }),
      ),
    );
    expect(r.problems.map((p) => [p.code, p.where])).toEqual([
      ['INVALID_KIND', 'feature #1 (code 211221101001001)'],
      ['INVALID_KIND', 'feature #2 (code 211221101001002)'],
    ]);
    expect(r.items[1]!.kind).toBeUndefined();
    expect(codesOf(parseGeoJson(fc()))).toEqual(['EMPTY_FILE']);
  });
});

describe('parseCsv', () => {
  it('parses rows; header is line 1; handles quotes, CRLF, BOM and blank lines', () => {
    const csv =
      '\uFEFFcode,name,kind\r\n211221101001001,"张庄, 一网格",rural\r\n\r\n211221101001002,"多行\n名称",\r\n';
    const r = parseCsv(csv);
    expect(r.problems).toEqual([]);
    expect(r.items.map((i) => [i.where, i.code, i.name, i.kind])).toEqual([
      ['line 2', '211221101001001', '张庄, 一网格', 'rural'],
      ['line 4', '211221101001002', '多行\n名称', undefined],
    ]);
    expect(r.items[0]!.geometry).toBeUndefined();
  });

  it('accepts "" escapes, Chinese headers and GBK-encoded bytes', () => {
    expect(parseCsv('name,code\n"a ""b""",211221101001001').items[0]).toMatchObject({
      name: 'a "b"',
      code: '211221101001001',
    });
    const gbk = Uint8Array.from([
      ...Buffer.from('\xb1\xe0\xc2\xeb,\xc3\xfb\xb3\xc6\n211221101001001,\xd5\xc5\xd7\xaf\n', 'latin1'),
    ]); // 编码,名称 / 张庄 in GBK
    const r = parseCsv(gbk);
    expect(r.problems).toEqual([]);
    expect(r.items[0]).toMatchObject({ code: '211221101001001', name: '张庄' });
  });

  it('reports a missing header (MISSING_HEADER)', () => {
    expect(parseCsv('id,title\n1,a').problems).toMatchObject([{ code: 'MISSING_HEADER', where: 'line 1' }]);
    expect(codesOf(parseCsv(''))).toEqual(['MISSING_HEADER']);
  });

  it('reports rows with missing or extra columns', () => {
    const r = parseCsv(
      'code,name\n211221101001001,a\n211221101001002\n211221101001003,b,c\n211221101001004,d,,\n',
    );
    expect(r.problems.map((p) => [p.code, p.where])).toEqual([
      ['MISSING_COLUMNS', 'line 3'],
      ['EXTRA_COLUMNS', 'line 4'],
    ]);
    expect(r.items.map((i) => i.where)).toEqual(['line 2', 'line 5']);
  });

  it('reports an unterminated quote (INVALID_CSV) and an empty table (EMPTY_FILE)', () => {
    expect(parseCsv('code,name\n1,a\n2,"oops\n3,c').problems).toMatchObject([
      { code: 'INVALID_CSV', where: 'line 3' },
    ]);
    expect(codesOf(parseCsv('code,name\n\n'))).toEqual(['EMPTY_FILE']);
  });
});

describe('parseXlsx / parseImportFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wangge-import-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the first worksheet; line numbers are sheet rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('网格');
    sheet.addRow(['网格编码', '网格名称', '类型']);
    sheet.addRow([211221101001001, '一网格', '农村']); // code stored as a number
    sheet.addRow([]);
    sheet.addRow(['211221101001002', '', 'community']);
    sheet.addRow(['211221101001003', '三网格', 'x']);
    const file = join(dir, 'grids.xlsx');
    await workbook.xlsx.writeFile(file);
    const r = await parseImportFile(file, await readFile(file));
    expect(r.format).toBe('xlsx');
    expect(r.items.map((i) => [i.where, i.code, i.name, i.kind])).toEqual([
      ['line 2', '211221101001001', '一网格', 'rural'],
      ['line 4', '211221101001002', '', 'community'],
      ['line 5', '211221101001003', '三网格', undefined],
    ]);
    expect(r.problems).toMatchObject([{ code: 'INVALID_KIND', where: 'line 5' }]);
  });

  it('reports an unreadable workbook (INVALID_XLSX) and unknown extensions (UNSUPPORTED_FORMAT)', async () => {
    expect(codesOf(await parseXlsx(Buffer.from('not a zip')))).toEqual(['INVALID_XLSX']);
    expect(codesOf(await parseImportFile('grids.xls', new Uint8Array()))).toEqual(['UNSUPPORTED_FORMAT']);
    expect(detectFormat('A.GeoJSON')).toBe('geojson');
    expect(detectFormat('a.json')).toBe('geojson');
    expect(detectFormat('dir.csv/file')).toBeNull();
    expect(detectFormat('a.constructor')).toBeNull();
  });
});
