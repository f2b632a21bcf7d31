import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Two single-page apps from one build: the command centre at `/` (desktop,
 * Ant Design) and the field app at `/m/` (phones, antd-mobile, PWA).
 * Both use hash routing, so the server only serves two HTML files and /assets.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: here('./public'),
  plugins: [react()],
  build: {
    // WANGGE_WEB_DIR builds (and the server serves) elsewhere, e.g. one build per worktree
    outDir: process.env.WANGGE_WEB_DIR ? path.resolve(process.env.WANGGE_WEB_DIR) : here('../../dist/web'),
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
