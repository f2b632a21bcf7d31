import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';

/**
 * Where photo bytes live. Keys are relative, slash-separated paths such as
 * `photos/2026/11/<uuid>/original.jpg`; the same key works in every store.
 */
export interface BlobStore {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The stored bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the blob; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_KEY_LENGTH = 512;

/**
 * Throws unless the key is a plain relative path: segments of letters, digits,
 * '.', '_' and '-' that start with a letter or digit (so no '..', no hidden
 * files, no empty segments, no leading '/', no backslashes or spaces).
 */
export function assertValidKey(key: string): void {
  const ok =
    typeof key === 'string' &&
    key.length > 0 &&
    key.length <= MAX_KEY_LENGTH &&
    key.split('/').every((segment) => SEGMENT.test(segment) && !segment.includes('..'));
  if (!ok) throw new Error(`invalid blob key: ${JSON.stringify(key)}`);
}

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

/** Files under a root directory; writes are atomic (temp file + fsync + rename). */
export class LocalBlobStore implements BlobStore {
  readonly rootDir: string;

  constructor(rootDir: string) {
    this.rootDir = path.resolve(rootDir);
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    const file = path.resolve(this.rootDir, ...key.split('/'));
    // Belt and braces: the key check already rules out escaping the root.
    if (!file.startsWith(this.rootDir + path.sep))
      throw new Error(`invalid blob key: ${JSON.stringify(key)}`);
    return file;
  }

  async put(key: string, data: Buffer, _contentType: string): Promise<void> {
    const file = this.pathOf(key);
    const dir = path.dirname(file);
    await fs.mkdir(dir, { recursive: true });
    // Starts with '.', which no valid key segment does, so it never collides with a blob.
    const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    let handle: fs.FileHandle | null = await fs.open(tmp, 'wx', 0o640);
    try {
      await handle.writeFile(data);
      await handle.sync();
      await handle.close();
      handle = null;
      await fs.rename(tmp, file);
    } catch (err) {
      await handle?.close().catch(() => undefined);
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw err;
    }
    await syncDir(dir);
  }

  async get(key: string): Promise<Buffer | null> {
    const file = this.pathOf(key);
    try {
      return await fs.readFile(file);
    } catch (err) {
      const code = errnoCode(err);
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    try {
      await fs.unlink(file);
    } catch (err) {
      const code = errnoCode(err);
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      throw err;
    }
  }
}

/** Makes a rename durable. Not every platform can fsync a directory; that is best effort. */
async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // e.g. Windows (EPERM/EISDIR): the rename itself is still atomic
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export type S3BlobStoreOptions = {
  /** e.g. https://oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000; omit for AWS itself */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Both or neither; without them the SDK's default credential chain is used. */
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
};

/** Any S3-compatible object store (MinIO, Ceph, OSS, COS, AWS S3). */
export class S3BlobStore implements BlobStore {
  readonly bucket: string;
  private readonly client: S3Client;

  constructor(opts: S3BlobStoreOptions) {
    this.bucket = opts.bucket;
    if (Boolean(opts.accessKeyId) !== Boolean(opts.secretAccessKey)) {
      throw new Error('S3BlobStore: give both accessKeyId and secretAccessKey, or neither');
    }
    this.client = new S3Client({
      endpoint: opts.endpoint,
      region: opts.region,
      forcePathStyle: opts.forcePathStyle ?? true,
      credentials:
        opts.accessKeyId && opts.secretAccessKey
          ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey }
          : undefined,
      // Newer SDKs add CRC checksums to every request by default, which many
      // S3-compatible stores reject; only send them where the API requires them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    assertValidKey(key);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: data,
        ContentType: contentType,
        ContentLength: data.length,
      }),
    );
  }

  async get(key: string): Promise<Buffer | null> {
    assertValidKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!res.Body) return Buffer.alloc(0);
      return Buffer.from(await res.Body.transformToByteArray());
    } catch (err) {
      if (err instanceof NoSuchKey) return null;
      if (
        err instanceof S3ServiceException &&
        (err.name === 'NoSuchKey' || err.$metadata.httpStatusCode === 404)
      ) {
        return null;
      }
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** Closes the HTTP connections (tests, shutdown). */
  destroy(): void {
    this.client.destroy();
  }
}

function parseBool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new Error(`Invalid configuration: ${name} must be true or false, got ${JSON.stringify(value)}`);
}

/**
 * S3 when WANGGE_S3_BUCKET is set (WANGGE_S3_ENDPOINT, WANGGE_S3_REGION default
 * us-east-1, WANGGE_S3_ACCESS_KEY_ID, WANGGE_S3_SECRET_ACCESS_KEY,
 * WANGGE_S3_FORCE_PATH_STYLE default true); otherwise files under <dataDir>/media.
 */
export function blobStoreFromEnv(env: NodeJS.ProcessEnv, dataDir: string): BlobStore {
  const val = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const bucket = val('WANGGE_S3_BUCKET');
  if (!bucket) return new LocalBlobStore(path.join(dataDir, 'media'));
  return new S3BlobStore({
    endpoint: val('WANGGE_S3_ENDPOINT'),
    region: val('WANGGE_S3_REGION') ?? 'us-east-1',
    bucket,
    accessKeyId: val('WANGGE_S3_ACCESS_KEY_ID'),
    secretAccessKey: val('WANGGE_S3_SECRET_ACCESS_KEY'),
    forcePathStyle: parseBool('WANGGE_S3_FORCE_PATH_STYLE', env.WANGGE_S3_FORCE_PATH_STYLE, true),
  });
}
