/**
 * Checks the walls of docs/ARCHITECTURE.md with dependency-cruiser's API and the
 * rules in .dependency-cruiser.cjs; exits 1 on any violation (`npm run lint`).
 * The API is used rather than the `depcruise` command because the command
 * refuses to start on Node 20, which this project supports.
 *   tsx scripts/walls.ts [dir …]   (default: src test scripts bench)
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIRS = ['src', 'test', 'scripts', 'bench'];

/** Cruises `dirs` (relative to `baseDir`) under the project's rules. */
export async function cruiseWalls(dirs: string[] = DIRS, baseDir = ROOT): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.cjs'));
  const tsConfig = extractTSConfig(path.join(ROOT, 'tsconfig.json'));
  const result = await cruise(dirs, { ...options, baseDir, validate: true, outputType: 'json' }, undefined, {
    tsConfig,
  });
  const out = result.output;
  return (typeof out === 'string' ? JSON.parse(out) : out) as ICruiseResult;
}

/** One line per violation: rule, from → to (and the cycle when there is one). */
export function describeViolation(v: IViolation): string {
  const cycle = v.cycle?.length ? ` (cycle: ${[v.from, ...v.cycle.map((c) => c.name)].join(' → ')})` : '';
  return `${v.rule.name}: ${v.from} → ${v.to}${cycle}`;
}

async function main() {
  const dirs = process.argv.slice(2);
  const result = await cruiseWalls(dirs.length ? dirs : DIRS);
  const violations = result.summary.violations;
  for (const v of violations) console.error(`  ${v.rule.severity} ${describeViolation(v)}`);
  const { totalCruised, totalDependenciesCruised } = result.summary;
  if (violations.length > 0) {
    console.error(
      `✗ ${violations.length} wall(s) broken (${totalCruised} files, ${totalDependenciesCruised} imports)`,
    );
    process.exit(1);
  }
  console.log(`✓ walls hold (${totalCruised} files, ${totalDependenciesCruised} imports)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
