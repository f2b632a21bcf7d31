import { api, type ApiError } from '../../shared/api.js';
import { ApiFailure, ok, timeout } from '../net.js';
import { uploadMissing } from '../report/photos.js';
import type { QueueItem } from './db.js';

export type Outcome =
  | { kind: 'sent'; id: number; number: string }
  | { kind: 'retry'; error?: ApiError }
  | { kind: 'attention'; error: ApiError }
  | { kind: 'auth' };

type Save = (item: QueueItem) => Promise<void>;

/**
 * Sends one queued report: its photos first (each id is saved on the phone as
 * soon as the server gives it, so a retry never uploads a photo twice), then
 * POST /api/v1/cases. Only a 201 counts as sent.
 */
export async function sendItem(item: QueueItem, save: Save): Promise<Outcome> {
  try {
    // a report whose answer was lost is simply sent again: its clientRequestId makes the
    // server answer the case it already made instead of a second one
    const photoIds = await uploadMissing(item.draft.photos, () => save(item));
    item.maybeSent = true;
    item.attemptAt = Date.now();
    await save(item);
    const res = await ok(api.POST('/api/v1/cases', { body: { ...item.body, ...(photoIds.length ? { photoIds } : {}) }, signal: timeout(45_000) }));
    return { kind: 'sent', id: res.id, number: res.number };
  } catch (err) {
    if (!(err instanceof ApiFailure)) return { kind: 'retry' };
    if (err.status !== 0) item.maybeSent = false; // the server answered: nothing was created
    if (err.status === 401) return { kind: 'auth' };
    if (err.retryable) return { kind: 'retry', error: err.body };
    if (err.code === 'PHOTO_NOT_FOUND' && !item.photoRetry) {
      // an uploaded photo expired or was used: upload the kept copies again, once
      item.photoRetry = true;
      for (const p of item.draft.photos) delete p.serverId;
      await save(item);
      return sendItem(item, save);
    }
    return { kind: 'attention', error: err.body ?? { error: { code: err.code, message: `错误 ${err.status}`, messageEn: `Error ${err.status}` } } };
  }
}
