/**
 * The shape of a row of the authorisation matrix and the request helpers, shared by matrix.ts and
 * the rows-<module>.ts files it spreads in (kept apart so that those files need not import matrix.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Fixtures, Where } from './fixtures.js';
import type { MatrixRole } from './kit.js';

export type Req = {
  method: string;
  url: string;
  payload?: object;
  /** multipart upload of a real JPEG */
  photo?: boolean;
  /** a server-sent event stream: only its status is read */
  events?: boolean;
  /** on a session of its own (the call ends it) */
  ownSession?: boolean;
};
export type Expect = Partial<Record<MatrixRole | '*', number>>;
export type Row = {
  /** `METHOD path` as in the OpenAPI document */
  route: string;
  /** the request against the "in" or "out" place; may create a fresh object first */
  make: (fx: Fixtures, where: Where, role: MatrixRole) => Req | Promise<Req>;
  in: Expect;
  out?: Expect;
};

export const get = (url: string): Req => ({ method: 'GET', url });
export const post = (url: string, payload: object = {}): Req => ({ method: 'POST', url, payload });
export const put = (url: string, payload: object): Req => ({ method: 'PUT', url, payload });
export const patch = (url: string, payload: object): Req => ({ method: 'PATCH', url, payload });
export const del = (url: string): Req => ({ method: 'DELETE', url });
export const rid = () => randomUUID();
