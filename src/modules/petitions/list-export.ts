import type { Db } from '../../platform/db/database.js';
import { beijingTime, exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit, revealSearch } from '../audit/index.js';
import { can } from './abilities.js';
import {
  filteredPetitions,
  listPetitions,
  orderedPetitions,
  type ListedPetition,
  type PetitionFilter,
} from './list-repository.js';

const CHANNEL_ZH: Record<string, string> = { window: '窗口接待', agency: '代理登记' };

/** The register's columns: the visitor's name, ID number and phone in their stored masked form only. */
const COLUMNS: readonly XlsxColumn<ListedPetition>[] = [
  { header: '登记编号 Number', width: 18, cell: (r) => r.number },
  { header: '接待时间 Received', width: 17, cell: (r) => beijingTime(r.received_at) },
  { header: '渠道 Channel', width: 10, cell: (r) => CHANNEL_ZH[r.channel] ?? r.channel },
  { header: '窗口 Window', width: 14, cell: (r) => r.window_name },
  { header: '地区 Region', width: 14, cell: (r) => r.region_name },
  { header: '来访人 Visitor', width: 10, cell: (r) => r.visitor_name_masked },
  { header: '电话 Phone', width: 14, cell: (r) => r.phone_masked },
  { header: '人数 Headcount', width: 8, cell: (r) => r.headcount },
  { header: '事项 Matter', width: 40, cell: (r) => maskPiiText(r.matter) },
  { header: '状态 State', width: 12, cell: (r) => r.state },
  { header: '期限 Due', width: 17, cell: (r) => beijingTime(r.due_at) },
  { header: '超期 Overdue', width: 6, cell: (r) => (r.overdue ? '是' : '') },
];

type Ask = { actor: Actor; path: string; now: Date; filter: Record<string, unknown>; requestId: string };

/** The filtered register as .xlsx in the list's order, audited first (`petition.export`: filter, rows). */
export function exportPetitions(db: Db, a: Ask, f: PetitionFilter, rowsDb: Db = db) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredPetitions(tx, a.actor, a.path, f, a.now)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor: a.actor,
          countyCode: a.actor.countyCode,
          action: 'petition.export',
          entityType: 'petition',
          entityId: null,
          after: { rows, filter: a.filter },
          requestId: a.requestId,
        }),
      query: orderedPetitions(db, a.actor, a.path, f, a.now),
      sheet: '信访登记 Petitions',
      columns: COLUMNS,
    },
    rowsDb,
  );
}

/**
 * The register searched by the visitor's phone: a reveal ("did this number come to us?"), so it goes
 * through audit's revealSearch — `petitions.reveal` and a reason before anything is read, 10 a minute
 * per account, audited as `petition.search` with the reason and how many matched, never the number.
 */
export function searchPetitionsByPhone(
  db: Db,
  a: Ask & { reason: string | undefined },
  f: PetitionFilter & { phoneHash: Buffer; limit: number; offset: number },
) {
  const search = { action: 'petition.search', entityType: 'petition', fields: ['phone'] };
  const allowed = can(a.actor, 'petitions.reveal');
  return revealSearch(
    db,
    { ...search, actor: a.actor, allowed, reason: a.reason, requestId: a.requestId },
    async (tx) => {
      const page = await listPetitions(tx, a.actor, a.path, f, a.now);
      return { result: page, matches: page.total, ids: page.items.map((i) => i.id) };
    },
  );
}
