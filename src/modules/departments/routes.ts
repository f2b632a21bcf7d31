import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import type { DepartmentDeps } from './context.js';
import {
  CreateDepartmentBody,
  DepartmentIdParams,
  DepartmentItem,
  DepartmentQuery,
  UpdateDepartmentBody,
} from './schemas.js';
import { addDepartment, listDepartments, updateDepartment } from './service.js';

/** 职能部门管理: administrators keep their county's bureaus and township offices. */
export const departmentRoutes =
  (ctx: DepartmentDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/admin/departments',
      {
        schema: {
          tags: ['administration'],
          summary: '职能部门 Departments in my scope, active and deactivated',
          querystring: DepartmentQuery,
          response: { 200: z.object({ items: z.array(DepartmentItem) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'departments.manage');
        const scope = narrowScope(actor, req.query.within, pathOf);
        return { items: await listDepartments(ctx.db, scope, req.query) };
      },
    );

    app.post(
      '/admin/departments',
      {
        schema: {
          tags: ['administration'],
          summary: '新增职能部门 Add a county bureau or a township office (audited)',
          body: CreateDepartmentBody,
          response: { 201: DepartmentItem },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'departments.manage');
        return reply.code(201).send(await addDepartment(ctx.db, actor, req.body, req.id));
      },
    );

    app.patch(
      '/admin/departments/:id',
      {
        schema: {
          tags: ['administration'],
          summary:
            '修改职能部门 Rename, deactivate or reactivate a department (audited; cases already there stay)',
          params: DepartmentIdParams,
          body: UpdateDepartmentBody,
          response: { 200: DepartmentItem },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'departments.manage');
        return updateDepartment(ctx.db, actor, req.params.id, req.body, req.id);
      },
    );
  };
