import { sql } from 'kysely';
import { countIndicator, type IndicatorSource } from '../../platform/indicators.js';

const wishCount = (code: string, column: string, nameZh: string, nameEn: string, formulaZh: string) =>
  countIndicator(
    {
      code,
      kind: 'wish',
      nameZh,
      nameEn,
      formulaZh,
      formulaEn: `wishes with ${column.replace('_at', '')} in the period`,
      direction: 'higher_better',
      group: 'wishes',
      snapshot: false,
    },
    (s, w) => sql`SELECT id, number || ' ' || title AS label, ${sql.ref(column)} AS at FROM wish
      WHERE county_code = ${s.countyCode} AND grid_path <@ ${s.path}::ltree
        AND ${sql.ref(column)} >= ${w.from} AND ${sql.ref(column)} < ${w.to}`,
  );

/** 微心愿 indicators (issue 11). */
export const WISH_INDICATORS: IndicatorSource[] = [
  wishCount('wishes.posted', 'published_at', '心愿发布数', 'Wishes posted', '期内发布的微心愿数'),
  wishCount('wishes.claimed', 'claimed_at', '心愿认领数', 'Wishes claimed', '期内被认领的微心愿数'),
  wishCount('wishes.fulfilled', 'fulfilled_at', '心愿实现数', 'Wishes fulfilled', '期内实现的微心愿数'),
];
