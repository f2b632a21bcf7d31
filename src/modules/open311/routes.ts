import type { FastifyError, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { Open311Deps } from './context.js';
import {
  formatOfRequest,
  formatParam,
  MEDIA_TYPES,
  notFound,
  badRequest,
  Open311Error,
  send,
  sendError,
  w3c,
} from './format.js';
import { open311KeyRoutes } from './key-routes.js';
import { collect, commaList, jurisdiction, one, parseForm, timeWindow } from './params.js';
import { postRequest } from './post-request.js';
import { findRequests, toRequest, type RequestFilter } from './requests.js';
import { testEndpoints } from './settings.js';
import { catalogueChangeset, listServices, serviceDefinition } from './services.js';
import { findUpdates, postUpdate } from './updates.js';

export const OPEN311_PREFIX = '/open311/v2';
const MAX_RESULTS = 1000;

/**
 * Open311 GeoReport v2 at /open311/v2 (public: reads are open, writes need an api_key)
 * plus the administrators' key management at /api/v1/open311/keys. Register once,
 * outside the /api/v1 prefix.
 */
export const open311Routes =
  (ctx: Open311Deps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(open311KeyRoutes(ctx), { prefix: '/api/v1' });
    await app.register(georeportRoutes(ctx), { prefix: OPEN311_PREFIX });
  };

const base = (req: FastifyRequest) => `${req.protocol}://${req.host}${OPEN311_PREFIX}`;

const doc = <P extends z.ZodRawShape>(summary: string, params: P) => ({
  tags: ['open311'],
  summary,
  security: [],
  params: z.object(params),
});
const format = z.string().describe('json or xml');
const PUBLIC = { public: true } as const;
const WRITE = { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } } as const;

