import { countRows, type TestApp } from '../helpers.js';

type H = { authorization: string };

/** Small request helpers shared by this module's tests. */
export function wishKit(t: TestApp) {
  const make = (h: H, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/wishes', headers: h, payload });
  const act = (h: H, id: number, action: string, payload: object = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1/wishes/${id}/actions/${action}`, headers: h, payload });
  const get = (h: H, id: number) => t.app.inject({ method: 'GET', url: `/api/v1/wishes/${id}`, headers: h });
  const list = (h: H, query = '') =>
    t.app.inject({ method: 'GET', url: `/api/v1/wishes${query}`, headers: h });
  /** a household of the grid `gridCode` */
  const household = async (gridCode: string) =>
    (
      await t.db
        .selectFrom('household')
        .select('id')
        .where('grid_code', '=', gridCode)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id;
  const counts = async () => {
    const n = (
      table: 'wish' | 'wish_claim' | 'service_history' | 'audit_log' | 'notification' | 'points_entry',
    ) => countRows(t.db, table);
    return {
      wishes: await n('wish'),
      claims: await n('wish_claim'),
      history: await n('service_history'),
      audit: await n('audit_log'),
      notes: await n('notification'),
      points: await n('points_entry'),
    };
  };
  const statusOf = async (id: number) =>
    (await t.db.selectFrom('wish').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  return { make, act, get, list, household, counts, statusOf };
}

export const aWish = {
  beneficiary: '王奶奶',
  beneficiaryKind: 'elderly_alone',
  title: '想要一台收音机',
  detail: '一个人在家，想听听新闻。',
};
