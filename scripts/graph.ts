/**
 * Draws which module imports which (src/modules, tests left out) as a Mermaid
 * flowchart and writes it into docs/ARCHITECTURE.md between the graph markers.
 *   npm run graph             rewrite the graph
 *   npm run graph -- --check  exit 1 when the committed graph is stale
 */
import fs from 'node:fs';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = path.resolve(import.meta.dirname, '..');
const DOC = path.join(ROOT, 'docs', 'ARCHITECTURE.md');
const START = '<!-- module-graph:start (npm run graph) -->';
const END = '<!-- module-graph:end -->';

const moduleOf = (file: string) => /^src\/modules\/([^/]+)\//.exec(file)?.[1];

async function moduleEdges(): Promise<{ modules: string[]; edges: [string, string][] }> {
  const options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.cjs'));
  const result = await cruise(
    ['src/modules'],
    {
      ...options,
      baseDir: ROOT,
      validate: false,
      includeOnly: '^src/modules/',
      exclude: { path: '\\.test\\.ts$' },
      outputType: 'json',
    },
    undefined,
    { tsConfig: extractTSConfig(path.join(ROOT, 'tsconfig.json')) },
  );
  const out = result.output;
  const cruised = (typeof out === 'string' ? JSON.parse(out) : out) as ICruiseResult;
  const modules = new Set<string>();
  const edges = new Set<string>();
  for (const m of cruised.modules) {
    const from = moduleOf(m.source);
    if (!from) continue;
    modules.add(from);
    for (const d of m.dependencies) {
      const to = moduleOf(d.resolved);
      if (to && to !== from) edges.add(`${from} ${to}`);
    }
  }
  return {
    modules: [...modules].sort(),
    edges: [...edges].sort().map((e) => e.split(' ') as [string, string]),
  };
}

function mermaid({ modules, edges }: { modules: string[]; edges: [string, string][] }): string {
  const lines = ['```mermaid', 'flowchart LR'];
  const used = new Set(edges.flat());
  for (const m of modules) if (!used.has(m)) lines.push(`  ${m}`);
  for (const [from, to] of edges) lines.push(`  ${from} --> ${to}`);
  lines.push('```');
  return lines.join('\n');
}

const doc = fs.readFileSync(DOC, 'utf8');
const a = doc.indexOf(START);
const b = doc.indexOf(END);
if (a < 0 || b < a) throw new Error(`docs/ARCHITECTURE.md lacks the markers ${START} … ${END}`);
const next = `${doc.slice(0, a + START.length)}\n${mermaid(await moduleEdges())}\n${doc.slice(b)}`;
if (process.argv.includes('--check')) {
  if (next !== doc) {
    console.error('docs/ARCHITECTURE.md: the module graph is stale; run npm run graph');
    process.exit(1);
  }
  console.log('module graph up to date');
} else {
  fs.writeFileSync(DOC, next);
  console.log('docs/ARCHITECTURE.md: module graph written');
}
