/**
 * Parsing of grid import files (`wangge grids import file.geojson|.csv|.xlsx`)
 * into plain items. Pure apart from reading the bytes it is given; problems
 * (bad JSON, a row with missing columns, ...) are returned, never thrown.
 *
 * - GeoJSON: a FeatureCollection; each Feature has properties `code`, `name`,
 *   optional `kind` ('rural' | 'community') and a Polygon/MultiPolygon.
 *   Locations are `feature #N (code …)` with N 1-based (`features[N-1]`).
 * - CSV / Excel (.xlsx, first worksheet): columns code,name[,kind], no
 *   geometry. Locations are `line N`, 1-based; the header is line 1 (Excel:
 *   the sheet's row number). Blank rows are skipped.
 *
 * Property keys / headers are matched case-insensitively and may also be
 * Chinese (编码/网格编码, 名称/网格名称, 类型); kind accepts 农村/社区 too.
 * Bytes are decoded as UTF-8, or GB18030 when they are not valid UTF-8
 * (Excel on Chinese Windows saves CSV in GBK).
 */
import ExcelJS from 'exceljs';
import type { MultiPolygon, Polygon } from 'geojson';
import {
  FILE,
  problem,
  type GridKind,
  type ImportFormat,
  type ImportItem,
  type ImportProblem,
  type Location,
  type ParseResult,
} from './import-validate.js';

export type { GridKind, ImportFormat, ImportItem, ImportProblem, ParseResult } from './import-validate.js';

// Maps, not object literals: keys come from user files ("constructor", "__proto__").
const FIELD_ALIASES = new Map<string, 'code' | 'name' | 'kind'>([
  ['code', 'code'],
  ['编码', 'code'],
  ['网格编码', 'code'],
  ['代码', 'code'],
  ['name', 'name'],
  ['名称', 'name'],
  ['网格名称', 'name'],
  ['kind', 'kind'],
  ['类型', 'kind'],
  ['网格类型', 'kind'],
]);
const KIND_ALIASES = new Map<string, GridKind>([
  ['rural', 'rural'],
  ['农村', 'rural'],
  ['community', 'community'],
  ['社区', 'community'],
]);
const EXTENSIONS = new Map<string, ImportFormat>([
  ['geojson', 'geojson'],
  ['json', 'geojson'],
  ['csv', 'csv'],
  ['xlsx', 'xlsx'],
]);

const fieldOf = (key: string) => FIELD_ALIASES.get(key.trim().toLowerCase());

export function detectFormat(fileName: string): ImportFormat | null {
  return EXTENSIONS.get(/\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1] ?? '') ?? null;
}

