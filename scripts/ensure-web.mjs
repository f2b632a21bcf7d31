// Builds the web apps (dist/web) when missing or older than any file under src/web.
// `npm start` and the browser tests run it, so a fresh clone needs no separate step.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// WANGGE_WEB_DIR: build into (and serve from) another directory
const out = path.join(process.env.WANGGE_WEB_DIR ?? 'dist/web', 'index.html');
const newest = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }, 0);
const stale = !fs.existsSync(out) || newest('src/web') > fs.statSync(out).mtimeMs;
if (stale || process.argv.includes('--force')) {
  console.log('Building the web apps (vite) …');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
}
