import { sweepOverdue } from '../modules/cases/sweep.js';
import { compactRollup, foldRollup } from '../modules/indicators/index.js';
import { sweepDisputes } from '../modules/disputes/sweep.js';
import { sweepCalls } from '../modules/calls/index.js';
import { deliverDue, logChannel } from '../modules/notify/outbox.js';
import { warnPetitionLimits } from '../modules/petitions/index.js';
import { remindDueCorrections } from '../modules/people/corrections.js';
import { generateDueReports } from '../modules/reports/index.js';
import { sweepWhistles } from '../modules/whistles/index.js';
import { sweepErrandRelay } from '../modules/errands/index.js';
import { warnCampaignEnds } from '../modules/campaigns/index.js';
import { remindOverdueLoans } from '../modules/stations/index.js';
import { deliverWebhooks, emitProgress } from '../modules/exchange/index.js';
import { maintainPartitions } from '../platform/db/partitions.js';
import type { AppContext } from './context.js';
import { INDICATOR_SOURCES } from './indicators.js';

/**
 * Background work of every server instance: the deadline sweep (automatic
 * escalation, every 30 s) and outbox delivery (every 5 s). Both are safe with
 * several instances (advisory lock / SKIP LOCKED). Returns a stop function.
 */
export function startWorkers(
  ctx: AppContext,
  opts: {
    sweepMs?: number;
    outboxMs?: number;
    compactMs?: number;
    foldMs?: number;
    reportsMs?: number;
    partitionsMs?: number;
  } = {},
): () => void {
  const deps = { db: ctx.db, pii: ctx.pii, grids: ctx.grids, calendar: ctx.calendar, now: ctx.now };
  const channels = [logChannel(ctx.log)];
  const every = (ms: number, name: string, fn: () => Promise<unknown>) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      fn()
        .catch((err: unknown) => ctx.log.error({ err }, `${name} failed`))
        .finally(() => {
          busy = false;
        });
    }, ms);
    timer.unref();
    return () => clearInterval(timer);
  };
  const stops = [
    every(opts.sweepMs ?? 30_000, 'deadline sweep', () => sweepOverdue(deps)),
    every(opts.sweepMs ?? 30_000, 'petition limits', () => warnPetitionLimits(ctx.db, ctx.now())),
    every(opts.sweepMs ?? 30_000, 'dispute sweep', () => sweepDisputes(deps)),
    // a ring nobody ended becomes a missed call within seconds (the caller's browser usually ends it)
    every(Math.min(opts.sweepMs ?? 5_000, 5_000), 'missed calls', () => sweepCalls(ctx.db, ctx.now())),
    every(opts.outboxMs ?? 5_000, 'outbox delivery', () => deliverDue(ctx.db, channels, ctx.now())),
    // signed webhooks to other systems' subscribers (exchange), once across instances (SKIP LOCKED)
    every(opts.outboxMs ?? 5_000, 'webhook delivery', () => deliverWebhooks(deps)),
    // campaign and emergency progress for subscribers, at most once a minute each (advisory lock)
    every(opts.outboxMs ?? 5_000, 'webhook progress', () => emitProgress(deps)),
    // folds the indicator rollup's deltas of the last days (ADR 0007)
    every(opts.compactMs ?? 300_000, 'rollup compaction', () => compactRollup(ctx.db)),
    // moves new case history into the rollup (ADR 0007; until then it is read from scratch)
    every(opts.foldMs ?? 10_000, 'rollup fold', () => foldRollup(ctx.db)),
    every(opts.sweepMs ?? 30_000, 'campaign ends', () => warnCampaignEnds(ctx.db, ctx.now())),
    every(opts.sweepMs ?? 30_000, 'whistle escalation', () => sweepWhistles(ctx.db, ctx.now())),
    every(opts.sweepMs ?? 30_000, 'errand relay', () => sweepErrandRelay(ctx.db, ctx.now())),
    every(opts.sweepMs ?? 30_000, 'correction reminders', () => remindDueCorrections(ctx.db, ctx.now())),
    every(opts.sweepMs ?? 30_000, 'loan reminders', () => remindOverdueLoans(ctx.db, ctx.now())),
    // 日报/周报/月报 of the last finished day, week and month, once across instances (advisory lock)
    every(opts.reportsMs ?? 300_000, 'case reports', () =>
      generateDueReports({ db: ctx.db, now: ctx.now, indicatorSources: INDICATOR_SOURCES }),
    ),
    // next months' partitions of the growing tables, once across instances (advisory lock; ADR 0008)
    every(opts.partitionsMs ?? 3_600_000, 'partition maintenance', () =>
      maintainPartitions(ctx.db, ctx.now()),
    ),
  ];
  // and once at start: a server that was down over a month's turn finds its partition ready
  maintainPartitions(ctx.db, ctx.now()).catch((err: unknown) =>
    ctx.log.error({ err }, 'partition maintenance failed'),
  );
  return () => stops.forEach((s) => s());
}
