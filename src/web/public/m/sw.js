/* global setTimeout */
/**
 * Service worker of the field app (scope /m/): keeps the app shell — the page,
 * its hashed /assets/ and the manifest — so the app starts with no network.
 * The API is never cached here (reports written offline wait in IndexedDB, see
 * src/web/field/offline/). The screens are separate chunks, listed by the build in
 * /m/shell-assets.json and kept with the page. Page: network first (4 s, then the kept copy) — for
 * every screen's path (`/m/cases/42`), as the app routes by path and the server answers each with the page;
 * /assets/: kept copy first (file names change with every build).
 */
const SHELL = 'wangge-field-shell-v1';
const PAGE = '/m/';
const EXTRAS = ['/m/manifest.webmanifest', '/m/icon.svg'];

/** The /assets/ files a page refers to (scripts, styles, preloads). */
function assetsOf(html) {
  return [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]))];
}

/** Every screen's chunk (written by the build, see src/web/vite.config.ts); [] when missing. */
async function routeChunks() {
  try {
    const r = await fetch('/m/shell-assets.json', { cache: 'no-cache' });
    return r.ok ? await r.json() : [];
  } catch {
    return [];
  }
}

/** Keep `response` as the page, with its assets and route chunks; forget assets of older builds. */
async function keepShell(response) {
  const cache = await caches.open(SHELL);
  const html = await response.clone().text();
  const assets = [...new Set([...assetsOf(html), ...(await routeChunks())])];
  await cache.put(PAGE, response);
  await Promise.all(
    assets.map(async (a) => {
      if (!(await cache.match(a))) {
        const r = await fetch(a);
        if (r.ok) await cache.put(a, r);
      }
    }),
  );
  for (const req of await cache.keys()) {
    const path = new URL(req.url).pathname;
    if (path.startsWith('/assets/') && !assets.includes(path)) await cache.delete(req);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const page = await fetch(PAGE, { cache: 'no-cache' });
      if (page.ok) await keepShell(page);
      const cache = await caches.open(SHELL);
      await Promise.all(EXTRAS.map((u) => cache.add(u).catch(() => undefined)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name.startsWith('wangge-field-') && name !== SHELL) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/** The page: from the network when it answers within 4 s, else the kept copy (the network still refreshes it). */
async function page(event) {
  const network = fetch(event.request, { cache: 'no-cache' });
  event.waitUntil(
    network
      .then((r) =>
        r.ok && (r.headers.get('content-type') || '').includes('text/html')
          ? keepShell(r.clone())
          : undefined,
      )
      .catch(() => undefined),
  );
  const slow = new Promise((resolve) => setTimeout(resolve, 4000, null));
  try {
    const first = await Promise.race([network, slow]);
    if (first) return first;
  } catch {
    // no network
  }
  const kept = await caches.match(PAGE);
  return kept || network; // nothing kept yet: wait for the network after all
}

async function asset(request) {
  const kept = await caches.match(request);
  if (kept) return kept;
  const r = await fetch(request);
  if (r.ok) {
    const cache = await caches.open(SHELL);
    await cache.put(request, r.clone());
  }
  return r;
}

async function extra(event) {
  const kept = await caches.match(event.request);
  const fresh = fetch(event.request).then(async (r) => {
    if (r.ok) await (await caches.open(SHELL)).put(event.request, r.clone());
    return r;
  });
  if (kept) {
    event.waitUntil(fresh.catch(() => undefined));
    return kept;
  }
  return fresh;
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (req.mode === 'navigate' && (url.pathname === '/m' || url.pathname.startsWith('/m/')))
    event.respondWith(page(event));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(req));
  else if (EXTRAS.includes(url.pathname)) event.respondWith(extra(event));
});
