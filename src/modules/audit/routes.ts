import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../platform/ids.js';
import { z } from 'zod';
import { actorOf } from '../accounts/index.js';
import type { AuditDeps } from './context.js';
import { authorize } from './abilities.js';
import { ACTION_PHRASES, ENTITY_NAMES } from './actions.js';
import { listAudit } from './repository.js';
import { actionName, actionOption, auditSentence, objectName } from './sentence.js';

const Both = z.object({ zh: z.string(), en: z.string() });

const AuditItem = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable().describe('as recorded; the sentence carries it masked'),
  sentence: Both.describe('the row as a sentence: who, when, what, to which object, why (masked)'),
  actionName: Both,
  entityName: Both,
});

const Token = z
  .string()
  .max(60)
  .regex(/^[a-z0-9_.]+$/);

export const auditRoutes =
  (ctx: AuditDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: '审计日志 Audit log of my county, as sentences',
          querystring: z.object({
            actorId: Id.optional().describe('who did it (an account id)'),
            action: Token.optional(),
            entityType: z
              .string()
              .max(40)
              .regex(/^[a-z0-9_]+$/)
              .optional(),
            entityId: z
              .string()
              .max(40)
              .regex(/^[0-9A-Za-z_-]+$/)
              .optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            beforeId: Id.optional(),
          }),
          response: { 200: z.object({ items: z.array(AuditItem) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'audit.read');
        const rows = await listAudit(ctx.db, actor.countyCode, req.query);
        return {
          items: rows.map((r) => ({
            id: r.id,
            at: r.at.toISOString(),
            actorId: r.actor_id,
            actorName: r.actor_name,
            actorRole: r.actor_role,
            action: r.action,
            entityType: r.entity_type,
            entityId: r.entity_id,
            before: r.before,
            after: r.after,
            reason: r.reason,
            sentence: auditSentence({
              at: r.at,
              actorName: r.actor_name,
              action: r.action,
              entityType: r.entity_type,
              entityId: r.entity_id,
              reason: r.reason,
            }),
            actionName: actionName(r.action),
            entityName: objectName(r.entity_type, null),
          })),
        };
      },
    );

    app.get(
      '/audit/actions',
      {
        schema: {
          tags: ['audit'],
          summary:
            '审计动作与对象名称 The audit actions and object types, named in both languages (for filters)',
          response: {
            200: z.object({
              actions: z.array(Both.extend({ action: z.string() })),
              entityTypes: z.array(Both.extend({ entityType: z.string() })),
            }),
          },
        },
      },
      async (req) => {
        authorize(actorOf(req), 'audit.read');
        return {
          actions: Object.keys(ACTION_PHRASES)
            .sort()
            .map((action) => ({ action, ...actionOption(action) })),
          entityTypes: Object.entries(ENTITY_NAMES).map(([entityType, n]) => ({ entityType, ...n })),
        };
      },
    );
  };
