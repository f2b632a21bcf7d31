import type { Reporter, TestModule } from 'vitest/node';

type Seen = { project: string; file: string; start: number; end: number; collect: number; run: number };

/**
 * Prints, after the run, each tier's wall time and the slowest files (import + tests), so a CI
 * log shows where the suite's minutes go. Added beside the default reporter in vitest.config.ts.
 */
export default class TimingReporter implements Reporter {
  private starts = new Map<string, number>();
  private seen: Seen[] = [];

  onTestModuleQueued(m: TestModule): void {
    this.starts.set(m.moduleId, Date.now());
  }

  onTestModuleEnd(m: TestModule): void {
    const d = m.diagnostic();
    this.seen.push({
      project: m.project.name,
      file: m.relativeModuleId,
      start: this.starts.get(m.moduleId) ?? Date.now(),
      end: Date.now(),
      collect: d.collectDuration,
      run: d.duration,
    });
  }

  onTestRunEnd(): void {
    if (this.seen.length === 0) return;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const lines = ['', 'Time by tier (wall, from its first file to its last):'];
    for (const project of [...new Set(this.seen.map((x) => x.project))]) {
      const of = this.seen.filter((x) => x.project === project);
      const wall = Math.max(...of.map((x) => x.end)) - Math.min(...of.map((x) => x.start));
      const busy = of.reduce((n, x) => n + x.collect + x.run, 0);
      lines.push(
        `  ${project.padEnd(8)} ${String(of.length).padStart(4)} files  wall ${s(wall)}  import+tests ${s(busy)}`,
      );
    }
    lines.push('Slowest files (import + tests):');
    for (const x of [...this.seen].sort((a, b) => b.collect + b.run - (a.collect + a.run)).slice(0, 25))
      lines.push(`  ${s(x.collect + x.run).padStart(8)}  ${x.project.padEnd(8)} ${x.file}`);
    console.log(lines.join('\n'));
  }
}
