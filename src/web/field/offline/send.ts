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
    if (item.maybeSent) {
      // the last attempt got no answer: the server may have the case already
      const found = await findSent(item);
      if (found) return { kind: 'sent', ...found };
    }
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

/**
 * A case of mine with the same category, source and words, reported since the
 * attempt that got no answer. The phone's clock may be wrong: the attempt's time
 * is moved to the server's clock with the skew seen in this answer's Date header.
 */
export async function findSent(item: Pick<QueueItem, 'body' | 'attemptAt' | 'createdAt'>): Promise<{ id: number; number: string } | null> {
  const { categoryCode, source, description } = item.body;
  let res;
  try {
    res = await api.GET('/api/v1/cases', { params: { query: { categoryCode, ...(source ? { source } : {}), limit: 50 } }, signal: timeout(20_000) });
  } catch {
    throw new ApiFailure(0, undefined);
  }
  if (!res.data) throw new ApiFailure(res.response.status, res.error as ApiError | undefined);
  const serverNow = Date.parse(res.response.headers.get('date') ?? '');
  const skew = Number.isFinite(serverNow) ? serverNow - Date.now() : 0;
  const since = (item.attemptAt ?? item.createdAt) + skew - 120_000; // Date has 1 s steps; some slack
  const hit = res.data.items.find((c) => c.description.trim() === description.trim() && Date.parse(c.reportedAt) >= since);
  return hit ? { id: hit.id, number: hit.number } : null;
}
