import { sql } from 'kysely';
import { countIndicator, recordsOf, type IndicatorSource } from '../../platform/indicators.js';
import { coverageOf } from './coverage.js';
import { WALK_LIMIT_M } from './reach.js';

/** The service stations' indicators (issue 14, J9/J12): the 500 m circle and lending. */
export const STATION_INDICATORS: IndicatorSource[] = [
  {
    code: 'stations.coverage',
    nameZh: '500米服务圈覆盖率',
    nameEn: 'Households within 500 m of a station',
    formulaZh:
      '已标注位置（所在村民小组或楼栋）的住户中，步行 500 米内有服务站点的住户数 ÷ 已标注住户数 × 100%；步行距离 = 直线距离 × 1.3（无路网数据时的估算）',
    formulaEn:
      'placed households (their group’s or building’s point) with a station within 500 m walking ÷ placed households × 100%; walking = straight-line distance × 1.3 (an estimate: no road data)',
    unit: 'percent',
    direction: 'higher_better',
    group: 'party',
    snapshot: true,
    async value(db, s) {
      const c = await coverageOf(db, s, '');
      return c.share === null ? null : Math.round(c.share * 1000) / 10;
    },
    // behind the figure: the groups and buildings whose households lie outside the circle
    records: (db, s, _w, limit) =>
      recordsOf(
        db,
        'grid_unit',
        sql<{ id: number; label: string; at: Date | null }>`
          SELECT t.id, g.name || ' ' || t.name || ' · 最近站点 ' || coalesce(round(n.m)::text || ' 米', '无') AS label,
                 NULL::timestamptz AS at
            FROM grid_unit t JOIN region g ON g.code = t.grid_code
            LEFT JOIN LATERAL (
              SELECT walking_metres(t.lng, t.lat, st.lng, st.lat) AS m FROM station st
               WHERE st.county_code = t.county_code AND st.active
               ORDER BY (st.lng - t.lng) ^ 2 * cos(radians(t.lat)) ^ 2 + (st.lat - t.lat) ^ 2 LIMIT 1) n ON true
           WHERE t.county_code = ${s.countyCode} AND t.grid_path <@ ${s.path}::ltree AND t.parent_id IS NULL
             AND t.lng IS NOT NULL AND (n.m IS NULL OR n.m > ${WALK_LIMIT_M})`,
        limit,
      ),
  },
  countIndicator(
    {
      code: 'stations.activities',
      kind: 'station_activity',
      nameZh: '站点活动场次',
      nameEn: 'Station activities held',
      formulaZh: '本期开始的站点活动数（未取消）',
      formulaEn: 'activities of stations that started in the period (not cancelled)',
      direction: 'higher_better',
      group: 'party',
      snapshot: false,
    },
    (s, w) => sql`SELECT a.id, a.title AS label, a.starts_at AS at FROM station_activity a
      JOIN station st ON st.county_code = a.county_code AND st.id = a.station_id
      WHERE a.county_code = ${s.countyCode} AND st.region_path <@ ${s.path}::ltree AND a.cancelled_at IS NULL
        AND a.starts_at >= ${w.from} AND a.starts_at < ${w.to}`,
  ),
  countIndicator(
    {
      code: 'stations.loans_overdue',
      kind: 'station_loan',
      nameZh: '逾期未还借用数',
      nameEn: 'Loans overdue',
      formulaZh: '当前已过归还期限仍未归还的借用数',
      formulaEn: 'loans still out past their due time now',
      direction: 'lower_better',
      group: 'party',
      snapshot: true,
    },
    (s, w) => sql`SELECT l.id, '借用 #' || l.id AS label, l.due_at AS at FROM station_loan l
      WHERE l.county_code = ${s.countyCode} AND l.region_path <@ ${s.path}::ltree AND l.state = 'lent'
        AND l.due_at < ${w.now}`,
  ),
];
