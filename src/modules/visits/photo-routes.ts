import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf, inScope } from '../accounts/index.js';
import type { VisitDeps } from './context.js';
import { can } from './abilities.js';
import { findPhoto } from './repository.js';

/**
 * A visit's photo (EXIF-stripped copy or thumbnail), for whoever uploaded it and
 * for staff who may read visits and whose scope holds the visit's grid; else 404.
 * The original (with its EXIF position) stays with the uploader.
 */
export const visitPhotoRoutes =
  (ctx: VisitDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/visits/photos/:id/:variant',
      {
        schema: {
          tags: ['visits'],
          summary: '走访照片 A visit photo: public (EXIF stripped) or thumb',
          params: z.object({ id: z.uuid(), variant: z.enum(['public', 'thumb']) }),
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const photo = await findPhoto(ctx.db, actor.countyCode, req.params.id);
        if (!photo) throw new AppError('NOT_FOUND');
        const visible =
          photo.uploaded_by === actor.accountId ||
          (photo.visit_id !== null &&
            photo.grid_path !== null &&
            can(actor, 'visits.read') &&
            inScope(actor, photo.grid_path));
        if (!visible) throw new AppError('NOT_FOUND');
        const body = await ctx.media.get(req.params.variant === 'thumb' ? photo.thumb_key : photo.public_key);
        if (!body) throw new AppError('NOT_FOUND');
        return reply
          .header('content-type', 'image/jpeg')
          .header('cache-control', 'private, max-age=86400, immutable')
          .header('x-content-type-options', 'nosniff')
          .send(body);
      },
    );
  };
