// Builds the web apps (dist/web) when missing or older than any file under src/web (its
// compression step src/web/compress.mjs included), or when the pre-compressed copies are missing.
// `npm start` and the browser tests run it, so a fresh clone needs no separate step.
// Test files run in parallel: a lock file makes a second caller wait for the first
// build and then find the output fresh, instead of building into the same folder at once.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// WANGGE_WEB_DIR: build into (and serve from) another directory
const dir = process.env.WANGGE_WEB_DIR ?? 'dist/web';
const out = path.join(dir, 'index.html');
const lock = `${path.resolve(dir)}.lock`;
const newest = (d) =>
  fs.readdirSync(d, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(d, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }, 0);
const stale = () =>
  !fs.existsSync(out) || !fs.existsSync(`${out}.gz`) || newest('src/web') > fs.statSync(out).mtimeMs;

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function acquire() {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lock, 'utf8')) || 0;
      // a builder that died leaves its lock behind: take it over
      if (holder && !alive(holder)) fs.rmSync(lock, { force: true });
      else sleep(500);
    }
  }
}

if (stale() || process.argv.includes('--force')) {
  acquire();
  try {
    if (stale() || process.argv.includes('--force')) {
      console.log('Building the web apps (vite) …');
      execFileSync(
        process.execPath,
        [
          'node_modules/vite/bin/vite.js',
          'build',
          '--config',
          'src/web/vite.config.ts',
          '--logLevel',
          'warn',
        ],
        { stdio: 'inherit' },
      );
    }
  } finally {
    fs.rmSync(lock, { force: true });
  }
}
