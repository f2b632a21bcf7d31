import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { pointInGrid } from '../../../test/fixtures.js';

/** The columns forget_account_name (migrations 0097, 0107, 0127, 0143) rewrites (table.column). */
const HANDLED = [
  'archive_history.actor_name',
  'campaign_history.actor_name',
  'case_history.actor_name',
  'cases.reporter_name',
  'correction_step.actor_name',
  'disclosure_history.actor_name',
  'dispute_step.actor_name',
  'emergency_history.actor_name',
  'emergency_report.reported_by_name',
  'errand.contact_name',
  'lesson_order_step.actor_name',
  'major_matter_step.actor_name',
  'petition_history.actor_name',
  'resolution_update.actor_name',
  'service_history.actor_name',
  'whistle_step.actor_name',
  'wish_claim.claimer_name',
];

let t: TestApp;
let village: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  village = await signIn(t.app, 'village');
});
afterAll(() => t.close());

const v1 = (method: 'GET' | 'POST', url: string, headers: object, payload?: object) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: headers as Record<string, string>,
    ...(payload ? { payload } : {}),
  });

describe('closing an account (PIPL 删除) leaves no copy of its name', () => {
  it('every text column named *_name beside a reference to account is rewritten on closing', async () => {
    const { rows } = await sql<{ col: string }>`
      SELECT DISTINCT c.table_name || '.' || c.column_name AS col
      FROM information_schema.columns c
      JOIN pg_constraint k ON k.contype = 'f' AND k.conrelid = (quote_ident(c.table_name))::regclass
        AND k.confrelid = 'account'::regclass
      WHERE c.table_schema = 'public' AND c.column_name LIKE '%\\_name' AND c.data_type = 'text'
        AND c.table_name <> 'account'
        -- a monthly partition carries its parent's columns; the parent is the one to list
        AND NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid WHERE p.relname = c.table_name)
      ORDER BY 1`.execute(t.db);
    // a new copy of an account's name must join forget_account_name (a column here that is not
    // a person's name — a unit's, a category's — would be listed in the exceptions with why)
    const notAPerson = new Set([
      'petition_window.unit_name', // the receiving unit of a petition window
      'case_report.region_name', // the village, township or county a kept report is about
      'meeting.convener_name', // the party organisation or village committee that convened it
    ]);
    expect(rows.map((r) => r.col).filter((c) => !notAPerson.has(c))).toEqual(HANDLED);
  });

  it('a villager who reported, asked and corrected is nameless everywhere after closing', async () => {
    const name = '闭户测甲乙';
    const { items } = (await v1('GET', '/households?limit=50', village)).json();
    const linked = new Set(
      (await t.db.selectFrom('resident_account').select('resident_id').execute()).map((l) =>
        Number(l.resident_id),
      ),
    );
    let member: { id: number; householdId: number } | undefined;
    for (const hh of items) {
      const d = (await v1('GET', `/households/${hh.id}`, village)).json();
      const m = d.members.find((x: { id: number }) => !linked.has(x.id));
      if (m) {
        member = { id: m.id, householdId: hh.id };
        break;
      }
    }
    const row = await t.db
      .selectFrom('resident')
      .select(['household_id', 'grid_code', 'id_number_enc'])
      .where('id', '=', member!.id)
      .executeTakeFirstOrThrow();
    const code = (
      await v1('POST', `/households/${row.household_id}/invitations`, village, { days: 3 })
    ).json().code;
    const joined = await v1(
      'POST',
      '/join',
      {},
      {
        code,
        idNumber: t.ctx.pii.decrypt(row.id_number_enc!),
        username: 'closing-names',
        displayName: name,
        password: 'a-password-of-mine',
      },
    );
    expect(joined.statusCode, joined.body).toBe(201);
    const me = await signIn(t.app, 'closing-names', 'a-password-of-mine');
    const at = await pointInGrid(t.db, row.grid_code);
    const cat = (
      await t.db
        .selectFrom('category')
        .select(['code', 'attributes'])
        .where('kind', '<>', 'governance')
        .execute()
    ).find(
      (c) =>
        !(Array.isArray(c.attributes) && c.attributes.some((a) => (a as { required?: boolean }).required)),
    )!;
    const report = await v1('POST', '/cases', me, {
      source: 'resident_app',
      categoryCode: cat.code,
      description: '门口的井盖松了',
      reporterName: name,
      ...at,
    });
    expect(report.statusCode, report.body).toBe(201);
    const errand = await v1('POST', '/errands', me, {
      serviceCode: 'buy_goods',
      detail: '买一袋米',
      contactName: name,
    });
    expect(errand.statusCode, errand.body).toBe(201);
    const asked = await v1('POST', '/me/corrections', me, { fields: ['phone'], detail: '电话已换号' });
    expect(asked.statusCode, asked.body).toBe(201);
    const withdrawn = await v1('POST', `/corrections/${asked.json().id}/actions/withdraw`, me, {});
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);

    const copies = async () => {
      const found: string[] = [];
      for (const col of HANDLED) {
        const [table, column] = col.split('.') as [string, string];
        const { rows } = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${name}`.execute(
          t.db,
        );
        if (rows[0]!.n > 0) found.push(col);
      }
      return found;
    };
    // before closing the name is copied into the case, its history, the errand, its history, the correction
    expect(await copies()).toEqual(
      expect.arrayContaining(['case_history.actor_name', 'cases.reporter_name', 'errand.contact_name']),
    );

    expect((await v1('POST', '/me/close', me)).statusCode).toBe(200);
    expect(await copies()).toEqual([]);
    // nor anywhere else: no text of any table but the kept archive record holds the name
    const { rows: tables } = await sql<{ t: string }>`
      SELECT table_name AS t FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(t.db);
    const left: string[] = [];
    for (const { t: table } of tables) {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM ${sql.table(table)} x WHERE x::text LIKE ${`%${name}%`}`.execute(t.db);
      if (rows[0]!.n > 0) left.push(table);
    }
    expect(left).toEqual([]);
    // the closing is audited with the counts (never the name)
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'account.close')
      .where('actor_id', '=', joined.json().accountId)
      .executeTakeFirstOrThrow();
    const after = audit.after as { namesReplaced: Record<string, number> };
    expect(after.namesReplaced.cases).toBe(1);
    expect(after.namesReplaced.errand).toBe(1);
    expect(after.namesReplaced.case_history).toBeGreaterThan(0);
    expect(JSON.stringify(after)).not.toContain(name);
    // the report itself stays with its content
    const kase = (await v1('GET', `/cases/${report.json().id}`, village)).json();
    expect(kase.description).toBe('门口的井盖松了');
  });
});
