import type { Db } from '../../platform/db/database.js';
import { beijingTime, exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import {
  filteredDisclosures,
  orderedDisclosures,
  type DisclosureFilter,
  type ListRow,
} from './list-repository.js';
import type { View } from './repository.js';

const KIND_ZH: Record<string, string> = { party: '党务', village: '村务', finance: '财务' };
const STATUS_ZH: Record<string, string> = { draft: '草稿', published: '已公开', withdrawn: '已撤回' };

/** The disclosure list's columns: the title as the village reads it (typed-in numbers masked). */
const COLUMNS: readonly XlsxColumn<ListRow>[] = [
  { header: '编号 Number', width: 8, cell: (r) => r.id },
  { header: '村 Village', width: 14, cell: (r) => r.village_name },
  { header: '类别 Kind', width: 8, cell: (r) => KIND_ZH[r.kind] ?? r.kind },
  { header: '期间 Period', width: 10, cell: (r) => r.period },
  { header: '重大事项 Major', width: 8, cell: (r) => (r.major ? '是' : '') },
  { header: '标题 Title', width: 36, cell: (r) => maskPiiText(r.title) },
  { header: '状态 Status', width: 8, cell: (r) => STATUS_ZH[r.status] ?? r.status },
  { header: '公开时间 Published', width: 17, cell: (r) => beijingTime(r.published_at) },
  { header: '已读 Readers', width: 8, cell: (r) => r.read_count },
  { header: '提问 Questions', width: 8, cell: (r) => r.question_count },
  { header: '未答复 Unanswered', width: 8, cell: (r) => r.unanswered_count },
];

/** The filtered disclosure list as .xlsx in the list's order, audited first (`disclosure.export`). */
export function exportDisclosures(
  db: Db,
  a: { actor: Actor; view: View; filter: Record<string, unknown>; requestId: string },
  f: DisclosureFilter,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(filteredDisclosures(tx, a.view, f)),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor: a.actor,
          countyCode: a.actor.countyCode,
          action: 'disclosure.export',
          entityType: 'disclosure',
          entityId: null,
          after: { rows, filter: a.filter },
          requestId: a.requestId,
        }),
      query: orderedDisclosures(db, a.view, f),
      sheet: '三务公开 Disclosures',
      columns: COLUMNS,
    },
    rowsDb,
  );
}
