import { sql } from 'kysely';
import { recordsOf, type IndicatorSource } from '../../platform/indicators.js';

/** 积分 indicators (issue 11): totals of a territory; no worker is ever ranked (国办函〔2026〕12号). */
const sumOf = (
  code: string,
  nameZh: string,
  nameEn: string,
  formulaZh: string,
  formulaEn: string,
  sign: '>' | '<',
): IndicatorSource => {
  const rows = (s: { countyCode: string; path: string }, w: { from: Date; to: Date }) =>
    sql<{ id: number; label: string; at: Date; delta: number }>`
      SELECT id, reason AS label, at, delta FROM points_entry
      WHERE county_code = ${s.countyCode} AND grid_path <@ ${s.path}::ltree
        AND at >= ${w.from} AND at < ${w.to} AND delta ${sql.raw(sign)} 0`;
  return {
    code,
    nameZh,
    nameEn,
    formulaZh,
    formulaEn,
    unit: 'count',
    direction: 'neutral',
    group: 'points',
    snapshot: false,
    async value(db, s, w) {
      const { rows: r } = await sql<{
        n: string | null;
      }>`SELECT sum(abs(delta)) AS n FROM (${rows(s, w)}) x`.execute(db);
      return Number(r[0]?.n ?? 0);
    },
    records: (db, s, w, limit) => recordsOf(db, 'points_entry', rows(s, w), limit),
  };
};

export const POINTS_INDICATORS: IndicatorSource[] = [
  sumOf(
    'points.earned',
    '积分发放',
    'Points earned',
    '期内记入兼职网格员的积分之和',
    'points credited to part-time grid workers in the period',
    '>',
  ),
  sumOf(
    'points.exchanged',
    '积分兑换',
    'Points exchanged',
    '期内兑换物品扣减的积分之和',
    'points spent on goods in the period',
    '<',
  ),
];
