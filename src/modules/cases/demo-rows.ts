import type { BulkColumn } from '../../platform/db/bulk.js';
import { pathOf } from '../regions/index.js';
import type { CaseSim } from './demo-sim.js';

const col = (name: string, type: string, expr?: string): BulkColumn => ({
  name,
  type,
  ...(expr ? { expr } : {}),
});

/** The columns a demo case is written with (the rest keep their defaults). */
export const CASE_COLUMNS: BulkColumn[] = [
  col('county_code', 'text'),
  col('id', 'bigint'),
  col('number', 'text'),
  col('source', 'text'),
  col('category_code', 'text'),
  col('state', 'text'),
  col('tier', 'text'),
  col('holder_code', 'text'),
  col('supervised', 'boolean'),
  col('description', 'text'),
  col('address', 'text'),
  col('lng', 'float8'),
  col('lat', 'float8'),
  col('grid_code', 'text'),
  col('grid_path', 'text', '$::ltree'),
  col('department_id', 'bigint'),
  col('duplicate_of', 'bigint'),
  col('pending_delay', 'text', '$::jsonb'),
  col('deadline_at', 'timestamptz'),
  col('yellow_at', 'timestamptz'),
  col('red_at', 'timestamptz'),
  col('overdue', 'boolean'),
  col('overdue_count', 'int'),
  col('tier_entered_at', 'timestamptz'),
  col('rework_count', 'int'),
  col('reopen_count', 'int'),
  col('evaluation', 'text'),
  col('version', 'int'),
  col('reported_at', 'timestamptz'),
  col('filed_at', 'timestamptz'),
  col('closed_at', 'timestamptz'),
  col('updated_at', 'timestamptz'),
  col('verified_at', 'timestamptz'),
  col('verification', 'text'),
  col('on_spot_by_account_id', 'bigint'),
];

export function caseRow(
  county: string,
  id: number,
  seq: string,
  s: CaseSim,
  c: {
    source: string;
    category: string;
    description: string;
    address: string;
    grid: string;
    lng: number | null;
    lat: number | null;
    duplicateOf: number | null;
  },
): unknown[] {
  const day = new Date(s.reportedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  const last = s.steps[s.steps.length - 1]!;
  return [
    county,
    id,
    `${county}-${day}-${seq.padStart(6, '0')}`,
    c.source,
    c.category,
    s.state,
    s.tier,
    s.holder,
    s.supervised,
    c.description,
    c.address,
    c.lng,
    c.lat,
    c.grid,
    pathOf(c.grid),
    s.departmentId,
    c.duplicateOf,
    s.pendingDelay ? JSON.stringify(s.pendingDelay) : null,
    s.deadline,
    s.yellow,
    s.red,
    s.overdue,
    s.overdueCount,
    s.tierEnteredAt,
    s.reworkCount,
    s.reopenCount,
    s.evaluation,
    s.steps.length,
    s.reportedAt,
    s.filedAt,
    s.closedAt,
    last.at,
    s.verifiedAt,
    s.verification,
    s.onSpotBy,
  ];
}

export const HISTORY_COLUMNS: BulkColumn[] = [
  col('county_code', 'text'),
  col('case_id', 'bigint'),
  col('at', 'timestamptz'),
  col('action', 'text'),
  col('from_state', 'text'),
  col('to_state', 'text'),
  col('tier', 'text'),
  col('actor_account_id', 'bigint'),
  col('actor_role', 'text'),
  col('actor_name', 'text'),
  col('department_id', 'bigint'),
  col('note', 'text'),
  col('deadline_at', 'timestamptz'),
  col('on_time', 'boolean'),
];

export function historyRows(county: string, caseId: number, s: CaseSim): unknown[][] {
  return s.steps.map((h) => [
    county,
    caseId,
    h.at,
    h.action,
    h.from,
    h.to,
    h.tier,
    h.actor.id,
    h.actor.role,
    h.actor.name,
    h.departmentId,
    h.note,
    h.deadlineAt,
    h.onTime,
  ]);
}
