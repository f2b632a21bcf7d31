import type { Updateable } from 'kysely';
import type { Disclosure } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { can } from './abilities.js';
import type { Actor } from '../accounts/index.js';
import type { Workflow } from '../workflow/index.js';
import { viewOf } from './access.js';
import * as repo from './repository.js';
import './errors.js'; // registers this module's codes (ADR 0005)
import type { Kind } from './rules.js';

export const KIND_NAMES: Record<Kind, string> = { party: '党务', village: '村务', finance: '财务' };

export type DisclosureAction = 'edit' | 'publish' | 'withdraw';
export type DisclosureInput =
  | ({ action: 'edit'; version: number } & repo.Content)
  | { action: 'publish'; version?: number }
  | { action: 'withdraw'; reason: string; version?: number };

type Row = NonNullable<Awaited<ReturnType<typeof repo.lockVisibleDisclosure>>>;
type Result = Awaited<ReturnType<typeof repo.updateDisclosure>>;

/** The state each action leaves, and the step's name on the disclosure's history. */
const FROM: Record<DisclosureAction, { from: repo.Status; logged: repo.HistoryAction }> = {
  edit: { from: 'draft', logged: 'edited' },
  publish: { from: 'draft', logged: 'published' },
  withdraw: { from: 'published', logged: 'withdrawn' },
};

function change(input: DisclosureInput, actor: Actor, now: Date): Updateable<Disclosure> {
  switch (input.action) {
    case 'edit':
      return {
        kind: input.kind,
        period: input.period,
        major: input.major,
        title: input.title,
        body: input.body,
        finance_lines: JSON.stringify(input.financeLines),
      };
    case 'publish':
      return { status: 'published', published_at: now, published_by: actor.accountId };
    case 'withdraw':
      return { status: 'withdrawn', withdraw_reason: input.reason };
  }
}

/**
 * The disclosure workflow as the runner drives it: the caller sees it (404),
 * is the staff of its own village (403), and it is in the state the action
 * leaves (409). Audit entries carry ids and field names, never the text itself.
 */
export const disclosureWorkflow: Workflow<Row, DisclosureAction, DisclosureInput, Result, null> = {
  subject: 'disclosure',
  versionConflict: 'DISCLOSURE_VERSION_CONFLICT',
  lock: (tx, actor, id) => repo.lockVisibleDisclosure(tx, viewOf(actor), id),
  stateOf: (d) => d.status,
  forbidden: ({ actor, row }) =>
    can(actor, 'disclosures.publish') && actor.scopePath === row.village_path
      ? null
      : new AppError('DISCLOSURE_NOT_VILLAGE_STAFF'),
  illegal: ({ row, action }) => {
    if (row.status === FROM[action].from) return null;
    return new AppError(FROM[action].from === 'draft' ? 'DISCLOSURE_NOT_DRAFT' : 'DISCLOSURE_NOT_PUBLISHED');
  },
  async apply({ tx, actor, row: d, input, now }) {
    const row = await repo.updateDisclosure(tx, d.county_code, d.id, change(input, actor, now), now);
    const content =
      input.action === 'edit'
        ? { kind: input.kind, period: input.period, major: input.major, lines: input.financeLines.length }
        : {};
    return {
      toState: row.status,
      note: input.action === 'withdraw' ? input.reason : null,
      extra: null,
      auditAfter: content,
      auditReason: input.action === 'withdraw' ? input.reason : null,
      notice:
        input.action === 'publish'
          ? {
              accountIds: await repo.villageResidentAccounts(tx, d.county_code, d.village_path),
              kind: 'disclosure.published',
              about: { type: 'disclosure', id: d.id },
              title: `村里公开了${d.major ? '重大事项' : KIND_NAMES[d.kind as Kind]}：${d.title}`,
            }
          : null,
      result: row,
    };
  },
  log: (tx, s) =>
    repo.addHistory(tx, {
      countyCode: s.row.county_code,
      disclosureId: s.row.id,
      action: FROM[s.action as DisclosureAction].logged,
      actorId: s.actor.accountId,
      actorName: s.actor.displayName,
      at: s.at,
      note: s.note,
    }),
};
