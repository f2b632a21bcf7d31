import sharp from 'sharp';
import type { Db } from '../src/platform/db/database.js';
import { GridIndex } from '../src/platform/geo/grid-index.js';
import type { App } from '../src/server/app.js';

/** A real JPEG (a photo of nothing in particular), generated. */
export async function jpeg(color = '#8a7f70', width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="${width}" height="${height}"><rect x="40" y="60" width="200" height="120" fill="#444"/></svg>`,
        ),
        top: 0,
        left: 0,
      },
    ])
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** A point strictly inside the grid (sampled over its bounding box, checked against its polygon). */
export async function pointInGrid(db: Db, code: string): Promise<{ lat: number; lng: number }> {
  const g = await db
    .selectFrom('region')
    .select(['geometry', 'min_lng', 'min_lat', 'max_lng', 'max_lat'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  const index = GridIndex.build([{ code, polygon: g.geometry as never }]);
  const [w, s, e, n] = [g.min_lng!, g.min_lat!, g.max_lng!, g.max_lat!];
  for (let i = 1; i < 500; i++) {
    const lng = w + ((e - w) * ((i * 37) % 97)) / 97;
    const lat = s + ((n - s) * ((i * 53) % 89)) / 89;
    if (
      index.locate(lng, lat) === code &&
      index.locate(lng + 1e-5, lat + 1e-5) === code &&
      index.locate(lng - 1e-5, lat - 1e-5) === code
    )
      return { lat, lng };
  }
  throw new Error(`no interior point found in ${code}`);
}

/** Uploads a photo as `authorization` and answers its id. */
export async function upload(
  app: App,
  headers: { authorization: string },
  data: Buffer,
  filename = 'photo.jpg',
): Promise<string> {
  const m = multipart(data, filename);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/photos',
    headers: { ...headers, 'content-type': m.contentType },
    payload: m.body,
  });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

export function multipart(data: Buffer, filename = 'photo.jpg', contentType = 'image/jpeg') {
  const boundary = '----wangge-test-boundary';
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

/** `POST /api/v1/cases/{id}/actions/{action}` as `headers`. */
export function actOn(
  app: App,
  headers: { authorization: string },
  id: number,
  action: string,
  body: object = {},
) {
  return app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions/${action}`, headers, payload: body });
}
