import { api } from '../../shared/api.js';
import { ApiFailure, ok, timeout } from '../net.js';
import type { VisitDraft } from '../offline/db.js';
import { enqueueVisit } from '../offline/queue.js';
import { uploadMissing } from '../report/photos.js';
import { uuid } from '../report/submit.js';
import { pendingCase, visitSent } from './link.js';
import type { VisitBody } from './types.js';

export type SaveResult =
  | { kind: 'sent'; id: number }
  | { kind: 'queued' }
  | { kind: 'refused'; error: ApiFailure }
  | { kind: 'auth' };

/**
 * Sends the visit now; without a network (or when it fails) the visit goes to
 * the phone's queue with its photos and its clientRequestId, so a resend never
 * makes a second visit. A refusal (4xx) comes back to the form.
 */
export async function saveVisit(
  owner: string,
  d: VisitDraft,
  retried = false,
  clientRequestId = uuid(),
): Promise<SaveResult> {
  const linked = pendingCase(owner, d.householdId);
  const body: Omit<VisitBody, 'photoIds'> = {
    householdId: d.householdId,
    visitedAt: new Date().toISOString(),
    kind: d.kind,
    outcome: d.outcome ?? 'all_well',
    needs: d.needs,
    notes: d.notes.trim(),
    clientRequestId,
    ...(linked ? { caseId: linked.id } : {}),
  };
  const draft = { ...d, refusal: undefined, photos: d.photos.map((p) => ({ ...p })) };
  if (!navigator.onLine) {
    await enqueueVisit(draft, body);
    return { kind: 'queued' };
  }
  let posted = 0;
  try {
    const photoIds = await uploadMissing(draft.photos, () => undefined);
    posted = Date.now();
    const res = await ok(
      api.POST('/api/v1/visits', {
        body: { ...body, ...(photoIds.length ? { photoIds } : {}) },
        signal: timeout(45_000),
      }),
    );
    visitSent(owner, d.householdId, res);
    return { kind: 'sent', id: res.id };
  } catch (err) {
    if (!(err instanceof ApiFailure)) throw err;
    if (err.status === 401) return { kind: 'auth' };
    if (!err.retryable) {
      if (err.code === 'PHOTO_NOT_FOUND' && !retried)
        return saveVisit(
          owner,
          { ...d, photos: d.photos.map(({ serverId: _, ...p }) => p) },
          true,
          clientRequestId,
        );
      return { kind: 'refused', error: err };
    }
    await enqueueVisit(draft, body, posted && err.status === 0 ? { maybeSent: true, attemptAt: posted } : {});
    return { kind: 'queued' };
  }
}
