import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDb, withDatabase, type Db } from '../../platform/db/database.js';
import { migrateToLatest, MIGRATIONS_DIR, SqlFileMigrationProvider } from '../../platform/db/migrate.js';

/*
 * Migration 0020 folds the photo lists kept on errands, wishes and visits into case_photo
 * (one table, one reference) and drops them. This runs it on a database holding such lists.
 */
const server = inject('dbServerUrl');
const name = `wangge_mig_${randomBytes(6).toString('hex')}`;
let db: Db;

async function admin(query: string) {
  const c = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
  await c.connect();
  await c.query(query);
  await c.end();
}

beforeAll(async () => {
  await admin(`CREATE DATABASE ${name}`);
  db = createDb(withDatabase(server, name), 2).db;
  // every migration before 0020
  const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_.*\.sql$/.test(f)).sort();
  const last = files
    .filter((f) => f < '0020')
    .at(-1)!
    .replace(/\.sql$/, '');
  const { error } = await new Migrator({
    db,
    provider: new SqlFileMigrationProvider(MIGRATIONS_DIR),
  }).migrateTo(last);
  expect(error).toBeUndefined();
});
afterAll(async () => {
  await db?.destroy();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

const C = '211221';
const G = '211221100201001';
const GP = '21.2112.211221.211221100.211221100201.211221100201001';

async function photo(id: string, owner: Partial<Record<'wish_id' | 'errand_id', number>> = {}) {
  await sql`INSERT INTO case_photo (county_code, id, phase, mime, width, height, bytes, sha256,
      original_key, public_key, thumb_key, wish_id, errand_id)
    VALUES (${C}, ${id}, 'evidence', 'image/jpeg', 4, 3, 100, 'x', 'o', 'p', 't',
      ${owner.wish_id ?? null}, ${owner.errand_id ?? null})`.execute(db);
}

describe('migration 0020: a photo is referenced once', () => {
  it('ties listed photos to the errand, wish or visit that listed them, then drops the lists', async () => {
    await sql`INSERT INTO region (code, parent_code, county_code, level, name, path) VALUES
      ('21', NULL, NULL, 'province', '辽宁省', '21'),
      ('2112', '21', NULL, 'city', '铁岭市', '21.2112'),
      (${C}, '2112', ${C}, 'county', '铁岭县', '21.2112.211221'),
      ('211221100', ${C}, ${C}, 'township', '镇', '21.2112.211221.211221100'),
      ('211221100201', '211221100', ${C}, 'village', '村', '21.2112.211221.211221100.211221100201'),
      (${G}, '211221100201', ${C}, 'grid', '网格', ${GP})`.execute(db);
    const { rows: acc } = await sql<{ id: number }>`INSERT INTO account
      (username, display_name, password_hash, role, scope_code, county_code)
      VALUES ('worker', '网格员', 'x', 'grid_worker', ${G}, ${C}) RETURNING id`.execute(db);
    const worker = acc[0]!.id;
    await sql`INSERT INTO service_item (county_code, code, kind, name_zh, name_en, handled_at, promise_days)
      VALUES (${C}, 'pay_power', 'errand', '代缴电费', 'Pay power', 'village', 1)`.execute(db);
    const { rows: hh } = await sql<{
      id: number;
    }>`INSERT INTO household (county_code, grid_code, grid_path, address)
      VALUES (${C}, ${G}, ${GP}, '一组1号') RETURNING id`.execute(db);
    const { rows: w } = await sql<{ id: number }>`INSERT INTO wish (county_code, number, grid_code, grid_path,
      beneficiary, beneficiary_kind, title, source, status, created_at, updated_at)
      VALUES (${C}, 'XY1', ${G}, ${GP}, '王奶奶', 'elderly_alone', '一台收音机', 'staff', 'fulfilled', now(), now())
      RETURNING id`.execute(db);
    const wish = w[0]!.id;

    const [e1, e2, e3, v1, w1, loose] = Array.from({ length: 6 }, () => randomUUID());
    await photo(e1!);
    await photo(e2!);
    await photo(e3!, { wish_id: wish }); // already tied to the wish: keeps its one owner
    await photo(v1!);
    await photo(w1!);
    await photo(loose!);
    await sql`UPDATE wish SET fulfil_photo_ids = ${[w1!]}::uuid[] WHERE id = ${wish}`.execute(db);
    const { rows: e } = await sql<{
      id: number;
    }>`INSERT INTO errand (county_code, number, grid_code, grid_path,
      service_code, requester_account_id, status, result_photo_ids, created_at, updated_at)
      VALUES (${C}, 'DB1', ${G}, ${GP}, 'pay_power', ${worker}, 'done', ${[e1!, e2!, e3!]}::uuid[], now(), now())
      RETURNING id`.execute(db);
    const errand = e[0]!.id;
    const { rows: v } = await sql<{ id: number }>`INSERT INTO visit (county_code, household_id, grid_code,
      grid_path, worker_account_id, visited_at, kind, outcome, photo_ids)
      VALUES (${C}, ${hh[0]!.id}, ${G}, ${GP}, ${worker}, now(), 'routine', 'all_well', ${[v1!]}::uuid[])
      RETURNING id`.execute(db);
    const visit = v[0]!.id;

    const { applied } = await migrateToLatest(db as never);
    expect(applied).toContain('0020_photo_single_reference');

    const owners = await db
      .selectFrom('case_photo')
      .select(['id', 'case_id', 'visit_id', 'wish_id', 'errand_id'])
      .execute();
    const of = (id: string) => {
      const { id: _, ...rest } = owners.find((o) => o.id === id)!;
      return rest;
    };
    const none = { case_id: null, visit_id: null, wish_id: null, errand_id: null };
    expect(of(e1!)).toEqual({ ...none, errand_id: errand });
    expect(of(e2!)).toEqual({ ...none, errand_id: errand });
    expect(of(e3!)).toEqual({ ...none, wish_id: wish });
    expect(of(v1!)).toEqual({ ...none, visit_id: visit });
    expect(of(w1!)).toEqual({ ...none, wish_id: wish });
    expect(of(loose!)).toEqual(none);
    const { rows: lists } = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name IN ('result_photo_ids', 'fulfil_photo_ids', 'photo_ids')
        -- the monthly partitions of case_history carry its columns; the parent is the one to list
        AND NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid WHERE p.relname = table_name)
      ORDER BY table_name`.execute(db);
    expect(lists).toEqual([{ table_name: 'case_history', column_name: 'photo_ids' }]);
  });
});
