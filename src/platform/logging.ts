import { pino, type Logger, type LoggerOptions } from 'pino';

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

export function loggerOptions(level: string): LoggerOptions {
  return { level, redact: { paths: REDACT_PATHS, censor: '[REDACTED]' } };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}

export type { Logger };
