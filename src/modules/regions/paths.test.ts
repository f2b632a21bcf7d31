import { describe, expect, it } from 'vitest';
import { countyCodeOf, parentCodeOf, pathOf } from './paths.js';

describe('region paths', () => {
  it('builds the ltree path from the code', () => {
    expect(pathOf('21')).toBe('21');
    expect(pathOf('211221')).toBe('21.2112.211221');
    expect(pathOf('211221100001001')).toBe('21.2112.211221.211221100.211221100001.211221100001001');
  });
  it('knows parents and counties', () => {
    expect(parentCodeOf('211221100001')).toBe('211221100');
    expect(parentCodeOf('21')).toBeNull();
    expect(countyCodeOf('211221100')).toBe('211221');
    expect(countyCodeOf('2112')).toBeNull();
  });
  it('rejects codes of no level', () => {
    expect(() => pathOf('2112211')).toThrow();
    expect(() => parentCodeOf('123')).toThrow();
  });
});
