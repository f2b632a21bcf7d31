import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import { noStore } from '../../platform/no-store.js';
import { actorOf, narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { checkRevealSearch } from '../audit/index.js';
import { authorize, can } from './abilities.js';
import type { PetitionDeps } from './context.js';
import { exportPetitions, searchPetitionsByPhone } from './list-export.js';
import { listPetitions } from './list-repository.js';
import { PetitionExportQuery, PetitionItem, PetitionQuery } from './schemas.js';
import { toPetitionItem } from './view.js';

/**
 * The petition register as a list officials work with (issue 11): the exact total, sorted by its
 * columns, searched by number, words or (a reveal) the visitor's phone, and exported as filtered.
 */
export const petitionListRoutes =
  (ctx: PetitionDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/petitions',
      {
        schema: {
          tags: ['petitions'],
          summary: '信访登记簿 The register of my scope (masked), with statutory limits; sorted and searched',
          querystring: PetitionQuery,
          response: { 200: z.object({ items: z.array(PetitionItem), total: z.number().int() }) },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        // a region outside the caller's view is not there for anyone (404), whatever their role
        const path = narrowScope(actor, req.query.within, pathOf);
        authorize(actor, 'petitions.read');
        const { phone, reason, ...f } = req.query;
        if (!phone) {
          const { items, total } = await listPetitions(ctx.db, actor, path, f, ctx.now());
          return { items: items.map(toPetitionItem), total };
        }
        // "did this number come to us?" is a reveal: the right (403, never an empty page), a reason
        checkRevealSearch(can(actor, 'petitions.reveal'), reason);
        noStore(reply);
        const a = { actor, path, now: ctx.now(), filter: {}, requestId: req.id, reason };
        const { items, total } = await searchPetitionsByPhone(ctx.db, a, {
          ...f,
          phoneHash: ctx.pii.blindIndex('phone', phone),
        });
        return { items: items.map(toPetitionItem), total };
      },
    );

    app.get(
      '/petitions/export.xlsx',
      {
        schema: {
          tags: ['petitions'],
          summary: '导出信访登记 The filtered register as .xlsx, streamed (masked; audited)',
          querystring: PetitionExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        // the right first (403), then the place (404)
        authorize(actor, 'petitions.export');
        const path = narrowScope(actor, req.query.within, pathOf);
        const a = { actor, path, now: ctx.now(), filter: req.query, requestId: req.id };
        const { stream } = await exportPetitions(ctx.db, a, req.query, await ctx.readDb(req));
        return sendXlsx(reply, `petitions-${actor.countyCode}`, stream);
      },
    );
  };
