import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { accountRoutes } from '../modules/accounts/routes.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { catalogueRoutes } from '../modules/cases/catalogue-routes.js';
import { caseRoutes } from '../modules/cases/routes.js';
import { caseAdminRoutes } from '../modules/cases/admin-routes.js';
import { notifyRoutes } from '../modules/notify/routes.js';
import { open311Routes } from '../modules/open311/routes.js';
import { exchangeAdminRoutes, exchangeSystemRoutes, openDataRoutes } from '../modules/exchange/index.js';
import { gridRoutes } from '../modules/grids/routes.js';
import { peopleRoutes } from '../modules/people/routes.js';
import { regionRoutes } from '../modules/regions/routes.js';
import { visitRoutes } from '../modules/visits/routes.js';
import { pointsRoutes } from '../modules/points/routes.js';
import { wishRoutes } from '../modules/wishes/routes.js';
import { disputeRoutes } from '../modules/disputes/routes.js';
import { mediationRoutes } from '../modules/disputes/mediation-routes.js';
import { dispatchRoutes } from '../modules/disputes/dispatch-routes.js';
import { errandRoutes } from '../modules/errands/routes.js';
import { inServiceRoutes } from '../modules/inservice/routes.js';
import { whistleRoutes } from '../modules/whistles/routes.js';
import { petitionRoutes } from '../modules/petitions/routes.js';
import { teamRoutes } from '../modules/teams/routes.js';
import { disclosureRoutes } from '../modules/disclosures/routes.js';
import { partyRoutes } from '../modules/party/routes.js';
import { photoRoutes } from '../modules/photos/index.js';
import { departmentRoutes } from '../modules/departments/routes.js';
import { indicatorRoutes } from '../modules/indicators/routes.js';
import { reportRoutes } from '../modules/reports/routes.js';
import { cadreRoutes } from '../modules/cadres/routes.js';
import { enterpriseRoutes } from '../modules/enterprises/routes.js';
import { campaignRoutes } from '../modules/campaigns/routes.js';
import { emergencyRoutes } from '../modules/emergency/routes.js';
import { meetingRoutes } from '../modules/meetings/routes.js';
import { orgLifeRoutes } from '../modules/orglife/routes.js';
import { lessonRoutes } from '../modules/orglife/lesson-routes.js';
import { liveAreaOf } from '../modules/maps/index.js';
import { mapRoutes } from '../modules/maps/routes.js';
import { stationRoutes } from '../modules/stations/routes.js';
import { activityRoutes } from '../modules/stations/activity-routes.js';
import { loanRoutes } from '../modules/stations/loan-routes.js';
import { coverageRoutes } from '../modules/stations/coverage-routes.js';
import { callRoutes, iceConfigFromEnv } from '../modules/calls/index.js';
import { loggerOptions } from '../platform/logging.js';
import { databaseRateLimitStore } from '../platform/rate-limit-store.js';
import { abilitiesOf } from './abilities.js';
import { installAuth } from './auth.js';
import type { AppContext } from './context.js';
import { installErrorHandling, clientErrorHandler, frameworkErrors } from './errors.js';
import { INDICATOR_SOURCES } from './indicators.js';
import { photoRules } from './photo-rules.js';
import { installInputGuard } from './input-guard.js';
import { installSecurityHeaders } from './security-headers.js';
import { serveWeb } from './web.js';
import './types.js';
import './catalogue.js';

export type RegisteredRoute = { method: string; url: string; public: boolean };

export type BuildOptions = {
  logLevel?: string;
  /** Fastify trustProxy (WANGGE_TRUST_PROXY): believe X-Forwarded-Proto, so cookies are Secure behind HTTPS */
  trustProxy?: boolean | string;
  /** where rate-limit counters live (WANGGE_RATE_LIMITS): this process, or the database every instance shares */
  rateLimits?: 'memory' | 'database';
  /** WANGGE_INSTANCE_ID: sent as `x-wangge-instance` on every answer (which instance behind the balancer answered) */
  instanceId?: string;
};

export const API_PREFIX = '/api/v1';

