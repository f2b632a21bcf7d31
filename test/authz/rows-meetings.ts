/**
 * The authorisation matrix's rows for the deliberation hall (议事厅) and 四议两公开. "in": meetings and
 * major matters of the demo village (every account's scope holds it or lies in it). "out": those of
 * 张家村 of 盘山县 (another county), made by its own village staff.
 */
import type { Fixtures, Where } from './fixtures.js';
import { get, post, type Row } from './rows.js';

const meeting = (regionCode: string) => ({
  title: '矩阵议事会',
  heldOn: '2026-11-20',
  convenerKind: 'village',
  convenerName: '村两委',
  agenda: ['商定办法'],
  participants: [{ kind: 'resident', name: '王大爷' }],
  matters: [{ title: '楼道堆物' }],
  regionCode,
});

/** a fresh meeting of the place, made by its village staff */
const freshMeeting = async (fx: Fixtures, w: Where) =>
  (await fx.kit.must<{ id: number }>(201, fx[w].cast.village, 'POST', '/meetings', meeting(fx[w].village)))
    .id;
/** a fresh held meeting with a resolution */
async function freshResolution(fx: Fixtures, w: Where) {
  const id = await freshMeeting(fx, w);
  await fx.kit.must(200, fx[w].cast.village, 'POST', `/meetings/${id}/record`, { attended: [] });
  return (
    await fx.kit.must<{ id: number }>(201, fx[w].cast.village, 'POST', `/meetings/${id}/resolutions`, {
      text: '清理楼道',
      responsible: '网格长',
    })
  ).id;
}
const heldMeeting = async (fx: Fixtures, w: Where) => {
  const id = await freshMeeting(fx, w);
  await fx.kit.must(200, fx[w].cast.village, 'POST', `/meetings/${id}/record`, { attended: [] });
  return id;
};
const freshMatter = async (fx: Fixtures, w: Where) =>
  (
    await fx.kit.must<{ id: number }>(201, fx[w].cast.village, 'POST', '/major-matters', {
      title: '矩阵重大事项',
      proposal: '党支部提议',
    })
  ).id;

/** today in Beijing: a step's meeting is not before the matter's proposal */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
/** a held 两委会议 of the place with its attendance recorded, for a step of 四议两公开 */
async function committeesMeeting(fx: Fixtures, w: Where) {
  const body = { ...meeting(fx[w].village), kind: 'two_committees', heldOn: today() };
  const id = (await fx.kit.must<{ id: number }>(201, fx[w].cast.village, 'POST', '/meetings', body)).id;
  const d = await fx.kit.must<{ participants: { id: number }[] }>(
    200,
    fx[w].cast.village,
    'GET',
    `/meetings/${id}`,
  );
  await fx.kit.must(200, fx[w].cast.village, 'POST', `/meetings/${id}/record`, {
    attended: d.participants.map((p) => p.id),
  });
  return id;
}

const made = new Map<string, Promise<number>>();
const once = (key: string, f: () => Promise<number>) => {
  if (!made.has(key)) made.set(key, f());
  return made.get(key)!;
};

const READ = {
  '*': 403,
  admin: 200,
  county: 200,
  township: 200,
  village: 200,
  gridworker: 200,
  parttime: 200,
  party: 200,
  anonymous: 401,
};
const READ_OUT = {
  ...READ,
  admin: 404,
  county: 404,
  township: 404,
  village: 404,
  gridworker: 404,
  parttime: 404,
  party: 404,
};
const CONVENE = (ok: number) => ({ '*': 403, village: ok, party: ok, anonymous: 401 });
const CONVENE_OUT = CONVENE(404);

export const MEETING_ROWS: Row[] = [
  { route: 'GET /api/v1/meetings', make: () => get('/meetings'), in: READ },
  { route: 'GET /api/v1/meetings/counts', make: () => get('/meetings/counts'), in: READ },
  {
    route: 'GET /api/v1/meetings/candidates',
    make: (fx, w) =>
      get(`/meetings/candidates?type=resident&q=${encodeURIComponent('王')}&regionCode=${fx[w].village}`),
    in: CONVENE(200),
    // a place outside the caller's scope is bad input
    out: CONVENE(400),
  },
  {
    route: 'POST /api/v1/meetings',
    make: (fx, w) => post('/meetings', meeting(fx[w].village)),
    in: CONVENE(201),
    // a place outside the caller's scope is bad input, and nothing is made
    out: CONVENE(400),
  },
  {
    route: 'GET /api/v1/meetings/{id}',
    make: async (fx, w) => get(`/meetings/${await once(`m-${w}`, () => freshMeeting(fx, w))}`),
    in: READ,
    out: READ_OUT,
  },
  {
    route: 'POST /api/v1/meetings/{id}/record',
    make: async (fx, w) => post(`/meetings/${await freshMeeting(fx, w)}/record`, { attended: [] }),
    in: CONVENE(200),
    out: CONVENE_OUT,
  },
  {
    route: 'POST /api/v1/meetings/{id}/resolutions',
    make: async (fx, w) =>
      post(`/meetings/${await once(`h-${w}`, () => heldMeeting(fx, w))}/resolutions`, {
        text: '矩阵决议',
        responsible: '网格长',
      }),
    in: CONVENE(201),
    out: CONVENE_OUT,
  },
  {
    route: 'POST /api/v1/meeting-resolutions/{id}/updates',
    make: async (fx, w) =>
      post(`/meeting-resolutions/${await freshResolution(fx, w)}/updates`, {
        status: 'in_progress',
        progress: 30,
        note: '推进中',
      }),
    in: CONVENE(200),
    out: CONVENE_OUT,
  },
  { route: 'GET /api/v1/major-matters', make: () => get('/major-matters'), in: READ },
  {
    route: 'POST /api/v1/major-matters',
    make: () => post('/major-matters', { title: '矩阵提议', proposal: '党支部提议' }),
    // only a village's own two committees propose
    in: { '*': 403, village: 201, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/major-matters/{id}',
    make: async (fx, w) => get(`/major-matters/${await once(`x-${w}`, () => freshMatter(fx, w))}`),
    in: READ,
    out: READ_OUT,
  },
  {
    route: 'POST /api/v1/major-matters/{id}/actions/{action}',
    make: async (fx, w) =>
      post(`/major-matters/${await freshMatter(fx, w)}/actions/discuss`, {
        note: '两委同意',
        meetingId: await committeesMeeting(fx, w),
      }),
    // seen by every reader, taken only by the village's own staff
    in: { ...READ, admin: 403, county: 403, township: 403, gridworker: 403, parttime: 403, party: 403 },
    out: READ_OUT,
  },
];
