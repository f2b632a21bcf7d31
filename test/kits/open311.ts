/** Shared by the Open311 tests (not a test file itself). */
import { XMLParser } from 'fast-xml-parser';
import type { App } from '../../src/server/app.js';

/** 铁岭县 and the grid of its demo grid worker (username gridworker). */
export const COUNTY = '211221';
export const GRID = '211221101200001';
export const TOWNSHIP = '211221101';

/** W3C datetime, always with the +08:00 offset. */
export const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
export const NUMBER_ID = /^211221-\d{8}-\d{6}$/;

const ITEMS = ['service', 'request', 'attribute', 'value', 'endpoint', 'format', 'error', 'request_update'];
const parser = new XMLParser({
  parseTagValue: false,
  ignoreDeclaration: true,
  isArray: (name) => ITEMS.includes(name),
});

/** Parses an XML answer (strings everywhere; empty elements are ""); checks the declaration. */
export function xml(body: string): Record<string, unknown> {
  if (!body.startsWith('<?xml version="1.0" encoding="UTF-8"?>'))
    throw new Error(`no XML declaration: ${body.slice(0, 80)}`);
  return parser.parse(body) as Record<string, unknown>;
}

export const form = (params: Record<string, string | string[]>) => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) u.append(k, x);
  return u.toString();
};

type Inject = { statusCode: number; body: string; headers: Record<string, unknown>; json: () => unknown };

export async function get(app: App, url: string): Promise<Inject> {
  return app.inject({ method: 'GET', url });
}

export async function postForm(
  app: App,
  url: string,
  params: Record<string, string | string[]>,
): Promise<Inject> {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    payload: form(params),
  });
}

/** An administrator of 铁岭县 issues a key; answers its value and id. */
export async function issueKey(
  app: App,
  admin: { authorization: string },
  label = 'FixMyStreet 测试',
): Promise<{ key: string; id: number }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/open311/keys',
    headers: admin,
    payload: { label },
  });
  if (res.statusCode !== 201) throw new Error(`issue key: ${res.statusCode} ${res.body}`);
  const body = res.json<{ key: string; id: number }>();
  return { key: body.key, id: body.id };
}

/** The fields of a request item, in the spec's order. */
export const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];
