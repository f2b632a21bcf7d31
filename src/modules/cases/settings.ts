import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { countySettingsChanged } from '../../platform/settings-changes.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { Deadlines } from './deadlines.js';
import * as repo from './settings-repository.js';

/**
 * Use cases of a county's case settings. Every one reads and writes the caller's
 * county only, audits under that county in the same transaction, and announces the
 * change (countySettingsChanged) after commit.
 */

export type RuleInput = {
  categoryCode: string | null;
  urgency: 'normal' | 'urgent' | 'emergency' | null;
  fromTier: 'village' | 'township' | 'county';
  toTier: 'village' | 'township' | 'county';
  cc: string[];
  note: string | null;
  active: boolean;
};
type RuleRow = Awaited<ReturnType<typeof repo.listRules>>[number];

export const toRule = (r: RuleRow) => ({
  id: r.id,
  categoryCode: r.category_code,
  urgency: r.urgency as RuleInput['urgency'],
  fromTier: r.from_tier as RuleInput['fromTier'],
  toTier: r.to_tier as RuleInput['toTier'],
  cc: r.cc,
  note: r.note,
  active: r.active,
});

const ruleValues = (b: RuleInput): repo.RuleValues => ({
  category_code: b.categoryCode,
  urgency: b.urgency,
  from_tier: b.fromTier,
  to_tier: b.toTier,
  cc: b.cc,
  note: b.note,
  active: b.active,
});

const invalidRule = (err: { code?: string }) => {
  if (err.code === '23503' || err.code === '23514')
    throw new AppError('VALIDATION_FAILED', {
      detail: '类别或层级无效',
      detailEn: 'unknown category or invalid tiers',
    });
  throw err;
};

export async function listEscalationRules(db: Db, actor: Actor) {
  return (await repo.listRules(db, actor.countyCode)).map(toRule);
}

export async function createEscalationRule(db: Db, actor: Actor, b: RuleInput, requestId?: string) {
  const row = await db.transaction().execute(async (tx) => {
    const r = await repo.insertRule(tx, actor.countyCode, ruleValues(b)).catch(invalidRule);
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'escalation_rule.create',
      entityType: 'escalation_rule',
      entityId: r.id,
      after: { ...b },
      requestId,
    });
    return r;
  });
  countySettingsChanged(actor.countyCode, 'escalation_rules');
  return toRule(row);
}

export async function updateEscalationRule(
  db: Db,
  actor: Actor,
  id: number,
  b: RuleInput,
  requestId?: string,
) {
  const rule = await db.transaction().execute(async (tx) => {
    const before = await repo.lockRule(tx, actor.countyCode, id);
    if (!before) throw new AppError('NOT_FOUND');
    const r = await repo.updateRule(tx, actor.countyCode, id, ruleValues(b)).catch(invalidRule);
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'escalation_rule.update',
      entityType: 'escalation_rule',
      entityId: r.id,
      before: toRule(before),
      after: toRule(r),
      requestId,
    });
    return toRule(r);
  });
  countySettingsChanged(actor.countyCode, 'escalation_rules');
  return rule;
}

/** Sets the caller's county's deadlines of a category; other counties keep theirs (or the default). */
export async function setCategoryDeadlines<D extends Deadlines>(
  db: Db,
  actor: Actor,
  categoryCode: string,
  deadlines: D,
  now: Date,
  requestId?: string,
) {
  await db.transaction().execute(async (tx) => {
    if (!(await repo.lockCategory(tx, categoryCode))) throw new AppError('NOT_FOUND');
    const before = await repo.deadlinesOf(tx, actor.countyCode, categoryCode);
    await repo.upsertDeadlines(tx, actor.countyCode, categoryCode, deadlines, now);
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'category.deadlines',
      entityType: 'category',
      entityId: categoryCode,
      before: { deadlines: before?.deadlines, countyOwn: before?.own ?? false },
      after: { deadlines },
      requestId,
    });
  });
  countySettingsChanged(actor.countyCode, 'deadlines');
  return { code: categoryCode, deadlines };
}

export type Day = { date: string; kind: 'holiday' | 'workday'; name: string | null };
export type EffectiveDay = Day & { source: 'national' | 'county' };

const toDay = (r: repo.DayRow): Day => ({ date: r.day, kind: r.kind as Day['kind'], name: r.name });

/** A year of the county's calendar: the national days with the county's overrides on top. */
export async function calendarOfYear(db: Db, countyCode: string, year: number): Promise<EffectiveDay[]> {
  const [national, own] = await Promise.all([
    repo.nationalDays(db, year),
    repo.countyDays(db, countyCode, year),
  ]);
  const byDate = new Map<string, EffectiveDay>();
  for (const d of national) byDate.set(d.day, { ...toDay(d), source: 'national' });
  for (const d of own) byDate.set(d.day, { ...toDay(d), source: 'county' });
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** What a date is without any entry: a weekend day is a day off, a weekday a working day. */
function ordinaryKind(date: string): Day['kind'] {
  const dow = new Date(`${date}T12:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6 ? 'holiday' : 'workday';
}

/**
 * Replaces the county's calendar of a year with `days`, stored as overrides of the
 * national calendar: a day that differs from (or is missing in) the national list is
 * stored; a national day left out of `days` is cancelled for this county (stored as
 * what the date ordinarily is, so it counts as a plain weekday or weekend day).
 */
export async function replaceCalendarYear(
  db: Db,
  actor: Actor,
  year: number,
  days: Day[],
  requestId?: string,
): Promise<EffectiveDay[]> {
  if (days.some((d) => !d.date.startsWith(`${year}-`)))
    throw new AppError('VALIDATION_FAILED', {
      detail: `日期须在 ${year} 年内`,
      detailEn: `every date must be in ${year}`,
    });
  if (new Set(days.map((d) => d.date)).size !== days.length)
    throw new AppError('VALIDATION_FAILED', { detail: '日期重复', detailEn: 'duplicate dates' });
  await db.transaction().execute(async (tx) => {
    const national = new Map((await repo.nationalDays(tx, year)).map((d) => [d.day, d]));
    const wanted = new Map(days.map((d) => [d.date, d]));
    const overrides: repo.DayRow[] = [];
    for (const d of days) {
      const n = national.get(d.date);
      if (!n || n.kind !== d.kind || (n.name ?? null) !== d.name)
        overrides.push({ day: d.date, kind: d.kind, name: d.name });
    }
    for (const n of national.values())
      if (!wanted.has(n.day)) overrides.push({ day: n.day, kind: ordinaryKind(n.day), name: null });
    const removed = await repo.replaceCountyDays(tx, actor.countyCode, year, overrides);
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'calendar.replace',
      entityType: 'calendar',
      entityId: year,
      before: { overrides: removed },
      after: { days: days.length, overrides: overrides.length },
      requestId,
    });
  });
  countySettingsChanged(actor.countyCode, 'calendar');
  return calendarOfYear(db, actor.countyCode, year);
}
