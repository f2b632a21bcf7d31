import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, errorBody } from '../platform/errors.js';

/** Maps every error to {"error": {code, message, messageEn}}; never a stack trace. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, 'application error');
      return reply.code(err.status).send(errorBody(err));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: `${err.validationContext ?? ''}${v.instancePath}`,
        message: v.message,
      }));
      const first = issues[0];
      const detail = first ? `${first.path}: ${first.message}` : undefined;
      return reply
        .code(400)
        .send(errorBody(new AppError('VALIDATION_FAILED', { detail, detailEn: detail, details: issues })));
    }
    if (isResponseSerializationError(err)) {
      req.log.error(
        { err: { message: err.message, issues: err.cause.issues } },
        'response failed its schema',
      );
      return reply.code(500).send(errorBody(new AppError('INTERNAL')));
    }
    const status = err.statusCode ?? 500;
    if (status === 429) return reply.code(429).send(errorBody(new AppError('RATE_LIMITED')));
    if (status === 413) return reply.code(413).send(errorBody(new AppError('PAYLOAD_TOO_LARGE')));
    if (status === 415) return reply.code(415).send(errorBody(new AppError('UNSUPPORTED_MEDIA_TYPE')));
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, empty body, bad content type.
      return reply
        .code(400)
        .send(errorBody(new AppError('BAD_REQUEST', { detail: err.message, detailEn: err.message })));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(errorBody(new AppError('INTERNAL')));
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send(errorBody(new AppError('ROUTE_NOT_FOUND'))));
}
