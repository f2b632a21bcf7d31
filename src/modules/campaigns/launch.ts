import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { CampaignDeps } from './context.js';
import { regionPaths, targetsOf } from './rules.js';
import type { LaunchInput } from './schemas.js';
import { noticeLaunch } from './notices.js';
import { recordStep } from './target-repository.js';
import './errors.js'; // registers this module's codes (ADR 0005)

const DAY = 86_400_000;
/** The calendar day in China (UTC+8) of an instant. */
export const beijingDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export function checkDates(input: LaunchInput, now: Date) {
  const start = Date.parse(`${input.startsOn}T00:00:00Z`);
  const end = Date.parse(`${input.endsOn}T00:00:00Z`);
  if (end < start || end - start > 366 * DAY || input.endsOn < beijingDate(now))
    throw new AppError('CAMPAIGN_DATES_INVALID');
}

/**
 * 上级号召: a county or township launches a campaign over its subtree. In one transaction: the
 * campaign, its target list built by the rule in one INSERT … SELECT over the archive (each
 * household or resident once: the unique key), the step log and the audit. A rule that selects
 * nobody makes nothing (400). Resent with the same clientRequestId it answers the first campaign.
 */
export async function launchCampaign(
  deps: CampaignDeps,
  actor: Actor,
  input: LaunchInput,
  requestId?: string,
) {
  const now = deps.now();
  checkDates(input, now);
  return createOnce({
    requestId: input.clientRequestId,
    find: (rid) =>
      deps.db
        .selectFrom('campaign')
        .select(['id', 'target_count'])
        .where('county_code', '=', actor.countyCode)
        .where('launched_by', '=', actor.accountId)
        .where('client_request_id', '=', rid)
        .executeTakeFirst(),
    constraint: 'campaign_client_request_idx',
    replay: (c) => ({ id: Number(c.id), targets: c.target_count, replayed: true }),
    create: () =>
      deps.db.transaction().execute(async (tx) => {
        if (input.templateKey !== undefined) {
          const t = await tx
            .selectFrom('campaign_template')
            .select('key')
            .where('county_code', '=', actor.countyCode)
            .where('key', '=', input.templateKey)
            .executeTakeFirst();
          if (!t) throw new AppError('CAMPAIGN_TEMPLATE_NOT_FOUND');
        }
        const paths = await regionPaths(tx, actor, input.rule.regions);
        const { id, targets } = await launchPart(tx, actor, input, {
          countyCode: actor.countyCode,
          regionCode: actor.scopeCode,
          regionPath: actor.scopePath,
          paths,
          now,
          cityCampaignId: null,
          requestId,
        });
        if (targets === 0) throw new AppError('CAMPAIGN_NO_TARGETS');
        return { id, targets, replayed: false };
      }),
  });
}

export type Part = {
  countyCode: string;
  regionCode: string;
  regionPath: string;
  /** the paths of the regions the rule names (none: the whole region) */
  paths: string[];
  now: Date;
  /** the city's campaign this county's part belongs to */
  cityCampaignId: number | null;
  requestId?: string;
};

/**
 * One county's campaign over a region of it: the row, its targets by the rule in one INSERT … SELECT,
 * the launch step, the audit row and the workers' notices. A rule that selects nobody there leaves
 * nothing (the row is removed) and answers 0 targets: the caller decides whether that is an error.
 */
export async function launchPart(tx: Tx, actor: Actor, input: LaunchInput, p: Part) {
  const made = await tx
    .insertInto('campaign')
    .values({
      county_code: p.countyCode,
      title: input.title,
      template_key: input.templateKey ?? null,
      region_code: p.regionCode,
      region_path: p.regionPath,
      launched_by: actor.accountId,
      rule: JSON.stringify(input.rule),
      checklist: JSON.stringify(input.checklist),
      supervising: [...new Set(input.supervising)],
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      client_request_id: p.cityCampaignId === null ? (input.clientRequestId ?? null) : null,
      city_campaign_id: p.cityCampaignId,
      created_at: p.now,
      updated_at: p.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(made.id);
  const scope = { countyCode: p.countyCode, path: p.regionPath, asOf: input.startsOn };
  const { numAffectedRows } = await sql`
    INSERT INTO campaign_target (county_code, campaign_id, household_id, resident_id, grid_code, grid_path)
    SELECT ${p.countyCode}, ${id}, x.household_id, x.resident_id, x.grid_code, x.grid_path
    FROM (${targetsOf(input.rule, scope, p.paths)}) x`.execute(tx);
  const targets = Number(numAffectedRows ?? 0);
  if (targets === 0) {
    await tx.deleteFrom('campaign').where('county_code', '=', p.countyCode).where('id', '=', id).execute();
    return { id, targets };
  }
  await tx
    .updateTable('campaign')
    .set({ target_count: targets })
    .where('county_code', '=', p.countyCode)
    .where('id', '=', id)
    .execute();
  await recordStep(tx, {
    countyCode: p.countyCode,
    campaignId: id,
    targetId: null,
    at: p.now,
    action: 'launch',
    from: null,
    to: 'running',
    actor,
    note: input.title,
  });
  await recordAudit(tx, {
    actor,
    countyCode: p.countyCode,
    action: 'campaign.launch',
    entityType: 'campaign',
    entityId: id,
    after: {
      state: 'running',
      targets,
      subject: input.rule.subject,
      templateKey: input.templateKey ?? null,
      regions: input.rule.regions,
      cityCampaignId: p.cityCampaignId,
    },
    requestId: p.requestId,
  });
  await noticeLaunch(tx, {
    countyCode: p.countyCode,
    id,
    title: input.title,
    launchedBy: actor.accountId,
    endsOn: input.endsOn,
  });
  return { id, targets };
}
