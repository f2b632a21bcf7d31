import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../server/context.js';

// SKELETON(helper): routes of this module go here.
export const visitRoutes =
  (_ctx: AppContext): FastifyPluginAsyncZod =>
  async () => {};
