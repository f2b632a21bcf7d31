import { sql } from 'kysely';
import { countIndicator, type IndicatorSource } from '../../platform/indicators.js';

const workers = (employment: 'fullTime' | 'partTime', code: string, nameZh: string, nameEn: string) =>
  countIndicator(
    {
      code,
      kind: 'grid_worker',
      nameZh,
      nameEn,
      formulaZh: `当前在岗的${nameZh.replace('数', '')}人数`,
      formulaEn: `${nameEn.toLowerCase()} now active`,
      direction: 'neutral',
      group: 'grid_workers',
      snapshot: true,
    },
    // a count of the roster: the records are roster numbers, never a ranking of people
    (s) => sql`SELECT id, '网格员 #' || id AS label, NULL::timestamptz AS at FROM grid_worker
      WHERE county_code = ${s.countyCode} AND grid_path <@ ${s.path}::ltree AND active AND employment = ${employment}`,
  );

/** 网格员 indicators (issue 11): how many, never who ranks where (国办函〔2026〕12号). */
export const GRID_INDICATORS: IndicatorSource[] = [
  workers('fullTime', 'grid_workers.full_time', '专职网格员数', 'Full-time grid workers'),
  workers('partTime', 'grid_workers.part_time', '兼职网格员数', 'Part-time grid workers'),
  countIndicator(
    {
      code: 'grid_workers.grids_without_full_time',
      kind: 'grid',
      nameZh: '无专职网格员网格数',
      nameEn: 'Grids without a full-time worker',
      formulaZh: '没有在岗专职网格员的网格数',
      formulaEn: 'grids with no active full-time grid worker',
      direction: 'lower_better',
      group: 'grid_workers',
      snapshot: true,
    },
    (s) => sql`SELECT r.code::bigint AS id, r.name AS label, NULL::timestamptz AS at FROM region r
      WHERE r.county_code = ${s.countyCode} AND r.level = 'grid' AND r.path <@ ${s.path}::ltree
        AND NOT EXISTS (SELECT 1 FROM grid_worker g WHERE g.county_code = r.county_code
                        AND g.grid_code = r.code AND g.active AND g.employment = 'fullTime')`,
  ),
];
