/**
 * The built apps go out pre-compressed: the build's `.br` / `.gz` copy when the browser
 * accepts it (src/web/compress.mjs writes them), the plain file otherwise.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from './errors.js';
import { serveWeb } from './web.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-web-'));
const js = `export const words = ${JSON.stringify('网格化基层治理 '.repeat(400))};\n`;
const app = Fastify();
installErrorHandling(app);

beforeAll(async () => {
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.mkdirSync(path.join(dir, 'm'));
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), js);
  fs.writeFileSync(path.join(dir, 'm', 'sw.js'), js);
  fs.writeFileSync(path.join(dir, 'assets', 'tiny.css'), 'a{}');
  fs.writeFileSync(path.join(dir, 'index.html'), '<title>centre</title>');
  fs.writeFileSync(path.join(dir, 'm', 'index.html'), '<title>field</title>');
  // the build's own step, run as the build runs it (web code is not imported here)
  execFileSync(process.execPath, ['src/web/compress.mjs', dir]);
  await serveWeb(app, dir);
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('pre-compressed web assets', () => {
  it('writes brotli and gzip copies beside text files worth compressing, not beside tiny ones', () => {
    const f = path.join(dir, 'assets', 'app-abc123.js');
    expect(zlib.brotliDecompressSync(fs.readFileSync(`${f}.br`)).toString()).toBe(js);
    expect(zlib.gunzipSync(fs.readFileSync(`${f}.gz`)).toString()).toBe(js);
    expect(fs.statSync(`${f}.br`).size).toBeLessThan(js.length / 10);
    expect(fs.existsSync(path.join(dir, 'assets', 'tiny.css.br'))).toBe(false);
  });

  it('sends brotli, else gzip, else the plain file, as the browser accepts', async () => {
    const url = '/assets/app-abc123.js';
    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toMatch(/immutable/);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(js);

    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(js);

    const plain = await app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);

    const sw = await app.inject({ url: '/m/sw.js', headers: { 'accept-encoding': 'br' } });
    expect(sw.headers['content-encoding']).toBe('br');
  });
});

describe('deep links after a reload (history routing)', () => {
  it.each([
    ['/cases/42', 'centre'],
    ['/cases/42?tab=map', 'centre'],
    ['/admin', 'centre'],
    ['/m/cases/42', 'field'],
    ['/m/join/ABCDE-FGHJK', 'field'],
  ])('%s gets the %s page', async (url, title) => {
    const res = await app.inject({ url, headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(`<title>${title}</title>`);
  });

  it.each([
    '/api/v1/nope',
    '/open311/v2/x',
    '/assets/missing.js',
    '/docs-x.json',
    '/m/missing.js',
    '/health/x',
    '/favicon.ico',
  ])('%s is not a screen: 404', async (url) => {
    expect((await app.inject({ url })).statusCode).toBe(404);
  });

  it('files of the field app are still files', async () => {
    const sw = await app.inject({ url: '/m/sw.js', headers: { 'accept-encoding': 'identity' } });
    expect(sw.headers['content-type']).toMatch(/javascript/);
    expect(sw.body).toBe(js);
  });
});