/** Builds the HTTP app: external plugins, then app plugins, then routes. */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}) {
  const app = Fastify({
    logger: loggerOptions(opts.logLevel ?? 'info'),
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: opts.trustProxy ?? false,
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (r) => {
    // The API browser's pages and the web apps' static files are public: they hold no data.
    if (r.url.startsWith('/docs') || r.url.startsWith('/assets/') || r.url.startsWith('/m/'))
      r.config = { ...r.config, public: true };
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods) routes.push({ method: m, url: r.url, public: r.config?.public === true });
  });

  const instanceId = opts.instanceId;
  if (instanceId)
    app.addHook('onRequest', async (_req, reply) => {
      // on the raw response: streams that take over the reply (SSE /events) carry it too
      reply.raw.setHeader('x-wangge-instance', instanceId);
    });
  await installSecurityHeaders(app);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    ...(opts.rateLimits === 'database' ? { store: databaseRateLimitStore(ctx.db) } : {}),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Wangge 网格 API',
        version: '0.1.0',
        description:
          '党建引领网格化基层治理平台 — grid-based grassroots governance. Errors: {"error": {code, message (zh), messageEn}}.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'wangge_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', validatorUrl: null },
  });

  installErrorHandling(app);
  installAuth(app, ctx.db, ctx.events);
  installInputGuard(app);
  ctx.reads.install(app);

  app.get('/health', { config: { public: true }, schema: { hide: true } }, async () => {
    await ctx.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    return { status: 'ok' };
  });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      await api.register(accountRoutes({ ...ctx, abilitiesOf }));
      await api.register(regionRoutes(ctx));
      await api.register(gridRoutes(ctx));
      await api.register(peopleRoutes(ctx));
      await api.register(auditRoutes(ctx));
      await api.register(catalogueRoutes(ctx));
      await api.register(caseRoutes(ctx));
      await api.register(caseAdminRoutes(ctx));
      await api.register(departmentRoutes(ctx));
      await api.register(photoRoutes(ctx, photoRules));
      await api.register(notifyRoutes({ ...ctx, areaOf: liveAreaOf }));
      await api.register(visitRoutes(ctx));
      await api.register(pointsRoutes(ctx));
      await api.register(wishRoutes(ctx));
      await api.register(errandRoutes(ctx));
      await api.register(inServiceRoutes(ctx));
      await api.register(disclosureRoutes(ctx));
      await api.register(partyRoutes(ctx));
      await api.register(indicatorRoutes({ ...ctx, indicatorSources: INDICATOR_SOURCES }));
      await api.register(reportRoutes({ ...ctx, indicatorSources: INDICATOR_SOURCES }));
      await api.register(cadreRoutes(ctx));
      await api.register(enterpriseRoutes(ctx));
      await api.register(petitionRoutes(ctx));
      await api.register(teamRoutes(ctx));
      await api.register(disputeRoutes(ctx));
      await api.register(mediationRoutes(ctx));
      await api.register(dispatchRoutes(ctx));
      await api.register(campaignRoutes(ctx));
      await api.register(emergencyRoutes(ctx));
      await api.register(meetingRoutes(ctx));
      await api.register(orgLifeRoutes(ctx));
      await api.register(lessonRoutes(ctx));
      await api.register(mapRoutes(ctx));
      await api.register(whistleRoutes(ctx));
      await api.register(callRoutes({ ...ctx, ice: iceConfigFromEnv(process.env) }));
      // coverage first: its fixed paths (/stations/coverage…) before /stations/:id is only a reader's comfort
      await api.register(coverageRoutes(ctx));
      await api.register(stationRoutes(ctx));
      await api.register(activityRoutes(ctx));
      await api.register(loanRoutes(ctx));
      await api.register(exchangeAdminRoutes(ctx));
      await api.register(exchangeSystemRoutes(ctx));
      await api.register(openDataRoutes({ ...ctx, indicatorSources: INDICATOR_SOURCES }));
    },
    { prefix: API_PREFIX },
  );
  await app.register(open311Routes(ctx));

  await serveWeb(app);
  await app.ready();
  return Object.assign(app, { registeredRoutes: routes });
}

export type App = Awaited<ReturnType<typeof buildApp>>;
