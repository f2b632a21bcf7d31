import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, errorBody, type ErrorCode } from '../platform/errors.js';
import { isDatabaseUnavailable } from '../platform/db/unavailable.js';

/** Fastify's and its plugins' own error codes that are the caller's fault, in our catalogue. */
const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_BAD_URL: 'URL_MALFORMED',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
  FST_ERR_CTP_INVALID_JSON_BODY: 'JSON_MALFORMED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_PROTO_VIOLATION: 'MULTIPART_MALFORMED',
  FST_ERR_RATE_LIMIT: 'RATE_LIMITED',
};

/** busboy (under @fastify/multipart) throws plain Errors for a broken multipart body. */
const MULTIPART_MESSAGE =
  /^(Multipart: |Unexpected end of (form|file|multipart)|Malformed (part header|content type|urlencoded form)|Unsupported content type)/;

/**
 * PostgreSQL data exceptions that only bad input can cause (a NUL byte, a number out of
 * range). The input guard and the schemas should stop them first; if one slips through it
 * is still the caller's bad input, not a server fault — but it is logged to be fixed.
 */
const PG_BAD_INPUT = new Set(['22021', '22P05', '22003', '22P02', '22007', '22008', '22001']);

/** Maps any error to an AppError of the catalogue; undefined when it is a server fault. */
export function toAppError(err: FastifyError): AppError | undefined {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: `${err.validationContext ?? ''}${v.instancePath}`,
      message: v.message,
    }));
    const first = issues[0];
    const detail = first ? `${first.path}: ${first.message}` : undefined;
    return new AppError('VALIDATION_FAILED', { detail, detailEn: detail, details: issues });
  }
  if (isResponseSerializationError(err)) return undefined;
  const mapped = err.code ? FRAMEWORK_CODES[err.code] : undefined;
  if (mapped) return new AppError(mapped);
  if (typeof err.message === 'string' && MULTIPART_MESSAGE.test(err.message))
    return new AppError('MULTIPART_MALFORMED');
  if (err.code && PG_BAD_INPUT.has(err.code)) return new AppError('BAD_REQUEST');
  // a failover, a restart, a pooler without a server: retry shortly, nothing was acknowledged
  if (isDatabaseUnavailable(err)) return new AppError('DATABASE_UNAVAILABLE');
  const status = err.statusCode ?? 500;
  if (status === 429) return new AppError('RATE_LIMITED');
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (status === 414) return new AppError('URI_TOO_LONG');
  if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (status >= 400 && status < 500) {
    // Fastify's other client errors: empty body, bad content length …
    return new AppError('BAD_REQUEST', { detail: err.message, detailEn: err.message });
  }
  return undefined;
}

function send(req: FastifyRequest, reply: FastifyReply, err: FastifyError) {
  const app = toAppError(err);
  if (app) {
    if (app.code === 'DATABASE_UNAVAILABLE') {
      req.log.warn({ err: { code: err.code, message: err.message } }, 'database unavailable');
      void reply.header('retry-after', '1');
    } else if (app.status >= 500) req.log.error({ err }, 'application error');
    else if (err.code && PG_BAD_INPUT.has(err.code))
      req.log.warn({ err: { code: err.code, message: err.message } }, 'bad input reached the database');
    return reply.code(app.status).send(errorBody(app));
  }
  if (isResponseSerializationError(err))
    req.log.error({ err: { message: err.message, issues: err.cause.issues } }, 'response failed its schema');
  else req.log.error({ err }, 'unhandled error');
  return reply.code(500).send(errorBody(new AppError('INTERNAL')));
}

/**
 * Fastify's `frameworkErrors`: bad URL encoding, over-long parameters — before any route runs.
 * Under /open311/v2 the answer is GeoReport v2's error list, [{code, description}], as Open311
 * clients parse every other error of those routes.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const app = toAppError(err);
  if (app && req.url.startsWith('/open311/v2/'))
    return reply.code(app.status).send([{ code: app.status, description: app.messageEn }]);
  return send(req, reply, err);
}

/**
 * Node's HTTP parser refuses a request before Fastify sees it (control characters in a
 * header, an unknown method, headers too large, a timeout): answer in our shape too.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? 'REQUEST_TIMEOUT'
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? 'HEADERS_TOO_LARGE'
        : err.code === 'HPE_INVALID_HEADER_TOKEN' || err.code === 'HPE_INVALID_HEADER_VALUE'
          ? 'INPUT_CONTROL_CHARACTER'
          : 'BAD_REQUEST';
  const e = new AppError(code);
  const body = JSON.stringify(errorBody(e));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${e.status} ${e.status === 400 ? 'Bad Request' : 'Error'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** What answers a path no route has before it is a 404 (the web apps' own screens: server/web.ts). */
export type NotFoundFallback = (req: FastifyRequest, reply: FastifyReply) => boolean;
const fallbacks = new WeakMap<FastifyInstance, NotFoundFallback>();

/** Lets `fallback` answer unknown GET paths first; routes' own 404s (a too-long parameter …) are untouched. */
export function setNotFoundFallback(app: FastifyInstance, fallback: NotFoundFallback): void {
  fallbacks.set(app, fallback);
}

/** Maps every error to {"error": {code, message, messageEn}}; never a stack trace. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => send(req, reply, err));
  app.setNotFoundHandler((req, reply) => {
    if (fallbacks.get(app)?.(req, reply)) return reply;
    return reply.code(404).send(errorBody(new AppError('ROUTE_NOT_FOUND')));
  });
}
