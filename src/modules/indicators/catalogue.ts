import type { IndicatorInfo, IndicatorSource } from '../../platform/indicators.js';
import { CASE_INDICATORS, CASE_SNAPSHOTS, type CaseIndicator } from './case-indicators.js';
import { CASE_COHORTS } from './cohort.js';

export type Resolved =
  | { kind: 'case'; def: CaseIndicator }
  | { kind: 'snapshot'; def: IndicatorInfo }
  /** a rate over one set of cases (cohort.ts): the closure rate */
  | { kind: 'cohort'; def: IndicatorInfo }
  | { kind: 'module'; def: IndicatorSource };

/**
 * The whole catalogue: the case set this module computes and the indicators the other
 * modules contribute (handed in by the server, ADR 0007). Codes are unique.
 */
export class Catalogue {
  private byCode = new Map<string, Resolved>();
  constructor(sources: readonly IndicatorSource[]) {
    const all: Resolved[] = [
      ...CASE_INDICATORS.map((def) => ({ kind: 'case' as const, def })),
      ...CASE_SNAPSHOTS.map((def) => ({ kind: 'snapshot' as const, def })),
      ...CASE_COHORTS.map((def) => ({ kind: 'cohort' as const, def })),
      ...sources.map((def) => ({ kind: 'module' as const, def })),
    ];
    for (const r of all) {
      if (this.byCode.has(r.def.code)) throw new Error(`indicator ${r.def.code} declared twice`);
      this.byCode.set(r.def.code, r);
    }
  }
  get(code: string): Resolved | undefined {
    return this.byCode.get(code);
  }
  list(): IndicatorInfo[] {
    return [...this.byCode.values()].map(({ def }) => ({
      code: def.code,
      nameZh: def.nameZh,
      nameEn: def.nameEn,
      formulaZh: def.formulaZh,
      formulaEn: def.formulaEn,
      unit: def.unit,
      direction: def.direction,
      group: def.group,
      snapshot: def.snapshot,
    }));
  }
}
