import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../src/modules/cases/states.js';
import { hasEnglish, titleEn } from '../src/modules/notify/title-en.js';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.includes('seed') ? [p] : [];
  });

describe('notification titles in English', () => {
  it('every literal notification kind and every case step has an English phrase', () => {
    const kinds = files('src/modules').flatMap((p) =>
      [...readFileSync(p, 'utf8').matchAll(/kind: '([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]!),
    );
    expect(kinds.length).toBeGreaterThan(15);
    expect(kinds.filter((k) => !hasEnglish(k))).toEqual([]);
    expect(ACTIONS.filter((a) => !hasEnglish(`case.${a}`))).toEqual([]);
  });

  it('keeps the reference number and has no Chinese', () => {
    expect(titleEn('case.dispatch', '211221-20241206-000042：已派遣')).toBe(
      'Case 211221-20241206-000042: dispatched',
    );
    expect(titleEn('points.adjusted', '积分 +5：参加志愿活动')).toBe('Points: your points were adjusted');
    expect(titleEn('wish.claim', '有人认领了微心愿')).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
