import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { pathOf } from '../regions/index.js';
import { narrowScope } from './policy.js';
import type { Actor } from './roles.js';

const township = { scopePath: pathOf('211221100') } as Actor;

const code = (f: () => unknown) => {
  try {
    f();
    return 'none';
  } catch (e) {
    return e instanceof AppError ? e.code : `not an AppError: ${String(e)}`;
  }
};

describe('narrowScope', () => {
  it('narrows to a region inside the scope, or to the whole scope without a filter', () => {
    expect(narrowScope(township, undefined, pathOf)).toBe('21.2112.211221.211221100');
    expect(narrowScope(township, '211221100', pathOf)).toBe('21.2112.211221.211221100');
    expect(narrowScope(township, '211221100201', pathOf)).toBe('21.2112.211221.211221100.211221100201');
  });

  it('answers NOT_FOUND for a region beside or above the scope', () => {
    expect(code(() => narrowScope(township, '211221101', pathOf))).toBe('NOT_FOUND');
    expect(code(() => narrowScope(township, '211221', pathOf))).toBe('NOT_FOUND');
  });

  it('answers NOT_FOUND, not a server error, for digits that name no region', () => {
    for (const c of ['1853945953', '2112211002', '1', '211', '2112211002011', '21122110020100000'])
      expect(
        code(() => narrowScope(township, c, pathOf)),
        c,
      ).toBe('NOT_FOUND');
  });
});
