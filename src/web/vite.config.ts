import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compressDir } from './compress.mjs';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

type Chunk = { type: 'chunk'; name: string; isEntry: boolean; imports: string[]; dynamicImports: string[] };
type Meta = { viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } };

/**
 * `m/shell-assets.json`: every /assets/ file the field app may load, its route chunks included,
 * so the service worker (public/m/sw.js) keeps them all and every screen opens offline.
 */
function fieldShellList(): Plugin {
  return {
    name: 'wangge-field-shell-list',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'field');
      if (!entry) return;
      const files = new Set<string>();
      const walk = (name: string) => {
        const c = bundle[name] as (Chunk & Meta) | undefined;
        if (!c || files.has(name)) return;
        files.add(name);
        if (c.type !== 'chunk') return;
        for (const f of [...(c.viteMetadata?.importedCss ?? []), ...(c.viteMetadata?.importedAssets ?? [])])
          files.add(f);
        for (const i of [...c.imports, ...c.dynamicImports]) walk(i);
      };
      walk(entry.fileName);
      const list = [...files].sort().map((f) => `/${f}`);
      this.emitFile({ type: 'asset', fileName: 'm/shell-assets.json', source: JSON.stringify(list) });
    },
  };
}

/** Brotli and gzip copies of the output once it is written (compress.mjs). */
function precompress(outDir: string): Plugin {
  return {
    name: 'wangge-precompress',
    apply: 'build',
    closeBundle() {
      compressDir(outDir);
    },
  };
}

const outDir = process.env.WANGGE_WEB_DIR ? path.resolve(process.env.WANGGE_WEB_DIR) : here('../../dist/web');

/**
 * Two single-page apps from one build: the command centre at `/` (desktop,
 * Ant Design) and the field app at `/m/` (phones, antd-mobile, PWA).
 * Both use history routing: the server answers each app's paths with its page (src/server/web.ts).
 * Each screen is its own chunk (React.lazy in the apps' shells), so a first visit on a slow
 * network loads only the sign-in page; everything is served pre-compressed (brotli, gzip).
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: here('./public'),
  plugins: [react(), fieldShellList(), precompress(outDir)],
  build: {
    // WANGGE_WEB_DIR builds (and the server serves) elsewhere, e.g. one build per worktree
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      // WANGGE_WEB_ONLY=centre|field builds one app (handy while working on it)
      input: Object.fromEntries(
        Object.entries({ centre: here('./index.html'), field: here('./m/index.html') }).filter(
          ([k]) => !process.env.WANGGE_WEB_ONLY || process.env.WANGGE_WEB_ONLY === k,
        ),
      ),
    },
  },
});
