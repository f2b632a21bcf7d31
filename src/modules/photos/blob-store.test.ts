import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBlobStore, S3BlobStore, assertValidKey, blobStoreFromEnv } from './blob-store.js';

const KEY = 'photos/2026/11/0b5c2a4e-7f55-4a8e-9f0e-3c1d2b6a9e10/original.jpg';
const DATA = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0, 255]);

describe('assertValidKey', () => {
  it.each([
    '',
    '/etc/passwd',
    '../secret',
    'photos/../../x.jpg',
    'photos/./x.jpg',
    'photos//x.jpg',
    'photos/x.jpg/',
    'photos/.hidden',
    'photos\\x.jpg',
    'C:/x.jpg',
    'photos/a b.jpg',
    'photos/照片.jpg',
    'photos/x.jpg\0',
    'a'.repeat(513),
  ])('rejects %j', (key) => {
    expect(() => assertValidKey(key)).toThrow(/invalid blob key/);
  });

  it('accepts the keys storePhoto writes', () => {
    expect(() => assertValidKey(KEY)).not.toThrow();
    expect(() => assertValidKey('photos/2026/01/abc/thumb.jpg')).not.toThrow();
  });
});

describe('LocalBlobStore', () => {
  let root: string;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'wangge-blob-'));
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('round-trips, overwrites and deletes, creating directories as needed', async () => {
    const store = new LocalBlobStore(root);
    expect(await store.get(KEY)).toBeNull();
    await store.put(KEY, DATA, 'image/jpeg');
    expect(await store.get(KEY)).toEqual(DATA);
    expect(await fs.readFile(path.join(root, ...KEY.split('/')))).toEqual(DATA);

    await store.put(KEY, Buffer.from('second'), 'image/jpeg');
    expect((await store.get(KEY))?.toString()).toBe('second');
    // no temp files left next to the blob
    expect(await fs.readdir(path.dirname(path.join(root, ...KEY.split('/'))))).toEqual(['original.jpg']);

    await store.delete(KEY);
    expect(await store.get(KEY)).toBeNull();
    await expect(store.delete(KEY)).resolves.toBeUndefined();
    // a directory is not a blob
    expect(await store.get('photos/2026')).toBeNull();
  });

  it('rejects bad keys before touching the disk', async () => {
    const store = new LocalBlobStore(path.join(root, 'inner'));
    await expect(store.put('../escape.jpg', DATA, 'image/jpeg')).rejects.toThrow(/invalid blob key/);
    await expect(store.put('/tmp/abs.jpg', DATA, 'image/jpeg')).rejects.toThrow(/invalid blob key/);
    await expect(store.get('photos/../../x')).rejects.toThrow(/invalid blob key/);
    await expect(store.delete('photos/%2e%2e/x')).rejects.toThrow(/invalid blob key/);
    await expect(fs.stat(path.join(root, 'escape.jpg'))).rejects.toThrow();
    await expect(fs.stat(path.join(root, 'inner'))).rejects.toThrow();
  });
});

describe('S3BlobStore against s3rver', () => {
  const bucket = 'wangge-test';
  let dir: string;
  let server: S3rver;
  let store: S3BlobStore;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wangge-s3rver-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: bucket }],
    });
    const { port } = await server.run();
    store = new S3BlobStore({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });
  });

  afterAll(async () => {
    store?.destroy();
    await server?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('puts, gets and deletes; a missing key reads as null', async () => {
    expect(await store.get(KEY)).toBeNull();
    await store.put(KEY, DATA, 'image/jpeg');
    expect(await store.get(KEY)).toEqual(DATA);

    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    await store.put('photos/2026/11/x/public.jpg', big, 'image/jpeg');
    expect((await store.get('photos/2026/11/x/public.jpg'))?.equals(big)).toBe(true);

    await store.delete(KEY);
    expect(await store.get(KEY)).toBeNull();
    await expect(store.delete(KEY)).resolves.toBeUndefined();
  });

  it('validates keys like the local store', async () => {
    await expect(store.put('../x.jpg', DATA, 'image/jpeg')).rejects.toThrow(/invalid blob key/);
  });
});

describe('blobStoreFromEnv', () => {
  it('uses <dataDir>/media without WANGGE_S3_BUCKET', () => {
    const store = blobStoreFromEnv({}, '/var/lib/wangge');
    expect(store).toBeInstanceOf(LocalBlobStore);
    expect((store as LocalBlobStore).rootDir).toBe(path.resolve('/var/lib/wangge/media'));
  });

  it('uses S3 when WANGGE_S3_BUCKET is set', () => {
    const store = blobStoreFromEnv(
      {
        WANGGE_S3_BUCKET: 'b',
        WANGGE_S3_ENDPOINT: 'http://127.0.0.1:9000',
        WANGGE_S3_ACCESS_KEY_ID: 'k',
        WANGGE_S3_SECRET_ACCESS_KEY: 's',
      },
      '/data',
    );
    expect(store).toBeInstanceOf(S3BlobStore);
    expect((store as S3BlobStore).bucket).toBe('b');
    (store as S3BlobStore).destroy();
  });

  it('rejects a bad WANGGE_S3_FORCE_PATH_STYLE and a half set of credentials', () => {
    expect(() =>
      blobStoreFromEnv({ WANGGE_S3_BUCKET: 'b', WANGGE_S3_FORCE_PATH_STYLE: 'maybe' }, '/d'),
    ).toThrow(/WANGGE_S3_FORCE_PATH_STYLE/);
    expect(() => blobStoreFromEnv({ WANGGE_S3_BUCKET: 'b', WANGGE_S3_ACCESS_KEY_ID: 'k' }, '/d')).toThrow(
      /accessKeyId/,
    );
  });
});
