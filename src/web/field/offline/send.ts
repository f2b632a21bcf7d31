import { api, type ApiError } from '../../shared/api.js';
import { ApiFailure, ok, timeout } from '../net.js';
import { uploadMissing } from '../report/photos.js';
import { caseReported, pendingCase, visitSent } from '../visits/link.js';
import type {
  CampaignItem,
  DisputeItem,
  EmergencyItem,
  PhotoEntry,
  QueueItem,
  ReportItem,
  VisitItem,
} from './db.js';

export type Outcome =
  | { kind: 'sent'; id: number; number: string; householdId?: number }
  | { kind: 'retry'; error?: ApiError }
  | { kind: 'attention'; error: ApiError }
  | { kind: 'auth' };

type Save = (item: QueueItem) => Promise<void>;
type Sent = Extract<Outcome, { kind: 'sent' }>;

/**
 * Sends one queued item: its photos first (each id is saved on the phone as
 * soon as the server gives it, so a retry never uploads a photo twice), then
 * POST /api/v1/cases or /api/v1/visits. Only a 2xx counts as sent.
 */
export async function sendItem(item: QueueItem, save: Save): Promise<Outcome> {
  if (item.kind === 'dispute')
    return attempt(item, item.draft.photos, save, (ids) => postDisputeWork(item, ids));
  if (item.kind === 'campaign') return attempt(item, [], save, () => postCampaignWork(item));
  if (item.kind === 'emergency') return attempt(item, [], save, () => postEmergencyReport(item));
  return item.kind === 'visit'
    ? attempt(item, item.draft.photos, save, (ids) => postVisit(item, ids))
    : attempt(item, item.draft.photos, save, (ids) => postReport(item, ids));
}

async function postReport(item: ReportItem, photoIds: string[]): Promise<Sent> {
  const res = await ok(
    api.POST('/api/v1/cases', {
      body: { ...item.body, ...(photoIds.length ? { photoIds } : {}) },
      signal: timeout(45_000),
    }),
  );
  // a report started on a visit: the visit and the case get linked (best effort; the case is made either way)
  if (item.draft.household)
    await caseReported(item.owner, item.draft.household.id, res).catch(() => undefined);
  return { kind: 'sent', id: res.id, number: res.number };
}

async function postVisit(item: VisitItem, photoIds: string[]): Promise<Sent> {
  // the case reported on this visit may have gone out of the queue just before it
  const caseId = item.body.caseId ?? pendingCase(item.owner, item.body.householdId)?.id;
  const res = await ok(
    api.POST('/api/v1/visits', {
      body: { ...item.body, ...(caseId ? { caseId } : {}), ...(photoIds.length ? { photoIds } : {}) },
      signal: timeout(45_000),
    }),
  );
  visitSent(item.owner, item.body.householdId, res);
  return { kind: 'sent', id: res.id, number: res.address, householdId: res.householdId };
}

async function postDisputeWork(item: DisputeItem, photoIds: string[]): Promise<Sent> {
  const w = item.work;
  if (w.url === '/api/v1/disputes/{id}/sessions') {
    // 200 when the sheet was already recorded under this clientRequestId (a lost answer)
    const res = await ok(
      api.POST('/api/v1/disputes/{id}/sessions', {
        params: { path: { id: w.disputeId } },
        body: { ...w.body, photoIds },
        signal: timeout(45_000),
      }),
    );
    return { kind: 'sent', id: res.id, number: w.label };
  }
  const res =
    w.url === '/api/v1/disputes'
      ? await ok(api.POST('/api/v1/disputes', { body: w.body, signal: timeout(45_000) }))
      : await ok(api.POST('/api/v1/disputes/screenings', { body: w.body, signal: timeout(45_000) }));
  return { kind: 'sent', id: res.id, number: 'number' in res ? res.number : res.day };
}

async function postCampaignWork(item: CampaignItem): Promise<Sent> {
  const w = item.work;
  const res = await ok(
    api.POST('/api/v1/campaign-targets/{id}/actions/{action}', {
      params: { path: { id: w.targetId, action: w.action } },
      body: w.body,
      signal: timeout(45_000),
    }),
  );
  return { kind: 'sent', id: res.id, number: w.title };
}

async function postEmergencyReport(item: EmergencyItem): Promise<Sent> {
  const w = item.work;
  const res = await ok(
    api.POST('/api/v1/emergency-checks/{id}/report', {
      params: { path: { id: w.checkId } },
      body: w.body,
      signal: timeout(45_000),
    }),
  );
  return { kind: 'sent', id: res.id, number: w.title };
}

async function attempt(
  item: QueueItem,
  photos: PhotoEntry[],
  save: Save,
  post: (photoIds: string[]) => Promise<Sent>,
): Promise<Outcome> {
  try {
    // an item whose answer was lost is simply sent again: its clientRequestId makes the
    // server answer the row it already made instead of a second one
    const photoIds = await uploadMissing(photos, () => save(item));
    item.maybeSent = true;
    item.attemptAt = Date.now();
    await save(item);
    return await post(photoIds);
  } catch (err) {
    if (!(err instanceof ApiFailure)) return { kind: 'retry' };
    if (err.status !== 0) item.maybeSent = false; // the server answered: nothing was created
    if (err.status === 401) return { kind: 'auth' };
    if (err.retryable) return { kind: 'retry', error: err.body };
    if (err.code === 'PHOTO_NOT_FOUND' && !item.photoRetry) {
      // an uploaded photo expired or was used: upload the kept copies again, once
      item.photoRetry = true;
      for (const p of photos) delete p.serverId;
      await save(item);
      return attempt(item, photos, save, post);
    }
    return {
      kind: 'attention',
      error: err.body ?? {
        error: { code: err.code, message: `错误 ${err.status}`, messageEn: `Error ${err.status}` },
      },
    };
  }
}
