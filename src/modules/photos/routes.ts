import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../accounts/index.js';
import type { PhotoRules } from './access.js';
import { DEFAULT_MAX_PHOTO_BYTES } from './process.js';
import { servePhoto } from './serve.js';
import { uploadPhoto, type PhotoDeps } from './upload.js';
import { PHOTO_VARIANTS } from './urls.js';

const PhotoResponse = z.object({
  id: z.uuid(),
  mime: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  takenAt: z.string().nullable().describe('EXIF capture time'),
  gps: z.object({ lat: z.number(), lng: z.number() }).nullable().describe('EXIF position (WGS-84)'),
  url: z.string(),
  thumbUrl: z.string(),
});

/** Upload a photo, and the one address that serves every photo, whatever it serves. */
export const photoRoutes =
  (deps: PhotoDeps, rules: PhotoRules): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(multipart, { limits: { fileSize: DEFAULT_MAX_PHOTO_BYTES, files: 1, fields: 5 } });

    app.post(
      '/photos',
      {
        bodyLimit: DEFAULT_MAX_PHOTO_BYTES + 64 * 1024,
        schema: {
          tags: ['photos'],
          summary:
            '上传照片 Upload a photo (multipart field "file"; JPEG, PNG, WebP, HEIC), then name its id in a report or action',
          consumes: ['multipart/form-data'],
          response: { 201: PhotoResponse },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        if (!req.isMultipart())
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
            detail: '请以 multipart/form-data 上传',
            detailEn: 'send multipart/form-data',
          });
        const file = await req.file();
        if (!file)
          throw new AppError('VALIDATION_FAILED', {
            detail: '缺少文件',
            detailEn: 'the "file" field is missing',
          });
        const data = await file.toBuffer().catch((err: { code?: string }) => {
          if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE');
          throw err;
        });
        return reply.code(201).send(await uploadPhoto(deps, actor, data));
      },
    );

    app.get(
      '/photos/:id/:variant',
      {
        // anonymous callers get published case photos (Open311 media_url) only, never an original
        config: { public: true, session: 'optional' },
        schema: {
          tags: ['photos'],
          summary:
            '照片 Any photo of a case, visit, wish or errand I can see: public (EXIF stripped), thumb, or original (uploader; staff for case photos)',
          params: z.object({ id: z.uuid(), variant: z.enum(PHOTO_VARIANTS) }),
        },
      },
      async (req, reply) => {
        const served = await servePhoto(deps, rules, req.actor, req.params.id, req.params.variant);
        return reply.headers(served.headers).send(served.body);
      },
    );
  };