/** UTF-8 (a BOM is dropped), or GB18030 when the bytes are not valid UTF-8. */
export function decodeText(data: Uint8Array | string): string {
  if (typeof data === 'string') return data.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

function where(source: ImportItem['source'], code: string): Location {
  if (source.type === 'line') return { where: `line ${source.number}`, whereZh: `第 ${source.number} 行` };
  return code
    ? {
        where: `feature #${source.number} (code ${code})`,
        whereZh: `第 ${source.number} 个要素（编码 ${code}）`,
      }
    : { where: `feature #${source.number}`, whereZh: `第 ${source.number} 个要素` };
}

type RawFields = Partial<Record<'code' | 'name' | 'kind', unknown>>;

/** Builds an item from raw field values; reports an invalid kind. */
function makeItem(source: ImportItem['source'], raw: RawFields, problems: ImportProblem[]): ImportItem {
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
  const code = text(raw.code);
  const item: ImportItem = { source, ...where(source, code), code, name: text(raw.name) };
  const kindText = text(raw.kind);
  if (kindText) {
    const kind = KIND_ALIASES.get(kindText.toLowerCase());
    const en = `kind must be 'rural' or 'community', got "${kindText}"`;
    if (kind) item.kind = kind;
    else
      problems.push(
        problem(
          item,
          'INVALID_KIND',
          en,
          `网格类型必须为 rural（农村）或 community（社区），实际为“${kindText}”`,
        ),
      );
  }
  return item;
}

/** Offset of the first JSON syntax error, -1 if none (a minimal recursive-descent scanner). */
function jsonErrorOffset(s: string): number {
  let i = 0;
  const ws = () => {
    while (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r') i++;
  };
  const expect = (ok: boolean) => {
    if (!ok) throw i;
  };
  const str = () => {
    for (i++; s[i] !== '"'; i++) {
      expect(s[i] !== undefined && s[i]! >= ' ');
      if (s[i] === '\\') {
        i++;
        expect(/^(["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(s.slice(i, i + 5)));
        if (s[i] === 'u') i += 4;
      }
    }
    i++;
  };
  const value = (): void => {
    ws();
    const open = s[i];
    if (open === '"') return str();
    if (open !== '{' && open !== '[') {
      const token = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
      token.lastIndex = i;
      expect(token.test(s));
      i = token.lastIndex;
      return;
    }
    const close = open === '{' ? '}' : ']';
    i++;
    ws();
    if (s[i] === close) return void i++;
    for (;;) {
      if (open === '{') {
        ws();
        expect(s[i] === '"');
        str();
        ws();
        expect(s[i++] === ':');
      }
      value();
      ws();
      expect(s[i] === ',' || s[i] === close);
      if (s[i++] === close) return;
    }
  };
  try {
    value();
    ws();
    return i < s.length ? i : -1;
  } catch (e) {
    return typeof e === 'number' ? e : -1;
  }
}

const isArrayDepth = (v: unknown, depth: number): boolean =>
  Array.isArray(v) && (depth === 1 || v.every((x) => isArrayDepth(x, depth - 1)));

export function parseGeoJson(data: Uint8Array | string): ParseResult {
  const text = decodeText(data);
  const result: ParseResult = { format: 'geojson', items: [], problems: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    let offset = jsonErrorOffset(text);
    if (offset < 0) offset = Number(/position (\d+)/.exec(String(e))?.[1] ?? text.length);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const detail = e instanceof Error ? e.message : String(e);
    const at = { where: `line ${line}, column ${column}`, whereZh: `第 ${line} 行第 ${column} 列` };
    result.problems.push(problem(at, 'INVALID_JSON', `invalid JSON: ${detail}`, `JSON 格式错误：${detail}`));
    return result;
  }
  const { type, features } = (doc ?? {}) as { type?: unknown; features?: unknown };
  if (type !== 'FeatureCollection' || !Array.isArray(features)) {
    const en = 'the file must be a GeoJSON FeatureCollection with a "features" array';
    result.problems.push(
      problem(FILE, 'INVALID_GEOJSON', en, '文件必须是包含 features 数组的 GeoJSON FeatureCollection'),
    );
    return result;
  }
  features.forEach((feature: unknown, index) => {
    const source = { type: 'feature', number: index + 1 } as const;
    const f = feature as { type?: unknown; properties?: unknown; geometry?: unknown } | null;
    if (typeof f !== 'object' || f === null || f.type !== 'Feature') {
      result.problems.push(
        problem(where(source, ''), 'INVALID_GEOJSON', 'not a GeoJSON Feature', '不是 GeoJSON Feature'),
      );
      return;
    }
    const raw: RawFields = {};
    if (typeof f.properties === 'object' && f.properties !== null) {
      for (const [key, v] of Object.entries(f.properties)) {
        const field = fieldOf(key);
        if (field && raw[field] === undefined) raw[field] = v;
      }
    }
    const item = makeItem(source, raw, result.problems);
    result.items.push(item);
    const g = f.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
    const kind = String(g?.type);
    if (g === null || g === undefined) {
      result.problems.push(problem(item, 'MISSING_GEOMETRY', 'feature has no geometry', '缺少几何图形'));
    } else if (kind !== 'Polygon' && kind !== 'MultiPolygon') {
      const en = `geometry must be Polygon or MultiPolygon, got ${kind}`;
      result.problems.push(
        problem(item, 'UNSUPPORTED_GEOMETRY', en, `几何类型必须为 Polygon 或 MultiPolygon，实际为 ${kind}`),
      );
    } else if (!isArrayDepth(g.coordinates, kind === 'Polygon' ? 3 : 4)) {
      const en = `coordinates are not nested as a ${kind} requires`;
      result.problems.push(problem(item, 'INVALID_GEOMETRY', en, `坐标数组的嵌套结构不符合 ${kind} 的要求`));
    } else {
      item.geometry = g as Polygon | MultiPolygon;
    }
  });
  if (features.length === 0) result.problems.push(emptyFile());
  return result;
}

const emptyFile = () => problem(FILE, 'EMPTY_FILE', 'the file contains no grids', '文件中没有网格');

type Row = { line: number; fields: string[] };

/** Turns table rows (header first) into items; shared by CSV and Excel. */
function tableToItems(rows: Row[], format: 'csv' | 'xlsx', result: ParseResult): ParseResult {
  const header = rows[0];
  const columns: Partial<Record<'code' | 'name' | 'kind', number>> = {};
  header?.fields.forEach((h, i) => {
    const field = fieldOf(h.replace(/^\uFEFF/, ''));
    if (field && columns[field] === undefined) columns[field] = i;
  });
  if (!header || columns.code === undefined || columns.name === undefined) {
    const got = header ? header.fields.join(',') : '(empty file)';
    const at = where({ type: 'line', number: header?.line ?? 1 }, '');
    const en = `the header must contain the columns code,name[,kind]; got "${got}"`;
    result.problems.push(
      problem(at, 'MISSING_HEADER', en, `表头必须包含 code,name[,kind] 列，实际为“${got}”`),
    );
    return result;
  }
  const needed = Math.max(columns.code, columns.name) + 1;
  for (const { line, fields } of rows.slice(1)) {
    if (fields.every((f) => f.trim() === '')) continue;
    const w = where({ type: 'line', number: line }, '');
    if (fields.length < needed) {
      const en = `expected at least ${needed} columns, found ${fields.length}`;
      result.problems.push(
        problem(w, 'MISSING_COLUMNS', en, `至少应有 ${needed} 列，实际只有 ${fields.length} 列`),
      );
      continue;
    }
    const width = header.fields.length;
    if (format === 'csv' && fields.slice(width).some((f) => f.trim() !== '')) {
      const en = `expected ${width} columns, found ${fields.length} (unquoted comma?)`;
      result.problems.push(
        problem(
          w,
          'EXTRA_COLUMNS',
          en,
          `应有 ${width} 列，实际有 ${fields.length} 列（是否有未加引号的逗号？）`,
        ),
      );
      continue;
    }
    const raw = { code: fields[columns.code], name: fields[columns.name], kind: fields[columns.kind ?? -1] };
    result.items.push(makeItem({ type: 'line', number: line }, raw, result.problems));
  }
  if (result.items.length === 0 && result.problems.length === 0) result.problems.push(emptyFile());
  return result;
}

/** RFC 4180 CSV (comma, double quotes, CRLF/LF); `line` is the physical line a record starts on. */
export function parseCsv(data: Uint8Array | string): ParseResult {
  const text = decodeText(data);
  const result: ParseResult = { format: 'csv', items: [], problems: [] };
  const rows: Row[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 0; // > 0 while inside a quoted field: the line it started on
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoteLine > 0) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoteLine = 0;
      } else {
        field += c;
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
      }
    } else if (c === '"' && field === '') {
      quoteLine = line;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rows.push({ line: recordLine, fields: [...fields, field] });
      fields = [];
      field = '';
      recordLine = ++line;
    } else {
      field += c;
    }
  }
  if (quoteLine > 0) {
    const at = where({ type: 'line', number: quoteLine }, '');
    result.problems.push(problem(at, 'INVALID_CSV', 'unterminated quoted field', '引号字段没有结束引号'));
    return result;
  }
  if (field !== '' || fields.length > 0) rows.push({ line: recordLine, fields: [...fields, field] });
  return tableToItems(rows, 'csv', result);
}

/** First worksheet of an .xlsx workbook; `line` is the sheet row number. */
export async function parseXlsx(data: Uint8Array): Promise<ParseResult> {
  const result: ParseResult = { format: 'xlsx', items: [], problems: [] };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(data).buffer);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    result.problems.push(
      problem(
        FILE,
        'INVALID_XLSX',
        `cannot read the workbook: ${detail}`,
        `无法读取 Excel 工作簿：${detail}`,
      ),
    );
    return result;
  }
  const rows: Row[] = [];
  workbook.worksheets[0]?.eachRow((row, rowNumber) => {
    const fields: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) fields.push(row.getCell(c).text ?? '');
    rows.push({ line: rowNumber, fields });
  });
  return tableToItems(rows, 'xlsx', result);
}

/** Parses by file extension (.geojson/.json, .csv, .xlsx). */
export async function parseImportFile(fileName: string, data: Uint8Array): Promise<ParseResult> {
  const format = detectFormat(fileName);
  if (format)
    return format === 'xlsx' ? parseXlsx(data) : format === 'csv' ? parseCsv(data) : parseGeoJson(data);
  const en = `unsupported file type "${fileName}"; use .geojson, .csv or .xlsx (save .xls as .xlsx)`;
  const zh = `不支持的文件类型“${fileName}”，请使用 .geojson、.csv 或 .xlsx（.xls 请另存为 .xlsx）`;
  return { format: null, items: [], problems: [problem(FILE, 'UNSUPPORTED_FORMAT', en, zh)] };
}
