// Pre-compressed copies of the built web apps: next to every text asset of dist/web
// (JavaScript, CSS, HTML, SVG, JSON, the service worker) a `.br` (brotli, quality 11) and a
// `.gz` (gzip, level 9), written once at build time so the server only picks the file
// (@fastify/static `preCompressed`, see src/server/web.ts) and never compresses per request.
// Run by the Vite build (vite.config.ts); `node src/web/compress.mjs [dir]` by hand.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|map|txt)$/;
const MIN_BYTES = 512; // smaller files gain nothing worth a second request path

/** Writes `.br` and `.gz` beside each compressible file under `dir`; answers bytes before and after (brotli). */
export function compressDir(dir) {
  let raw = 0;
  let br = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !TEXT.test(e.name)) continue;
    const file = path.join(e.parentPath ?? e.path, e.name);
    const data = fs.readFileSync(file);
    if (data.length < MIN_BYTES) continue;
    const b = zlib.brotliCompressSync(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      },
    });
    fs.writeFileSync(`${file}.br`, b);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
    raw += data.length;
    br += b.length;
  }
  return { raw, br };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { raw, br } = compressDir(process.argv[2] ?? process.env.WANGGE_WEB_DIR ?? 'dist/web');
  console.log(`compressed ${Math.round(raw / 1024)} KiB of text to ${Math.round(br / 1024)} KiB (brotli)`);
}
