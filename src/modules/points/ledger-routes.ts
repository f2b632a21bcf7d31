import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Paged, sendXlsx, XLSX } from '../../platform/lists/index.js';
import { actorOf, narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import type { PointsDeps } from './context.js';
import { exportLedger } from './ledger-export.js';
import { listLedger, type LedgerRow } from './ledger-list.js';
import { reasonNames } from './ledger.js';
import { LedgerExportQuery, LedgerItem, LedgerQuery } from './schemas.js';
import { toEntry } from './view.js';

type Names = Awaited<ReturnType<typeof reasonNames>>;
const toLedgerItem = (names: Names) => (r: LedgerRow) => ({
  ...toEntry(names)(r),
  workerId: r.worker_id,
  workerName: r.worker_name,
  gridName: r.grid_name,
  villageName: r.village_name,
});

/** 积分明细 (issue 11): every worker's ledger entries in the scope, searched, sorted, counted, exported. */
export const ledgerRoutes =
  (ctx: PointsDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/points/ledger',
      {
        schema: {
          tags: ['points'],
          summary:
            '积分明细 Ledger entries of the grids in my scope: searched, sorted, the exact total (never a ranking)',
          querystring: LedgerQuery,
          response: { 200: Paged(LedgerItem) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'points.ledger');
        const scope = { countyCode: actor.countyCode, path: narrowScope(actor, req.query.within, pathOf) };
        const [names, page] = await Promise.all([
          reasonNames(ctx.db, actor.countyCode),
          listLedger(ctx.db, scope, req.query),
        ]);
        return { items: page.items.map(toLedgerItem(names)), total: page.total };
      },
    );

    app.get(
      '/points/ledger/export.xlsx',
      {
        schema: {
          tags: ['points'],
          summary: '导出积分明细 The filtered points ledger as .xlsx, streamed (notes masked; audited)',
          querystring: LedgerExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'points.export');
        const scope = { countyCode: actor.countyCode, path: narrowScope(actor, req.query.within, pathOf) };
        const names = await reasonNames(ctx.db, actor.countyCode);
        const { stream } = await exportLedger(
          ctx.db,
          actor,
          scope,
          req.query,
          names,
          req.query,
          req.id,
          await ctx.readDb(req), // the rows from the replica when it may serve; count and audit on the primary
        );
        return sendXlsx(reply, 'points-ledger', stream);
      },
    );
  };
