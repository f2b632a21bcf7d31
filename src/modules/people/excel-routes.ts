import './errors.js'; // registers this module's codes (ADR 0005)
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { noStore } from '../../platform/no-store.js';
import { actorOf, narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import type { PeopleDeps } from './context.js';
import { exportHouseholds } from './excel-export.js';
import { importHouseholds } from './excel-import.js';
import { householdImportTemplate } from './excel-template.js';
import { Within } from './schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel export and import of a village's or township's households and residents. */
export const excelRoutes =
  (ctx: PeopleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser(XLSX, { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );

    app.get(
      '/households/export.xlsx',
      {
        schema: {
          tags: ['people'],
          summary:
            '导出户籍档案 The households and residents of a region as .xlsx (masked unless revealed; audited)',
          querystring: z.object({
            within: Within,
            reveal: z
              .enum(['true', 'false'])
              .default('false')
              .describe('full ID numbers and phones: needs people.reveal and a reason'),
            reason: z.string().trim().min(4).max(200).optional(),
          }),
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        // a region that is not the caller's answers 404 before any role check (as every list does)
        const path = narrowScope(actor, req.query.within, pathOf);
        authorize(actor, 'people.export');
        const reveal = req.query.reveal === 'true';
        if (reveal) {
          authorize(actor, 'people.reveal');
          if (!req.query.reason) throw new AppError('REASON_REQUIRED');
        }
        const code = req.query.within ?? actor.scopeCode;
        noStore(reply);
        const stream = await exportHouseholds(
          ctx.db,
          ctx.pii,
          actor,
          { countyCode: actor.countyCode, path, code },
          { reveal, reason: req.query.reason ?? null, requestId: req.id },
          await ctx.readDb(req), // the pages from the replica when it may serve
        );
        reply.header('content-type', XLSX);
        reply.header('content-disposition', `attachment; filename="households-${code}.xlsx"`);
        return reply.send(stream);
      },
    );

    app.get(
      '/households/import-template.xlsx',
      {
        schema: {
          tags: ['people'],
          summary:
            '导入模板 The empty .xlsx the household import accepts: its columns, and how to fill them (no one’s data)',
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        authorize(actorOf(req), 'people.import');
        const file = await householdImportTemplate();
        reply.header('content-type', XLSX);
        reply.header('content-disposition', 'attachment; filename="households-import-template.xlsx"');
        return reply.send(file);
      },
    );

    app.post(
      '/households/import',
      {
        schema: {
          tags: ['people'],
          summary:
            '导入户籍档案 Import an .xlsx in the export’s layout: all rows or none; bad rows and fields named',
          consumes: [XLSX],
          response: {
            200: z.object({
              rows: z.number().int(),
              created: z.number().int(),
              updated: z.number().int(),
              households: z.number().int(),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'people.import');
        if (!Buffer.isBuffer(req.body)) throw new AppError('IMPORT_FILE_INVALID');
        return importHouseholds(ctx.db, ctx.pii, actor, req.body, ctx.now(), req.id);
      },
    );
  };
