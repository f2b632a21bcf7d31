import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { can } from './abilities.js';
import type { CaseDeps } from './context.js';
import type { CaseActor } from './policy.js';
import { findCaseDetail } from './queries.js';

/**
 * The reporter's full contact number, for staff who hold the case and need to call them (to
 * find the spot, to verify on site). Same walls as reading the case (404 when not visible),
 * then the right to see it (403), a reason, and an audit row in the same transaction (PIPL:
 * every full view logged with its reason).
 */
export async function revealReporterContact(
  deps: CaseDeps,
  actor: CaseActor,
  id: number,
  reason: string,
  requestId: string,
) {
  return deps.db.transaction().execute(async (tx) => {
    const c = await findCaseDetail(tx, actor, id);
    if (!c) throw new AppError('NOT_FOUND');
    if (!can(actor, 'cases.reveal_contact')) throw new AppError('FORBIDDEN');
    const row = await tx
      .selectFrom('cases')
      .select('reporter_contact_enc')
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'case.reveal_contact',
      entityType: 'case',
      entityId: c.id,
      after: { fields: ['reporterContact'] },
      reason,
      requestId,
    });
    return {
      id: c.id,
      reporterContact: row.reporter_contact_enc ? deps.pii.decrypt(row.reporter_contact_enc) : null,
    };
  });
}
