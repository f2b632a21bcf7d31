import type { Db } from '../../platform/db/database.js';
import * as repo from './repository.js';
import './errors.js'; // registers this module's codes (ADR 0005)
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { publishingVillage } from './access.js';
import { checkContent } from './rules.js';
import { runStep } from '../workflow/index.js';
import { disclosureWorkflow } from './workflow.js';

export { KIND_NAMES } from './workflow.js';

export type Deps = { db: Db; now: () => Date };

/** Audit entries carry ids and field names, never the text itself. */
const audit = (
  actor: Actor,
  action: string,
  id: number,
  extra: { after?: Record<string, unknown>; reason?: string | null; requestId?: string },
) => ({
  actor,
  countyCode: actor.countyCode,
  action: `disclosure.${action}`,
  entityType: 'disclosure',
  entityId: id,
  after: extra.after ?? null,
  reason: extra.reason ?? null,
  requestId: extra.requestId ?? null,
});

/** A village's staff write a draft for their own village; nobody else sees it yet. */
export async function createDraft(deps: Deps, actor: Actor, c: repo.Content, requestId?: string) {
  const village = publishingVillage(actor);
  checkContent(c);
  const now = deps.now();
  return deps.db.transaction().execute(async (tx) => {
    const row = await repo.insertDisclosure(tx, {
      ...c,
      countyCode: actor.countyCode,
      villageCode: village.code,
      villagePath: village.path,
      createdBy: actor.accountId,
      now,
    });
    await repo.addHistory(tx, {
      countyCode: actor.countyCode,
      disclosureId: row.id,
      action: 'created',
      actorId: actor.accountId,
      actorName: actor.displayName,
      at: now,
    });
    await recordAudit(
      tx,
      audit(actor, 'create', row.id, {
        after: { kind: c.kind, period: c.period, major: c.major, lines: c.financeLines.length },
        requestId,
      }),
    );
    return row;
  });
}

/** A draft's edit replaces its whole content; `version` is the one the editor saw. */
export async function editDraft(
  deps: Deps,
  actor: Actor,
  id: number,
  c: repo.Content & { version: number },
  requestId?: string,
) {
  checkContent(c);
  return runStep(
    deps.db,
    disclosureWorkflow,
    actor,
    id,
    'edit',
    { ...c, action: 'edit' },
    step(deps, requestId),
  );
}

/** Publishing puts it before the village and tells every villager's account. */
export async function publishDisclosure(
  deps: Deps,
  actor: Actor,
  id: number,
  version: number | undefined,
  requestId?: string,
) {
  const input = { action: 'publish' as const, version };
  return runStep(deps.db, disclosureWorkflow, actor, id, 'publish', input, step(deps, requestId));
}

/** Withdrawn ones leave the villagers' lists but stay on record with the reason. */
export async function withdrawDisclosure(
  deps: Deps,
  actor: Actor,
  id: number,
  reason: string,
  version: number | undefined,
  requestId?: string,
) {
  const input = { action: 'withdraw' as const, reason, version };
  return runStep(deps.db, disclosureWorkflow, actor, id, 'withdraw', input, step(deps, requestId));
}

const step = (deps: Deps, requestId: string | undefined) => ({ now: deps.now(), requestId });