const georeportRoutes =
  (ctx: Open311Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, parseForm(String(body))),
    );

    app.setErrorHandler((err: FastifyError, req, reply) => {
      const fmt = formatOfRequest(req);
      if (err instanceof Open311Error) return sendError(reply, fmt, err.status, err.description);
      if (err instanceof AppError) {
        const status =
          err.status === 404 || err.code === 'CATEGORY_NOT_FOUND'
            ? 404
            : err.status === 401 || err.status === 403
              ? 403
              : err.status >= 500
                ? 500
                : err.status === 409
                  ? 400
                  : err.status;
        if (status >= 500) req.log.error({ err }, 'application error');
        return sendError(reply, fmt, status, `${err.messageEn} (${err.messageZh})`);
      }
      const status = err.statusCode ?? 500;
      if (status === 413 || status === 415 || status === 429)
        return sendError(
          reply,
          fmt,
          status,
          status === 429 ? 'Too many requests, please try again later' : err.message,
        );
      if (status >= 400 && status < 500)
        return sendError(reply, fmt, 400, `The request is invalid: ${err.message}`);
      req.log.error({ err }, 'unhandled error');
      return sendError(reply, fmt, 500, 'Internal server error');
    });
    app.setNotFoundHandler((req, reply) =>
      sendError(reply, formatOfRequest(req), 404, 'No such Open311 resource (see discovery.xml)'),
    );

    app.get(
      '/discovery.:format',
      { config: PUBLIC, schema: doc('Open311 service discovery', { format }) },
      async (req, reply) => {
        const fmt = formatParam(req.params.format);
        const county = await jurisdiction(ctx.db, collect(req.query, undefined), false);
        const changeset = w3c((await catalogueChangeset(ctx.db)) ?? new Date(0));
        const endpoint = (url: string, type: 'production' | 'test') => ({
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url,
          changeset,
          type,
          formats: [MEDIA_TYPES.xml, MEDIA_TYPES.json],
        });
        const tests = await testEndpoints(ctx.db, county ?? null);
        return send(reply, fmt, 'discovery', {
          changeset,
          contact:
            '请联系本县社会治理综合服务中心（综治中心）。Contact the county’s social-governance service centre.',
          key_service:
            'API 密钥由系统管理员签发（POST /api/v1/open311/keys），只显示一次。API keys are issued once by the county’s administrator.',
          endpoints: [endpoint(base(req), 'production'), ...tests.map((u) => endpoint(u, 'test'))],
        });
      },
    );

    app.get(
      '/services.:format',
      { config: PUBLIC, schema: doc('Open311 services: the case categories', { format }) },
      async (req, reply) => {
        const fmt = formatParam(req.params.format);
        await jurisdiction(ctx.db, collect(req.query, undefined), true);
        return send(reply, fmt, 'services', await listServices(ctx.db));
      },
    );

    app.get(
      '/services/:service_code.:format',
      {
        config: PUBLIC,
        schema: doc('Open311 service definition: a category’s extra questions', {
          service_code: z.string(),
          format,
        }),
      },
      async (req, reply) => {
        const fmt = formatParam(req.params.format);
        await jurisdiction(ctx.db, collect(req.query, undefined), true);
        return send(
          reply,
          fmt,
          'service_definition',
          await serviceDefinition(ctx.db, req.params.service_code),
        );
      },
    );

    app.get(
      '/requests.:format',
      {
        config: PUBLIC,
        schema: doc(
          'Open311 service requests (service_request_id, service_code, start_date, end_date, status, extensions)',
          { format },
        ),
      },
      async (req, reply) => {
        const fmt = formatParam(req.params.format);
        const p = collect(req.query, undefined);
        const countyCode = (await jurisdiction(ctx.db, p, true))!;
        const ids = commaList(p, 'service_request_id');
        let filter: RequestFilter;
        if (ids.length > 0) {
          if (ids.length > MAX_RESULTS) throw badRequest(`at most ${MAX_RESULTS} service_request_id values`);
          filter = { countyCode, ids, limit: MAX_RESULTS };
        } else {
          const status = commaList(p, 'status');
          for (const s of status)
            if (s !== 'open' && s !== 'closed')
              throw badRequest('status must be open or closed (comma delimited)');
          filter = {
            countyCode,
            serviceCodes: commaList(p, 'service_code'),
            ...timeWindow(p, ctx.now()),
            status: status as Array<'open' | 'closed'>,
            limit: MAX_RESULTS,
          };
        }
        const rows = await findRequests(ctx.db, filter);
        const extensions = one(p, 'extensions') === 'true';
        return send(
          reply,
          fmt,
          'service_requests',
          rows.map((r) => toRequest(r, base(req), extensions)),
        );
      },
    );

    app.get(
      '/requests/:service_request_id.:format',
      {
        config: PUBLIC,
        schema: doc('Open311 one service request', { service_request_id: z.string(), format }),
      },
      async (req, reply) => {
        const fmt = formatParam(req.params.format);
        const p = collect(req.query, undefined);
        const countyCode = (await jurisdiction(ctx.db, p, true))!;
        const id = req.params.service_request_id;
        const [row] = await findRequests(ctx.db, { countyCode, ids: [id], limit: 1 });
        if (!row) throw notFound(`service_request_id ${id} was not found`);
        return send(reply, fmt, 'service_requests', [
          toRequest(row, base(req), one(p, 'extensions') === 'true'),
        ]);
      },
    );

    app.post(
      '/requests.:format',
      { config: WRITE, schema: doc('Open311 create a service request (api_key required)', { format }) },
      async (req, reply) => {
        const fmt = formatParam(req.params.format);
        const created = await postRequest(ctx, collect(req.query, req.body), req.id);
        return send(reply, fmt, 'service_requests', [
          { service_request_id: created.number, service_notice: null, account_id: null },
        ]);
      },
    );

    // Requests are created synchronously (every service is "realtime"): a request's token is its id.
    app.get(
      '/tokens/:token.:format',
      {
        config: PUBLIC,
        schema: doc('Open311 service_request_id from a token', { token: z.string(), format }),
      },
      async (req, reply) => {
        const fmt = formatParam(req.params.format);
        const countyCode = (await jurisdiction(ctx.db, collect(req.query, undefined), true))!;
        const token = req.params.token;
        const [row] = await findRequests(ctx.db, { countyCode, ids: [token], limit: 1 });
        if (!row) throw notFound(`token ${token} was not found`);
        return send(reply, fmt, 'service_requests', [{ service_request_id: row.number, token }]);
      },
    );

    app.get(
      '/servicerequestupdates.:format',
      {
        config: PUBLIC,
        schema: doc('Open311 (mySociety extension) updates to requests between start_date and end_date', {
          format,
        }),
      },
      async (req, reply) => {
        const fmt = formatParam(req.params.format);
        const p = collect(req.query, undefined);
        const countyCode = (await jurisdiction(ctx.db, p, true))!;
        const { from, to } = timeWindow(p, ctx.now());
        return send(
          reply,
          fmt,
          'service_request_updates',
          await findUpdates(ctx.db, countyCode, from, to, MAX_RESULTS, base(req)),
        );
      },
    );

    app.post(
      '/servicerequestupdates.:format',
      {
        config: WRITE,
        schema: doc('Open311 (mySociety extension) post an update on a request (api_key required)', {
          format,
        }),
      },
      async (req, reply) => {
        const fmt = formatParam(req.params.format);
        const updateId = await postUpdate(ctx, collect(req.query, req.body), req.id);
        return send(reply, fmt, 'service_request_updates', [{ update_id: updateId }]);
      },
    );
  };
