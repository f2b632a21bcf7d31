import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import { inSubtree } from '../../platform/db/ltree.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { CARE_TAG_ZH, COLUMNS, GENDER_ZH, RELATION_ZH, SHEET } from './excel-layout.js';
import type { Scope } from './repository.js';

const PAGE = 2000;

/**
 * The households and present residents of a scope as an .xlsx, streamed page by page (keyset on the
 * resident id). ID numbers and phones are masked unless `reveal` (the route checks people.reveal and
 * the reason). The export itself is audited — who, which region, how many rows, whether revealed —
 * before the first byte leaves, on the primary; the pages may come from a replica (`rowsDb`).
 */
export async function exportHouseholds(
  db: Db,
  pii: Pii,
  actor: Actor,
  scope: Scope & { code: string },
  opts: { reveal: boolean; reason: string | null; requestId?: string },
  /** where the pages are read from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  const count = await db
    .selectFrom('resident')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('county_code', '=', scope.countyCode)
    .where(inSubtree('grid_path', scope.path))
    .where('status', '=', 'present')
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    actor,
    countyCode: actor.countyCode,
    action: 'household.export',
    entityType: 'region',
    entityId: scope.code,
    after: { rows: count.n, revealed: opts.reveal, fields: opts.reveal ? ['idNumber', 'phone'] : [] },
    reason: opts.reason,
    requestId: opts.requestId,
  });
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet(SHEET);
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  void (async () => {
    let after = 0;
    for (;;) {
      const rows = await rowsDb
        .selectFrom('resident as r')
        .innerJoin('household as h', (j) =>
          j.onRef('h.county_code', '=', 'r.county_code').onRef('h.id', '=', 'r.household_id'),
        )
        .innerJoin('region as g', 'g.code', 'h.grid_code')
        .leftJoin('grid_unit as u', (j) =>
          j.onRef('u.county_code', '=', 'h.county_code').onRef('u.id', '=', 'h.unit_id'),
        )
        .leftJoin('grid_unit as b', (j) =>
          j.onRef('b.county_code', '=', 'u.county_code').onRef('b.id', '=', 'u.parent_id'),
        )
        .select([
          'r.id',
          'h.id as household_id',
          'h.grid_code',
          'g.name as grid_name',
          'u.name as unit_name',
          'b.name as building_name',
          'h.address',
          'r.name',
          'r.relation',
          'r.gender',
          'r.birth_date',
          'r.id_number_masked',
          'r.id_number_enc',
          'r.phone_masked',
          'r.phone_enc',
          'r.care_tags',
        ])
        .where('r.county_code', '=', scope.countyCode)
        .where(inSubtree('r.grid_path', scope.path))
        .where('r.status', '=', 'present')
        .where('r.id', '>', after)
        .orderBy('r.id')
        .limit(PAGE)
        .execute();
      for (const r of rows)
        ws.addRow({
          householdId: Number(r.household_id),
          gridCode: r.grid_code,
          gridName: r.grid_name,
          unit: [r.building_name, r.unit_name].filter(Boolean).join(''),
          address: r.address,
          residentId: Number(r.id),
          name: r.name,
          relation: RELATION_ZH[r.relation as keyof typeof RELATION_ZH] ?? r.relation,
          gender: GENDER_ZH[r.gender as keyof typeof GENDER_ZH] ?? r.gender,
          birthDate: r.birth_date,
          idNumber: opts.reveal ? pii.decrypt(r.id_number_enc) : r.id_number_masked,
          phone: opts.reveal && r.phone_enc ? pii.decrypt(r.phone_enc) : (r.phone_masked ?? ''),
          careTags: r.care_tags.map((t) => CARE_TAG_ZH[t as keyof typeof CARE_TAG_ZH] ?? t).join('、'),
        }).commit();
      if (rows.length < PAGE) break;
      after = Number(rows[rows.length - 1]!.id);
    }
    ws.commit();
    await wb.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
