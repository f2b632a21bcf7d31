import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logging.js';

describe('request log lines', () => {
  it('mask phone and ID numbers in the URL of an exact search', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino(loggerOptions('info'), sink);
    log.info(
      {
        req: { method: 'GET', url: '/api/v1/residents?phone=139%201234%205678&idNumber=21122119900101123X' },
      },
      'incoming request',
    );
    const line = lines.join('');
    expect(line).toContain('/api/v1/residents?phone=139****5678');
    expect(line).not.toMatch(/1234|19900101/);
  });
});
