import { describe, expect, it } from 'vitest';
import { completeCreditCode, creditCodeProblem, isCreditCode } from './credit-code.js';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    // the standard's worked example and codes printed on business licences
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(isCreditCode('91110000600037341L')).toBe(true);
    expect(isCreditCode('91440300708461136T')).toBe(true);
  });

  it('refuses a wrong check character, naming which check failed', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check');
    expect(creditCodeProblem('91350100M000100X43')).toBe('organisation_check');
  });

  it('refuses the wrong shape: length, letters outside the set, lower case, full-width digits, NUL', () => {
    for (const bad of [
      '',
      '91350100M000100Y4',
      '91350100M000100Y433',
      '91350100M0001O0Y43', // O is not in the set
      '91350100m000100Y43',
      '９1350100M000100Y43',
      '91350100M000100Y4\u0000',
      '9135010AM000100Y43', // the division code is digits
    ])
      expect(creditCodeProblem(bad), JSON.stringify(bad)).toBe('shape');
  });

  it('completes a code from its first 16 characters so that both checks hold', () => {
    const code = completeCreditCode('9121122100000001');
    expect(code).toHaveLength(18);
    expect(isCreditCode(code)).toBe(true);
  });
});
