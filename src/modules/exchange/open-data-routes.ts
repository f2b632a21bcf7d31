import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { IndicatorSource } from '../../platform/indicators.js';
import type { ReadDb } from '../../platform/replica/router.js';
import type { ExchangeDeps } from './context.js';
import { openData, SUPPRESS_BELOW, toCsv } from './open-data.js';
import * as s from './schemas.js';

/** Open data of a county that publishes it: anyone may read (no personal data; small counts "<5"). */
export const openDataRoutes =
  (
    ctx: ExchangeDeps & { indicatorSources: readonly IndicatorSource[]; readDb: ReadDb },
  ): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/open-data/:county/indicators.:format',
      {
        config: { public: true },
        schema: {
          tags: ['exchange'],
          summary:
            '开放数据 Anonymised indicators per township and month (CSV or JSON) of a county that publishes them',
          params: s.OpenDataParams,
          response: { 200: s.OpenDataJson.or(s.OpenDataCsv) },
        },
      },
      async (req, reply) => {
        const now = ctx.now();
        // the figures from the replica when it may serve (the publication setting on the primary)
        const items = await openData(ctx, req.params.county, now, await ctx.readDb(req));
        reply.header('cache-control', 'public, max-age=3600');
        if (req.params.format === 'csv') {
          reply.header('content-type', 'text/csv; charset=utf-8');
          reply.header('content-disposition', `attachment; filename="indicators-${req.params.county}.csv"`);
          return reply.send(toCsv(items));
        }
        return {
          // the fields are checked by the response schema (undeclared ones are stripped)
          county: req.params.county,
          generatedAt: now.toISOString(),
          suppressedBelow: SUPPRESS_BELOW,
          items,
        };
      },
    );
  };
