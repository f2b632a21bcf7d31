import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, SESSION_COOKIE } from './http.js';
import type { AccountDeps } from './context.js';
import { authorize } from './abilities.js';
import { ROLE_NAMES, type Role } from './roles.js';
import { resetPassword, updateAccount } from './manage.js';
import type { AccountRow } from './repository.js';
import {
  AccountIdParams,
  AccountItem,
  AccountQuery,
  CreateAccountBody,
  LoginBody,
  LoginResponse,
  MeResponse,
  PasswordBody,
  UpdateAccountBody,
} from './schemas.js';
import * as accounts from './service.js';
import { usableAbilities } from './usable.js';

const toItem = (r: AccountRow): z.infer<typeof AccountItem> => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role as Role,
  scopeCode: r.scope_code,
  scopeName: r.scope_name,
  disabled: r.disabled,
  departmentId: r.department_id,
  departmentName: r.department_name,
  workerId: r.worker_id,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export const accountRoutes =
  (ctx: AccountDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/auth/login',
      {
        config: {
          public: true,
          // per address and account: password guessing is slowed, while a county centre's staff
          // behind one address (NAT) still sign in; counted after the body is parsed
          rateLimit: {
            max: 10,
            timeWindow: '1 minute',
            hook: 'preHandler',
            keyGenerator: (req) =>
              `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
          },
        },
        schema: {
          tags: ['auth'],
          summary: '登录 Sign in',
          security: [],
          body: LoginBody,
          response: { 200: LoginResponse },
        },
      },
      async (req, reply) => {
        const s = await accounts.login(
          ctx.db,
          req.body.username,
          req.body.password,
          req.headers['user-agent'] ?? null,
        );
        reply.setCookie(SESSION_COOKIE, s.token, {
          httpOnly: true,
          sameSite: 'lax',
          path: '/',
          secure: req.protocol === 'https',
          maxAge: s.expiresInSeconds,
        });
        return { token: s.token, expiresInSeconds: s.expiresInSeconds };
      },
    );

    app.post(
      '/auth/logout',
      { schema: { tags: ['auth'], summary: '退出 Sign out', response: { 204: z.null() } } },
      async (req, reply) => {
        await accounts.logout(ctx.db, actorOf(req));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/me',
      {
        schema: { tags: ['auth'], summary: '当前用户 The signed-in account', response: { 200: MeResponse } },
      },
      async (req) => {
        const actor = actorOf(req);
        const scope = await ctx.db
          .selectFrom('region')
          .select(['code', 'name', 'level'])
          .where('code', '=', actor.scopeCode)
          .executeTakeFirstOrThrow();
        return {
          id: actor.accountId,
          username: actor.username,
          displayName: actor.displayName,
          role: actor.role,
          roleName: ROLE_NAMES[actor.role],
          scope,
          countyCode: actor.countyCode,
          abilities: await usableAbilities(ctx, actor),
        };
      },
    );

    app.get(
      '/accounts',
      {
        schema: {
          tags: ['accounts'],
          summary: '账号列表 Accounts in my scope',
          querystring: AccountQuery,
          response: { 200: z.object({ items: z.array(AccountItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'accounts.manage');
        const { items, total } = await accounts.listAccounts(ctx.db, actor, req.query);
        return { items: items.map(toItem), total };
      },
    );

    app.patch(
      '/accounts/:id',
      {
        schema: {
          tags: ['accounts'],
          summary: '修改账号 Edit an account: name, role, scope, disabled (disabling ends its sessions)',
          params: AccountIdParams,
          body: UpdateAccountBody,
          response: { 200: AccountItem },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'accounts.manage');
        return toItem(await updateAccount(ctx.db, actor, req.params.id, req.body, ctx.now(), req.id));
      },
    );

    app.post(
      '/accounts/:id/password',
      {
        schema: {
          tags: ['accounts'],
          summary: '重置密码 Set a new password (ends the account’s sessions)',
          params: AccountIdParams,
          body: PasswordBody,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'accounts.manage');
        await resetPassword(ctx.db, actor, req.params.id, req.body.password, ctx.now(), req.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/accounts',
      {
        schema: {
          tags: ['accounts'],
          summary: '新建账号 Create an account',
          body: CreateAccountBody,
          response: { 201: z.object({ id: z.number().int() }) },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'accounts.manage');
        const id = await accounts.createAccount(ctx.db, req.body, actor, req.id);
        return reply.code(201).send({ id });
      },
    );
  };
