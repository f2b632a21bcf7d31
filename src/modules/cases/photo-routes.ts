import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../accounts/index.js';
import type { CaseRouteDeps } from './context.js';
import { visibleTo } from './repository.js';
import { caseActor } from './routes.js';
import { DEFAULT_MAX_PHOTO_BYTES, processPhoto, storePhoto } from '../media/index.js';

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

export const photoRoutes =
  (ctx: CaseRouteDeps): FastifyPluginAsyncZod =>
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
        const processed = await processPhoto(data);
        const id = randomUUID();
        const keys = await storePhoto(ctx.media, processed, id, ctx.now());
        await ctx.db
          .insertInto('case_photo')
          .values({
            county_code: actor.countyCode,
            id,
            phase: 'evidence',
            mime: processed.mime,
            width: processed.width,
            height: processed.height,
            bytes: processed.bytes,
            sha256: processed.sha256,
            taken_at: processed.takenAt,
            gps_lat: processed.gps?.lat ?? null,
            gps_lng: processed.gps?.lng ?? null,
            original_key: keys.originalKey,
            public_key: keys.publicKey,
            thumb_key: keys.thumbKey,
            uploaded_by: actor.accountId,
          })
          .execute();
        return reply.code(201).send({
          id,
          mime: processed.mime,
          width: processed.width,
          height: processed.height,
          bytes: processed.bytes,
          takenAt: processed.takenAt?.toISOString() ?? null,
          gps: processed.gps,
          url: `/api/v1/photos/${id}/public`,
          thumbUrl: `/api/v1/photos/${id}/thumb`,
        });
      },
    );

    app.get(
      '/photos/:id/:variant',
      {
        schema: {
          tags: ['photos'],
          summary: '照片 A photo: public (EXIF stripped), thumb, or original (staff only)',
          params: z.object({ id: z.uuid(), variant: z.enum(['public', 'thumb', 'original']) }),
        },
      },
      async (req, reply) => {
        const actor = await caseActor(ctx, actorOf(req));
        const photo = await ctx.db
          .selectFrom('case_photo')
          .select(['case_id', 'uploaded_by', 'mime', 'original_key', 'public_key', 'thumb_key'])
          .where('county_code', '=', actor.countyCode)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!photo) throw new AppError('NOT_FOUND');
        let visible = photo.uploaded_by === actor.accountId;
        if (!visible && photo.case_id !== null) {
          const c = await ctx.db
            .selectFrom('cases')
            .select('id')
            .where(visibleTo(actor, actor.departmentId))
            .where('cases.id', '=', photo.case_id)
            .executeTakeFirst();
          visible = !!c;
        }
        if (!visible) throw new AppError('NOT_FOUND');
        if (
          req.params.variant === 'original' &&
          actor.role === 'resident' &&
          photo.uploaded_by !== actor.accountId
        )
          throw new AppError('FORBIDDEN');
        const key =
          req.params.variant === 'original'
            ? photo.original_key
            : req.params.variant === 'thumb'
              ? photo.thumb_key
              : photo.public_key;
        const body = await ctx.media.get(key);
        if (!body) throw new AppError('NOT_FOUND');
        return reply
          .header('content-type', req.params.variant === 'original' ? photo.mime : 'image/jpeg')
          .header('cache-control', 'private, max-age=86400, immutable')
          .header('x-content-type-options', 'nosniff')
          .send(body);
      },
    );
  };
