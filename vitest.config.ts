import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Three named tiers (docs/ARCHITECTURE.md#tests):
 * - unit: pure rules, no database; no global setup, so it starts in seconds;
 * - db: route and database tests on a clone of the migrated demo template
 *   (global setup: embedded cluster or DATABASE_URL), and the embedded-cluster
 *   tests of platform/db;
 * - browser: test/e2e in real Chromium on the same template.
 * A test file belongs to the db tier when it imports the harness in test/ (the
 * helpers or the kits built on them), reads the server URL the global setup
 * provides, or starts its own cluster (platform/db).
 * `npm test` runs all three.
 */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'web' || e.name === 'node_modules' ? [] : testFiles(path);
    return e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const HARNESS = /from '(\.\.\/)+test\/|from '(\.\/|\.\.\/)(helpers|kits\/[^']+)\.js'|inject\('dbServerUrl'\)/;
const usesDatabase = (file: string) =>
  file.startsWith('src/platform/db/') || HARNESS.test(readFileSync(file, 'utf8'));

const serverTests = [...testFiles('src'), ...testFiles('test').filter((f) => !f.startsWith('test/e2e/'))];
const unit = serverTests.filter((f) => !usesDatabase(f));
const db = serverTests.filter(usesDatabase);

/**
 * Workers per tier. Vitest's default on a 2-core machine is one worker for the whole run; a db
 * file spends most of its time waiting on PostgreSQL (its own process), so two db files at once
 * keep both cores busy. The browser tier drives Chromium, a server and PostgreSQL per file and
 * stays one at a time. The tiers run one after another (groupOrder), each with its own count;
 * WANGGE_TEST_WORKERS overrides the db and unit counts (1 to debug in order).
 */
const WORKERS = Math.max(1, Number(process.env.WANGGE_TEST_WORKERS) || 2);

export default defineConfig({
  test: {
    reporters: ['default', './test/timing-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: unit, maxWorkers: WORKERS, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: db,
          globalSetup: ['test/global-setup.ts'],
          maxWorkers: WORKERS,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
          // a page's answer on a loaded 2-core machine takes more than expect.poll's 1 s default
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
