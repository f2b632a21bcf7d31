import { sql } from 'kysely';
import { countIndicator, type IndicatorSource } from '../../platform/indicators.js';
import { complianceBoard } from './compliance.js';

/** 三务公开 indicators (issue 11); the §30 rhythm comes from the compliance board. */
export const DISCLOSURE_INDICATORS: IndicatorSource[] = [
  countIndicator(
    {
      code: 'disclosures.published',
      kind: 'disclosure',
      nameZh: '公开发布数',
      nameEn: 'Disclosures published',
      formulaZh: '期内发布的党务、村务、财务公开数',
      formulaEn: 'party, village and finance disclosures published in the period',
      direction: 'higher_better',
      group: 'disclosures',
      snapshot: false,
    },
    (s, w) => sql`SELECT id, title AS label, published_at AS at FROM disclosure
      WHERE county_code = ${s.countyCode} AND village_path <@ ${s.path}::ltree AND status = 'published'
        AND published_at >= ${w.from} AND published_at < ${w.to}`,
  ),
  {
    code: 'disclosures.on_time_rate',
    nameZh: '村务按时公开率',
    nameEn: 'Villages disclosing on time (§30)',
    formulaZh: '本季度已公开村务、且本月已公开财务的村数 ÷ 村数 × 100%（村民委员会组织法第三十条）',
    formulaEn:
      "villages that published this quarter's village affairs and this month's finances ÷ villages × 100% (§30)",
    unit: 'percent',
    direction: 'higher_better',
    group: 'disclosures',
    snapshot: true,
    async value(db, s, w) {
      const b = await complianceBoard(db, s.countyCode, s.path, w.now);
      if (b.villages.length === 0) return null;
      const ok = b.villages.filter((v) => !v.villageAffairsDue && !v.financeDue).length;
      return Math.round((1000 * ok) / b.villages.length) / 10;
    },
    async records(db, s, w, limit) {
      const b = await complianceBoard(db, s.countyCode, s.path, w.now);
      const late = b.villages.filter((v) => v.villageAffairsDue || v.financeDue);
      return {
        total: late.length,
        items: late.slice(0, limit).map((v) => ({
          kind: 'village.disclosure_due',
          id: Number(v.code),
          label: v.name,
          at: v.lastVillagePublishedAt,
        })),
      };
    },
  },
];
