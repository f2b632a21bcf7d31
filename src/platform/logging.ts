import { pino, type Logger, type LoggerOptions } from 'pino';
import { maskPiiText } from './pii-text.js';

/**
 * Paths redacted from every log line. Personal data never reaches the logs:
 * request bodies are not logged, and these keys are masked wherever they appear.
 */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'idNumber',
  '*.idNumber',
  'phone',
  '*.phone',
  'token',
  '*.token',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

type LoggedRequest = {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
};

/**
 * The request as a log line shows it: an exact search (`/residents?phone=…`) carries the
 * value in its URL, so phone and ID numbers in the URL are masked like free text.
 */
export function requestForLog(req: LoggedRequest) {
  return {
    method: req.method,
    url: maskPiiText(decodeSafely(req.url)),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

function decodeSafely(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    serializers: { req: requestForLog as (req: unknown) => unknown },
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}

export type { Logger };
