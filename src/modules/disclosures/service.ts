import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notify/index.js';
import { publishingVillage } from './access.js';
import * as repo from './repository.js';
import { checkContent, type Kind } from './rules.js';
import './errors.js'; // registers this module's codes (ADR 0005)

export type Deps = { db: Db; now: () => Date };

export const KIND_NAMES: Record<Kind, string> = { party: '党务', village: '村务', finance: '财务' };

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

/**
 * Locks a disclosure of the caller's village and checks version and state in
 * that order: a stale editor hears of the conflict before anything else.
 */
async function lockOwn(
  tx: Parameters<typeof repo.lockDisclosure>[0],
  actor: Actor,
  id: number,
  version: number | undefined,
  state: repo.Status,
) {
  const village = publishingVillage(actor);
  const d = await repo.lockDisclosure(tx, actor.countyCode, village.path, id);
  if (!d) throw new AppError('NOT_FOUND');
  if (version !== undefined && version !== d.version) throw new AppError('DISCLOSURE_VERSION_CONFLICT');
  if (d.status !== state)
    throw new AppError(state === 'draft' ? 'DISCLOSURE_NOT_DRAFT' : 'DISCLOSURE_NOT_PUBLISHED');
  return d;
}

export async function editDraft(
  deps: Deps,
  actor: Actor,
  id: number,
  c: repo.Content & { version: number },
  requestId?: string,
) {
  checkContent(c);
  const now = deps.now();
  return deps.db.transaction().execute(async (tx) => {
    await lockOwn(tx, actor, id, c.version, 'draft');
    const row = await repo.updateDisclosure(
      tx,
      actor.countyCode,
      id,
      {
        kind: c.kind,
        period: c.period,
        major: c.major,
        title: c.title,
        body: c.body,
        finance_lines: JSON.stringify(c.financeLines),
      },
      now,
    );
    await repo.addHistory(tx, {
      countyCode: actor.countyCode,
      disclosureId: id,
      action: 'edited',
      actorId: actor.accountId,
      actorName: actor.displayName,
      at: now,
    });
    await recordAudit(
      tx,
      audit(actor, 'edit', id, {
        after: { kind: c.kind, period: c.period, major: c.major, lines: c.financeLines.length },
        requestId,
      }),
    );
    return row;
  });
}

/** Publishing puts it before the village and tells every villager's account. */
export async function publishDisclosure(
  deps: Deps,
  actor: Actor,
  id: number,
  version: number | undefined,
  requestId?: string,
) {
  const now = deps.now();
  return deps.db.transaction().execute(async (tx) => {
    const d = await lockOwn(tx, actor, id, version, 'draft');
    const row = await repo.updateDisclosure(
      tx,
      actor.countyCode,
      id,
      { status: 'published', published_at: now, published_by: actor.accountId },
      now,
    );
    await repo.addHistory(tx, {
      countyCode: actor.countyCode,
      disclosureId: id,
      action: 'published',
      actorId: actor.accountId,
      actorName: actor.displayName,
      at: now,
    });
    await recordAudit(tx, audit(actor, 'publish', id, { after: { status: 'published' }, requestId }));
    await notify(tx, {
      countyCode: actor.countyCode,
      accountIds: await repo.villageResidentAccounts(tx, actor.countyCode, d.village_path),
      kind: 'disclosure.published',
      about: { type: 'disclosure', id },
      title: `村里公开了${d.major ? '重大事项' : KIND_NAMES[d.kind as Kind]}：${d.title}`,
    });
    return row;
  });
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
  const now = deps.now();
  return deps.db.transaction().execute(async (tx) => {
    await lockOwn(tx, actor, id, version, 'published');
    const row = await repo.updateDisclosure(
      tx,
      actor.countyCode,
      id,
      { status: 'withdrawn', withdraw_reason: reason },
      now,
    );
    await repo.addHistory(tx, {
      countyCode: actor.countyCode,
      disclosureId: id,
      action: 'withdrawn',
      actorId: actor.accountId,
      actorName: actor.displayName,
      at: now,
      note: reason,
    });
    await recordAudit(
      tx,
      audit(actor, 'withdraw', id, { after: { status: 'withdrawn' }, reason, requestId }),
    );
    return row;
  });
}
