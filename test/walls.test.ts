import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cruiseWalls, describeViolation } from '../scripts/walls.js';

/** The walls of docs/ARCHITECTURE.md: a fixture that breaks each one, and the real tree that breaks none. */
describe('the dependency walls', () => {
  it('reports each kind of broken wall in the fixture', async () => {
    const result = await cruiseWalls(['src'], path.join(import.meta.dirname, 'fixtures', 'walls'));
    const found = result.summary.violations.map(describeViolation).sort();
    expect(found).toEqual(
      [
        'module-public-entry: src/modules/beta/index.ts → src/modules/alpha/inner.ts',
        'nothing-imports-web: src/server/app.ts → src/web/app/view.ts',
        'no-circular: src/modules/beta/first.ts → src/modules/beta/second.ts (cycle: src/modules/beta/first.ts → src/modules/beta/second.ts → src/modules/beta/first.ts)',
        'no-server-below: src/modules/alpha/inner.ts → src/server/app.ts',
        'platform-imports-no-module: src/platform/clock.ts → src/modules/alpha/index.ts',
        'web-imports-no-server-code: src/web/app/view.ts → src/server/version.ts',
      ].sort(),
    );
  });

  it('finds no broken wall in the code base', async () => {
    const result = await cruiseWalls();
    expect(result.summary.totalCruised).toBeGreaterThan(300);
    expect(result.summary.violations.map(describeViolation)).toEqual([]);
  });
});
