import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { serverSettings, startEmbeddedPostgres } from './embedded.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-embedded-'));
  fs.chmodSync(d, 0o755);
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const query = async (url: string, text: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
};

describe('embedded PostgreSQL', () => {
  it('initialises once, keeps data across restarts, listens on loopback only, never on 5432', async () => {
    const dir = tempDir();
    const a = await startEmbeddedPostgres({ dataDir: dir });
    expect(a.port).not.toBe(5432);
    expect(a.url).toContain('@127.0.0.1:');
    await query(a.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('网格')");
    const version = fs.readFileSync(path.join(a.clusterDir, 'PG_VERSION'), 'utf8');
    await a.stop();
    const b = await startEmbeddedPostgres({ dataDir: dir });
    expect(fs.readFileSync(path.join(b.clusterDir, 'PG_VERSION'), 'utf8')).toBe(version);
    expect(await query(b.url, 'SELECT v FROM kept')).toEqual([{ v: '网格' }]);
    expect(await query(b.url, "SELECT setting FROM pg_settings WHERE name = 'listen_addresses'")).toEqual([
      { setting: '127.0.0.1' },
    ]);
    await b.stop();
  });

  it("runs with the county server's settings: buffers by memory, room for a bulk load's WAL, durability untouched", async () => {
    const gb = 2 ** 30;
    expect(serverSettings(0.5 * gb)).toMatchObject({ shared_buffers: '128MB', wal_buffers: '16MB' });
    expect(serverSettings(2 * gb)).toMatchObject({ shared_buffers: '256MB', wal_buffers: '16MB' });
    expect(serverSettings(24 * gb)).toMatchObject({ shared_buffers: '1024MB', wal_buffers: '64MB' });
    const h = await startEmbeddedPostgres({ dataDir: tempDir(), settings: serverSettings(4 * gb) });
    const rows = await query(
      h.url,
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'max_wal_size',
         'checkpoint_timeout', 'fsync', 'full_page_writes', 'synchronous_commit') ORDER BY name`,
    );
    await h.stop();
    expect(rows).toEqual([
      { name: 'checkpoint_timeout', setting: '900', unit: 's' },
      { name: 'fsync', setting: 'on', unit: null },
      { name: 'full_page_writes', setting: 'on', unit: null },
      { name: 'max_wal_size', setting: '4096', unit: 'MB' },
      { name: 'shared_buffers', setting: '65536', unit: '8kB' },
      { name: 'synchronous_commit', setting: 'on', unit: null },
    ]);
  });

  it('recovers the cluster when the server that started it was killed with SIGKILL', async () => {
    const dir = tempDir();
    // a child process starts postgres, commits a row, and is killed -9 (its postgres survives)
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/embedded-child.ts'), dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    child.removeAllListeners('exit');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const pidFile = path.join(dir, 'pg', 'postmaster.pid');
    expect(fs.existsSync(pidFile)).toBe(true); // the orphan is still running
    const h = await startEmbeddedPostgres({ dataDir: dir });
    expect(await query(h.url, 'SELECT v FROM t')).toEqual([{ v: 42 }]);
    await h.stop();
  });

  it('refuses a second live server on the same data dir', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'wangge.pid'), `${process.ppid}\n`); // a live node process
    await expect(startEmbeddedPostgres({ dataDir: dir })).rejects.toThrow(/another Wangge process/);
  });

  it('turns a failed start into an error carrying the server log', async () => {
    const dir = tempDir();
    await expect(
      startEmbeddedPostgres({ dataDir: dir, settings: { shared_buffers: 'lots' } }),
    ).rejects.toThrow(/did not start[\s\S]*shared_buffers/);
  });
});
