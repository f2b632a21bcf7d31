import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { setNotFoundFallback } from './errors.js';

/** The built apps; WANGGE_WEB_DIR points elsewhere (e.g. a developer's own build). */
export const WEB_DIR = path.resolve(process.env.WANGGE_WEB_DIR ?? 'dist/web');

/** Paths that are never a screen of the command centre: the API, Open311, files, the API browser. */
const NOT_CENTRE = /^\/(api|open311|assets|docs|health|m)(\/|$)/;

/**
 * An app's own path (`/cases/42`, `/m/cases/42`): the screen is drawn by the app's router,
 * so a reload or a shared link gets the app's page. Not a file (a last segment with a dot).
 */
export function isScreenPath(url: string, app: 'centre' | 'field'): boolean {
  const p = url.split('?')[0]!;
  const last = p.slice(p.lastIndexOf('/') + 1);
  if (last.includes('.')) return false;
  return app === 'field' ? p.startsWith('/m/') : !NOT_CENTRE.test(p);
}

/**
 * The two web apps built by Vite (see scripts/ensure-web.mjs): the command centre
 * at `/`, the field app at `/m/`, hashed assets under `/assets/`. Public: they hold
 * no data; everything they show comes from the API after sign-in. Every other path
 * of an app (`/cases/42`, `/m/cases/42`) gets that app's page (history routing).
 */
export async function serveWeb(app: FastifyInstance, dir = WEB_DIR): Promise<void> {
  const html = (file: string) => {
    const p = path.join(dir, file);
    return fs.existsSync(p)
      ? fs.readFileSync(p)
      : Buffer.from(
          `<!doctype html><meta charset="utf-8"><p>网页尚未构建 — the web app is not built: run <code>npm start</code> (or <code>node scripts/ensure-web.mjs</code>).</p>`,
        );
  };
  const page =
    (file: string) =>
    async (_req: unknown, reply: { header(k: string, v: string): typeof reply; send(b: Buffer): unknown }) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(html(file));
  app.get('/', { config: { public: true }, schema: { hide: true } }, page('index.html'));
  app.get('/m', { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
    reply.redirect('/m/'),
  );
  app.get('/m/', { config: { public: true }, schema: { hide: true } }, page('m/index.html'));
  await app.register(fastifyStatic, {
    root: path.join(dir, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    // the build writes .br and .gz beside each file (src/web/compress.mjs): sent as asked
    preCompressed: true,
  });
  await app.register(fastifyStatic, {
    root: path.join(dir, 'm'),
    prefix: '/m/',
    decorateReply: false,
    index: false,
    // the files present when the server starts (the build comes first); other paths are screens
    wildcard: false,
    preCompressed: true,
  });
  // the apps' own paths (/cases/42, /m/cases/42) are not routes: the 404 handler gives them the
  // app's page, so Open311's and the API's own 404s and a too-long parameter's 414 stay as they are
  setNotFoundFallback(app, (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const which = req.url.startsWith('/m/') ? 'field' : 'centre';
    if (!isScreenPath(req.url, which)) return false;
    void page(which === 'field' ? 'm/index.html' : 'index.html')(req, reply);
    return true;
  });
}
