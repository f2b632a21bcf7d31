import { AppError } from '../../platform/errors.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { followCase, reportCase } from '../cases/index.js';
import { notify, wordsBody } from '../notify/index.js';
import type { EnterpriseDeps } from './context.js';
import * as repo from './repository.js';
import './errors.js';

/**
 * An enterprise's open problem becomes a case (source `enterprise`, at the caller's tier,
 * through the cases module), and the cadre who raised it follows it: told now, and of every
 * step after (cases' followers). The ledger entry, the follower, the audit and the notice are
 * written in the case's own transaction; a concurrent second raise of the same need rolls back.
 * With a `clientRequestId`, a resend (also one racing the first) answers the case already made.
 */
export async function raiseNeedAsCase(
  deps: EnterpriseDeps,
  actor: Actor,
  helpId: number,
  input: {
    categoryCode: string;
    urgency: 'normal' | 'urgent' | 'emergency';
    attributes?: Record<string, string | number | string[]>;
    clientRequestId?: string;
  },
  requestId?: string,
) {
  const scope = { countyCode: actor.countyCode, path: actor.scopePath };
  const n = await repo.lockHelp(deps.db, scope, helpId);
  if (!n) throw new AppError('NOT_FOUND');
  // a resend of a raise already made (same clientRequestId) is answered by the cases module's
  // createOnce with the case it made; any other raise of a need that is not open is refused
  const resend = input.clientRequestId !== undefined && n.state === 'raised';
  if (n.kind !== 'problem' || (n.state !== 'open' && !resend)) throw new AppError('ENTERPRISE_NEED_NOT_OPEN');
  const cadreAccount = n.account_id;
  const made = await reportCase(
    deps,
    { ...actor, departmentId: null },
    actor.countyCode,
    {
      source: 'enterprise',
      categoryCode: input.categoryCode,
      description: `【企业诉求】${n.enterprise_name}：${n.note}`,
      gridCode: n.grid_code,
      address: n.address,
      urgency: input.urgency,
      attributes: input.attributes,
      clientRequestId: input.clientRequestId,
    },
    requestId,
    async (tx, caseId) => {
      const marked = await repo.markRaised(tx, n.county_code, helpId, caseId, deps.now());
      if (!marked) throw new AppError('ENTERPRISE_NEED_NOT_OPEN');
      if (cadreAccount !== null) {
        await followCase(tx, n.county_code, caseId, cadreAccount);
        await notify(tx, {
          countyCode: n.county_code,
          accountIds: cadreAccount === actor.accountId ? [] : [cadreAccount],
          caseId,
          kind: 'case.reported',
          title: `企业诉求已转为事件：${n.enterprise_name}`,
          ...wordsBody('note', maskPiiText(n.note)),
        });
      }
      await recordAudit(tx, {
        actor,
        countyCode: n.county_code,
        action: 'enterprise.raise_case',
        entityType: 'enterprise_help',
        entityId: helpId,
        before: { state: 'open' },
        after: { state: 'raised', caseId, follower: cadreAccount },
        requestId,
      });
    },
  );
  // a request id answered with a case that is not this need's: the id was used for something else
  if (made.replayed && made.id !== n.case_id) throw new AppError('REQUEST_ID_REUSED');
  return { caseId: made.id, number: made.number, following: cadreAccount !== null };
}
