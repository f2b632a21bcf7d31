import { describe, expect, it } from 'vitest';
import { J16_TARGETS, oneShoulderSplit, planCadres, type Unit } from './demo-plan.js';

const units = (villages: number, communities: number): Unit[] => [
  ...Array.from({ length: villages }, (_, i) => ({
    code: `211122${String(100 + i).padStart(6, '0')}`,
    kind: 'village' as const,
  })),
  ...Array.from({ length: communities }, (_, i) => ({
    code: `211122${String(900 + i).padStart(6, '0')}`,
    kind: 'community' as const,
  })),
];

describe('the J16 demo plan', () => {
  it('splits 155 villages into 153 with a secretary, 148 of them 一肩挑 (96.7 %)', () => {
    expect(oneShoulderSplit(155, 96.7)).toEqual({ secretaries: 153, oneShoulder: 148 });
    expect(oneShoulderSplit(30, 96.7)).toEqual({ secretaries: 30, oneShoulder: 29 });
  });

  it('plans 盘山县 (155 villages, 23 communities) with the seed figures exactly', () => {
    const plan = planCadres(units(155, 23), 211122);
    const committee = plan.cadres.filter((c) => c.posts.length > 0);
    const avg = committee.reduce((s, c) => s + c.age, 0) / committee.length;
    expect(Math.round(avg * 10) / 10).toBe(J16_TARGETS.averageAge);
    const college = committee.filter((c) =>
      ['college', 'bachelor', 'postgraduate'].includes(c.education),
    ).length;
    expect(Math.round((college * 1000) / committee.length) / 10).toBe(72.7);
    expect(plan.cadres.filter((c) => c.reserve)).toHaveLength(895);
    expect(plan.postings.filter((p) => !p.ended)).toHaveLength(147);
    expect(plan.pairs).toHaveLength(20);
    expect(new Set(plan.pairs.map((p) => p.mentee)).size).toBe(20);
  });

  it('is the same on every run', () => {
    expect(planCadres(units(217, 33), 7)).toEqual(planCadres(units(217, 33), 7));
  });
});
