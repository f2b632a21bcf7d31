/**
 * A report from a foreign Open311 client is shown as what it is (issue 12): the case detail names
 * the client, carries the text as sent and the media links (never fetched); other cases have none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGrid } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { COUNTY, GRID, issueKey, postForm } from '../../../test/kits/open311.js';

let t: TestApp;
let key: string;
let staff: { authorization: string };

beforeAll(async () => {
  t = await createTestApp();
  key = (await issueKey(t.app, await signIn(t.app, 'admin'), 'FixMyStreet Tieling')).key;
  staff = await signIn(t.app, 'county');
});
afterAll(() => t.close());

describe('case detail of an Open311 report', () => {
  it('shows the client, the original text and the media link', async () => {
    const at = await pointInGrid(t.db, GRID);
    const res = await postForm(t.app, '/open311/v2/requests.json', {
      api_key: key,
      jurisdiction_id: COUNTY,
      service_code: 'P0103',
      lat: String(at.lat),
      long: String(at.lng),
      'attribute[fault][]': ['not_lit'],
      description: 'Pothole Deep pothole near gate',
      media_url: 'https://photos.example.org/pothole.jpg',
    });
    expect(res.statusCode, res.body).toBe(200);
    const number = (res.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const { id } = await t.db
      .selectFrom('cases')
      .select('id')
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: staff });
    expect(detail.statusCode, detail.body).toBe(200);
    const c = detail.json();
    expect(c.source).toBe('open311');
    expect(c.open311).toEqual({
      client: 'FixMyStreet Tieling',
      originalText: 'Pothole Deep pothole near gate',
      mediaUrls: ['https://photos.example.org/pothole.jpg'],
    });
    expect(c.description).toContain('[附图 media_url] https://photos.example.org/pothole.jpg');
  });

  it('is null for a case reported in the app', async () => {
    const resident = await signIn(t.app, 'resident');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json();
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: resident,
      payload: {
        source: 'resident_app',
        categoryCode: 'E0102',
        description: '路边垃圾没人清',
        ...(await pointInGrid(t.db, me.scope.code)),
      },
    });
    const row = { id: made.json().id as number };
    const d = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${row.id}`, headers: staff });
    expect(d.statusCode).toBe(200);
    expect(d.json().open311).toBeNull();
  });
});
