import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor, type Procs, type Proc } from './procs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The credentials s3rver accepts (its defaults); in production MinIO's or Ceph RGW's own. */
const ACCESS_KEY = 'S3RVER';

export type S3Server = {
  proc: Proc;
  endpoint: string;
  bucket: string;
  /** where the object store keeps its objects (its own data directory, not an instance's) */
  dir: string;
  /** the settings every instance is started with (docs/DEPLOY.md, "Photos") */
  env: Record<string, string>;
};

/**
 * An S3-compatible object store as its own process: s3rver (a dev dependency; MinIO or Ceph RGW in
 * production) on a free port, real HTTP with signed requests, the bucket made at start, its objects
 * under `<run>/s3`. Ended by its id with the run's other processes.
 */
export async function startS3(procs: Procs, bucket = 'wangge-photos'): Promise<S3Server> {
  const dir = path.join(procs.dir, 's3');
  fs.mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const proc = procs.start(
    's3',
    process.execPath,
    [
      path.join(ROOT, 'node_modules/s3rver/bin/s3rver.js'),
      '--directory',
      dir,
      '--address',
      '127.0.0.1',
      '--port',
      String(port),
      '--no-vhost-buckets',
      // last: the option takes the arguments after the name as bucket configuration files
      '--configure-bucket',
      bucket,
    ],
    { cwd: ROOT },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor(
    `s3rver to listen (log: ${proc.log})`,
    async () => {
      if (proc.child.exitCode !== null) throw new Error(`s3rver exited; see ${proc.log}`);
      // unsigned: 403 AccessDenied, which is an answer; the bucket exists once s3rver listens
      return (await fetch(`${endpoint}/${bucket}`).catch(() => null)) !== null;
    },
    30_000,
  );
  return {
    proc,
    endpoint,
    bucket,
    dir,
    env: {
      WANGGE_S3_ENDPOINT: endpoint,
      WANGGE_S3_BUCKET: bucket,
      WANGGE_S3_REGION: 'us-east-1',
      WANGGE_S3_ACCESS_KEY_ID: ACCESS_KEY,
      WANGGE_S3_SECRET_ACCESS_KEY: ACCESS_KEY,
      WANGGE_S3_FORCE_PATH_STYLE: 'true',
    },
  };
}

/** The keys s3rver holds in a bucket, read from its directory (`<key>._S3rver_object` files). */
export function storedKeys(s3: S3Server): string[] {
  const root = path.join(s3.dir, s3.bucket);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('._S3rver_object'))
    .map((f) => f.slice(0, -'._S3rver_object'.length).split(path.sep).join('/'));
}

/** Every file under a directory (relative paths), for "nothing landed here". */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) =>
    fs.statSync(path.join(dir, f)).isFile(),
  );
}
