import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a reset socket', withCode('ECONNRESET')],
    [
      'a server shutting down (57P01)',
      withCode('57P01', 'terminating connection due to administrator command'),
    ],
    ['a server starting (57P03)', withCode('57P03', 'the database system is starting up')],
    ['PgBouncer without a server (08P01)', withCode('08P01', 'query_wait_timeout')],
    ['a standby reached during a failover (25006)', withCode('25006')],
    ['a connection that ended under the query', new Error('Connection terminated unexpectedly')],
    ['a pool checkout that timed out', new Error('timeout exceeded when trying to connect')],
    [
      'every address refused',
      Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), {}),
    ],
    ['a wrapped cause', new Error('outer', { cause: withCode('ECONNRESET') })],
  ])('%s', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a NUL byte', withCode('22021')],
    ['a syntax error in our SQL', withCode('42601')],
    ['a serialisation failure', withCode('40001')],
    ['a plain bug', new TypeError('x is undefined')],
    ['a message that only contains the words', new Error('user said: Connection terminated unexpectedly!')],
    ['nothing', undefined],
    ['a string', 'ECONNREFUSED'],
    ['an aggregate with one real fault', new AggregateError([withCode('ECONNREFUSED'), withCode('23505')])],
  ])('not %s', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
