import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../platform/ids.js';
import { z } from 'zod';
import { actorOf } from '../accounts/index.js';
import type { AuditDeps } from './context.js';
import { authorize } from './abilities.js';

const AuditItem = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});

export const auditRoutes =
  (ctx: AuditDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: '审计日志 Audit log of my county',
          querystring: z.object({
            action: z.string().max(60).optional(),
            entityType: z.string().max(40).optional(),
            entityId: z.string().max(40).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            beforeId: Id.optional(),
          }),
          response: { 200: z.object({ items: z.array(AuditItem) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'audit.read');
        let q = ctx.db.selectFrom('audit_log').selectAll().where('county_code', '=', actor.countyCode);
        if (req.query.action) q = q.where('action', '=', req.query.action);
        if (req.query.entityType) q = q.where('entity_type', '=', req.query.entityType);
        if (req.query.entityId) q = q.where('entity_id', '=', req.query.entityId);
        if (req.query.beforeId) q = q.where('id', '<', req.query.beforeId);
        const rows = await q.orderBy('id', 'desc').limit(req.query.limit).execute();
        return {
          items: rows.map((r) => ({
            id: r.id,
            at: r.at.toISOString(),
            actorId: r.actor_id,
            actorRole: r.actor_role,
            action: r.action,
            entityType: r.entity_type,
            entityId: r.entity_id,
            before: r.before,
            after: r.after,
            reason: r.reason,
          })),
        };
      },
    );
  };
