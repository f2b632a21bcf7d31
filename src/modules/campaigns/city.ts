import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { runStep, type Workflow } from '../workflow/index.js';
import { can } from './abilities.js';
import * as city from './city-repository.js';
import type { CampaignDeps } from './context.js';
import { checkDates, launchPart } from './launch.js';
import { regionPaths } from './rules.js';
import type { LaunchInput } from './schemas.js';
import { recordStep } from './target-repository.js';
import { TEMPLATES } from './templates.js';
import { toCounts } from './view.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/**
 * 上级号召、全市响应: a city centre launches a campaign over its counties. One transaction: the
 * city's header, then for every county under the city its own part — a `campaign` of that county
 * whose targets the rule builds from that county's archive (county data stays keyed by county,
 * ADR 0002), with its step, audit row and the workers' notices. Counties where the rule selects
 * nobody get no part; when it selects nobody anywhere nothing is made (400).
 */
export async function launchCityCampaign(
  deps: CampaignDeps,
  actor: Actor,
  input: LaunchInput,
  requestId?: string,
) {
  const now = deps.now();
  checkDates(input, now);
  if (input.templateKey !== undefined && !TEMPLATES.some((t) => t.key === input.templateKey))
    throw new AppError('CAMPAIGN_TEMPLATE_NOT_FOUND');
  return createOnce({
    requestId: input.clientRequestId,
    find: (rid) =>
      deps.db
        .selectFrom('city_campaign')
        .select('id')
        .where('launched_by', '=', actor.accountId)
        .where('client_request_id', '=', rid)
        .executeTakeFirst(),
    constraint: 'city_campaign_client_request_idx',
    replay: async (h) => {
      const parts = await city.partsOf(deps.db, [Number(h.id)]);
      const n = await deps.db
        .selectFrom('campaign')
        .select((eb) => eb.fn.sum<string>('target_count').as('n'))
        .where('city_campaign_id', '=', h.id)
        .executeTakeFirstOrThrow();
      return { id: Number(h.id), targets: Number(n.n ?? 0), counties: parts.length, replayed: true };
    },
    create: () =>
      deps.db.transaction().execute(async (tx) => {
        const paths = await regionPaths(tx, actor, input.rule.regions);
        const header = await tx
          .insertInto('city_campaign')
          .values({
            city_code: actor.scopeCode,
            title: input.title,
            template_key: input.templateKey ?? null,
            launched_by: actor.accountId,
            rule: JSON.stringify(input.rule),
            checklist: JSON.stringify(input.checklist),
            supervising: [...new Set(input.supervising)],
            starts_on: input.startsOn,
            ends_on: input.endsOn,
            client_request_id: input.clientRequestId ?? null,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const id = Number(header.id);
        let targets = 0;
        let counties = 0;
        for (const c of await city.countiesOf(tx, actor.scopePath)) {
          const mine = paths.filter((p) => p === c.path || p.startsWith(`${c.path}.`));
          // regions named in other counties only: this county has no part
          if (paths.length > 0 && mine.length === 0) continue;
          const part = await launchPart(tx, actor, input, {
            countyCode: c.code,
            regionCode: c.code,
            regionPath: c.path,
            paths: mine,
            now,
            cityCampaignId: id,
            requestId,
          });
          targets += part.targets;
          if (part.targets > 0) counties += 1;
        }
        if (targets === 0) throw new AppError('CAMPAIGN_NO_TARGETS');
        await recordAudit(tx, {
          actor,
          countyCode: actor.scopeCode,
          action: 'city_campaign.launch',
          entityType: 'city_campaign',
          entityId: id,
          after: { state: 'running', targets, counties, subject: input.rule.subject },
          requestId,
        });
        return { id, targets, counties, replayed: false };
      }),
  });
}

type CloseInput = { reason?: string; version?: number };
type CloseResult = {
  id: number;
  state: 'closed';
  version: number;
  counts: ReturnType<typeof toCounts>;
  byCounty: { code: string; missed: number }[];
};

/** Open targets of a city campaign's running parts. */
async function openCount(tx: Tx, id: number) {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM campaign_target t
    JOIN campaign c ON c.county_code = t.county_code AND c.id = t.campaign_id
    WHERE c.city_campaign_id = ${id} AND t.state = 'open'`.execute(tx);
  return rows[0]?.n ?? 0;
}

const cityCloseWorkflow: Workflow<city.CityRow, 'close', CloseInput, CloseResult, null> = {
  subject: 'city_campaign',
  versionConflict: 'CAMPAIGN_VERSION_CONFLICT',
  lock: (tx, actor, id) => city.lockCityCampaign(tx, actor, id),
  stateOf: (h) => h.state,
  forbidden: ({ actor }) => (can(actor, 'campaigns.city') ? null : new AppError('FORBIDDEN')),
  async illegal({ tx, row, input }) {
    if (row.state !== 'running') return new AppError('CAMPAIGN_CLOSED');
    if (input.reason) return null;
    const open = await openCount(tx, row.id);
    return open > 0
      ? new AppError('CAMPAIGN_UNEXPLAINED_MISSES', { detail: `未完成 ${open} 个`, detailEn: `${open} open` })
      : null;
  },
  async apply({ tx, actor, row, input, now }) {
    const byCounty: CloseResult['byCounty'] = [];
    for (const part of await city.partsOf(tx, [row.id])) {
      if (part.state !== 'running') continue;
      // every open target of each county's part is missed, on that county's record as its own close
      const { numAffectedRows } = await sql`UPDATE campaign_target SET state = 'missed', version = version + 1
        WHERE county_code = ${part.county_code} AND campaign_id = ${part.id} AND state = 'open'`.execute(tx);
      const missed = Number(numAffectedRows ?? 0);
      await tx
        .updateTable('campaign')
        .set({
          state: 'closed',
          closed_at: now,
          closed_by: actor.accountId,
          close_reason: input.reason ?? null,
          missed_count: missed,
          version: part.version + 1,
          updated_at: now,
        })
        .where('county_code', '=', part.county_code)
        .where('id', '=', part.id)
        .execute();
      await recordStep(tx, {
        countyCode: part.county_code,
        campaignId: Number(part.id),
        targetId: null,
        at: now,
        action: 'close',
        from: 'running',
        to: 'closed',
        actor,
        note: input.reason ?? null,
      });
      await recordAudit(tx, {
        actor,
        countyCode: part.county_code,
        action: 'campaign.close',
        entityType: 'campaign',
        entityId: part.id,
        before: { state: 'running' },
        after: { state: 'closed', missed, cityCampaignId: row.id },
        reason: input.reason ?? null,
      });
      byCounty.push({ code: part.county_code, missed });
    }
    const updated = await tx
      .updateTable('city_campaign')
      .set({
        state: 'closed',
        closed_at: now,
        closed_by: actor.accountId,
        close_reason: input.reason ?? null,
        version: row.version + 1,
      })
      .where('id', '=', row.id)
      .returning('version')
      .executeTakeFirstOrThrow();
    const rows = await city.byCounty(tx, actor.scopePath, [row.id]);
    const total = rows.reduce(
      (s, r) => ({
        targets: s.targets + r.targets,
        done: s.done + r.done,
        na: s.na + r.na,
        open: s.open + r.open,
        missed: s.missed + r.missed,
      }),
      { targets: 0, done: 0, na: 0, open: 0, missed: 0 },
    );
    return {
      toState: 'closed',
      note: input.reason ?? null,
      extra: null,
      auditAfter: { missed: total.missed },
      auditReason: input.reason ?? null,
      notice: null,
      result: { id: row.id, state: 'closed', version: updated.version, counts: toCounts(total), byCounty },
    };
  },
  // the step is on each county part's log (written in apply): the city has no target of its own
  log: async () => {},
};

/**
 * The city closes its campaign through the runner: 404 unless it is this city's, 403 unless a city
 * centre, 409 when closed or when targets are open and no reason is given; every county part closes
 * with it, its open targets missed and listed to that county (the city sees their number by county).
 */
export function closeCityCampaign(
  deps: CampaignDeps,
  actor: Actor,
  id: number,
  input: CloseInput,
  requestId: string,
) {
  return runStep(deps.db, cityCloseWorkflow, actor, id, 'close', input, { now: deps.now(), requestId });
}
