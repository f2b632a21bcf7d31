/**
 * The authorisation matrix's rows for organisational life (三会一课, 主题党日) and party lessons (配送+点单,
 * 云党课). "in": the demo village's party branch and the county's lesson menu, inside every account's scope.
 */
import type { Fixtures } from './fixtures.js';
import { get, post, put, type Row } from './rows.js';

const made = new Map<string, Promise<number>>();
const once = (key: string, f: () => Promise<number>) => {
  if (!made.has(key)) made.set(key, f());
  return made.get(key)!;
};

/** the demo village's party branch */
const branch = (fx: Fixtures) =>
  once('branch', async () => {
    const orgs = await fx.kit.must<{ items: { id: number; kind: string }[] }>(
      200,
      'party',
      'GET',
      `/party/orgs?within=${fx.in.village}`,
    );
    return orgs.items.find((o) => o.kind === 'branch')!.id;
  });
/**
 * one of the county's demo lessons: an online one carries its slides (the newest online lesson may be
 * one a row of this matrix made, without media, so the first with media is taken)
 */
const lesson = (fx: Fixtures, format: 'online' | 'in_person') =>
  once(`lesson-${format}`, async () => {
    const l = await fx.kit.must<{ items: { id: number; media: object | null }[] }>(
      200,
      'party',
      'GET',
      `/party-lessons?format=${format}&limit=200`,
    );
    return l.items.find((i) => format === 'in_person' || i.media !== null)!.id;
  });
const meetingBody = async (fx: Fixtures) => ({
  orgId: await branch(fx),
  kind: 'theme_day',
  heldOn: '2026-11-05',
  topic: '矩阵主题党日',
});
const freshOrder = async (fx: Fixtures) =>
  (
    await fx.kit.must<{ id: number }>(201, 'village', 'POST', '/lesson-orders', {
      lessonId: await lesson(fx, 'in_person'),
      orgId: await branch(fx),
    })
  ).id;

const READ = { '*': 403, admin: 200, county: 200, township: 200, village: 200, party: 200, anonymous: 401 };
const RECORD = (ok: number) => ({ '*': 403, village: ok, party: ok, anonymous: 401 });
const LESSONS = { ...READ, gridworker: 200, parttime: 200, resident: 200 };

export const ORGLIFE_ROWS: Row[] = [
  { route: 'GET /api/v1/org-life/meetings', make: () => get('/org-life/meetings'), in: READ },
  {
    route: 'POST /api/v1/org-life/meetings',
    make: async (fx) => post('/org-life/meetings', await meetingBody(fx)),
    in: RECORD(201),
  },
  {
    route: 'GET /api/v1/org-life/meetings/{id}',
    make: async (fx) =>
      get(
        `/org-life/meetings/${await once('meeting', async () => (await fx.kit.must<{ id: number }>(201, 'village', 'POST', '/org-life/meetings', await meetingBody(fx))).id)}`,
      ),
    in: READ,
  },
  {
    route: 'GET /api/v1/org-life/org',
    make: async (fx) => get(`/org-life/org?orgId=${await branch(fx)}`),
    in: READ,
  },
  { route: 'GET /api/v1/org-life/rhythm', make: () => get('/org-life/rhythm'), in: READ },
  {
    route: 'PUT /api/v1/org-life/rhythm',
    make: () =>
      put('/org-life/rhythm', { items: [{ kind: 'theme_day', period: 'month', since: '2026-01-01' }] }),
    // county-scoped party organisers and the administrator
    in: { '*': 403, admin: 200, party: 200, anonymous: 401 },
  },
  { route: 'GET /api/v1/org-life/board', make: () => get('/org-life/board'), in: READ },
  { route: 'GET /api/v1/party-lessons', make: () => get('/party-lessons'), in: LESSONS },
  {
    route: 'POST /api/v1/party-lessons',
    make: () =>
      post('/party-lessons', { topic: '矩阵党课', speaker: '王老师', format: 'online', minutes: 30 }),
    in: { '*': 403, admin: 201, party: 201, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/party-lessons/{id}',
    make: async (fx) => get(`/party-lessons/${await lesson(fx, 'online')}`),
    in: LESSONS,
  },
  {
    route: 'PUT /api/v1/party-lessons/{id}/media',
    // not multipart: refused as such once allowed
    make: async (fx) => put(`/party-lessons/${await lesson(fx, 'online')}/media`, {}),
    in: { '*': 403, admin: 415, party: 415, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/party-lessons/{id}/media',
    make: async (fx) => get(`/party-lessons/${await lesson(fx, 'online')}/media`),
    in: LESSONS,
  },
  {
    route: 'POST /api/v1/party-lessons/{id}/watch',
    make: async (fx) =>
      post(`/party-lessons/${await lesson(fx, 'online')}/watch`, { seconds: 10, positionPct: 5 }),
    // staff and party members (the demo villager is one); the administrator is no watcher
    in: { ...LESSONS, admin: 403 },
  },
  {
    route: 'GET /api/v1/party-lessons/{id}/watchers',
    make: async (fx) => get(`/party-lessons/${await lesson(fx, 'online')}/watchers`),
    in: READ,
  },
  { route: 'GET /api/v1/lesson-orders', make: () => get('/lesson-orders'), in: READ },
  {
    route: 'POST /api/v1/lesson-orders',
    make: async (fx) =>
      post('/lesson-orders', { lessonId: await lesson(fx, 'in_person'), orgId: await branch(fx) }),
    in: RECORD(201),
  },
  {
    route: 'GET /api/v1/lesson-orders/{id}',
    make: async (fx) => get(`/lesson-orders/${await once('order', () => freshOrder(fx))}`),
    in: READ,
  },
  {
    route: 'POST /api/v1/lesson-orders/{id}/actions/{action}',
    make: async (fx) =>
      post(`/lesson-orders/${await freshOrder(fx)}/actions/schedule`, {
        scheduledAt: '2026-12-20T09:00:00+08:00',
        place: '村党群服务中心',
      }),
    // seen by the staff; scheduled by the county and township only
    in: { ...READ, admin: 403, village: 403 },
  },
];
