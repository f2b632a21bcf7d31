import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { ApiFailure, ok, timeout } from '../net.js';
import type { Draft } from '../offline/db.js';
import { enqueue } from '../offline/queue.js';
import type { Json201, Me, ReportBody, SimilarItem } from '../types.js';
import { answersForServer, checkAnswers } from './AttributeFields.js';
import { uploadMissing } from './photos.js';

export type Source = 'resident_app' | 'patrol';
export type FormErrors = {
  category?: string;
  description?: string;
  location?: string;
  attrs: Record<string, string>;
};
export type Body = Omit<ReportBody, 'photoIds'>;

/** What is missing before the form can go (photos are never required). */
export function validate(d: Draft): FormErrors | null {
  const e: FormErrors = { attrs: d.category ? checkAnswers(d.category.attributes, d.answers) : {} };
  if (!d.category) e.category = t('categoryRequired');
  if (d.description.trim().length < 2) e.description = t('descriptionRequired');
  if (!d.spot && !d.useMyGrid && !d.household) e.location = t('locationRequired');
  return e.category || e.description || e.location || Object.keys(e.attrs).length ? e : null;
}

export function buildBody(d: Draft, me: Me, source: Source): Body {
  // a report from a household (on a visit) is placed at the household: its grid and address
  const where = d.household
    ? { gridCode: d.household.gridCode, address: d.household.address }
    : d.useMyGrid || !d.spot
      ? { gridCode: me.scope.code }
      : { lat: round(d.spot.lat), lng: round(d.spot.lng), coordSystem: 'wgs84' as const };
  const attributes = answersForServer(d.category?.attributes ?? [], d.answers);
  return {
    source,
    categoryCode: d.category?.code ?? '',
    description: d.description.trim(),
    ...where,
    ...(Object.keys(attributes).length ? { attributes } : {}),
  };
}

const round = (x: number) => Math.round(x * 1e7) / 1e7;

/** Open cases of the same category nearby (GET /cases/similar); nothing when offline or slow. */
export async function findSimilar(body: Body): Promise<SimilarItem[]> {
  if (!navigator.onLine || body.lat === undefined || body.lng === undefined) return [];
  const res = await ok(
    api.GET('/api/v1/cases/similar', {
      params: { query: { categoryCode: body.categoryCode, lat: body.lat, lng: body.lng } },
      signal: timeout(8_000),
    }),
  ).catch(() => null);
  return res?.items ?? [];
}

/** The server's answer to a report: number, the tier holding it and by when (shown as "what happens next"). */
export type Reported = Json201<'/api/v1/cases'>;

export type SendResult =
  | ({ kind: 'sent' } & Reported)
  | { kind: 'queued' }
  | { kind: 'refused'; error: ApiFailure }
  | { kind: 'auth' };

/**
 * Sends the report now; when the network fails it goes to the phone's queue
 * with its photos (nothing typed is lost). A refusal (4xx) comes back to the
 * form with the server's message. `onPhotoId` records each uploaded photo's id in the draft.
 */
export async function submitReport(
  d: Draft,
  original: Body,
  onPhotoId: (key: string, id: string | undefined) => void,
  retried = false,
): Promise<SendResult> {
  // one id per report: however often it is resent (lost answers, the queue), the server makes one case
  const body = { ...original, clientRequestId: original.clientRequestId ?? uuid() };
  const photos = d.photos.map((p) => ({ ...p }));
  const draft = { ...d, photos };
  if (!navigator.onLine) {
    await enqueue(draft, body);
    return { kind: 'queued' };
  }
  let posted = 0;
  try {
    const photoIds = await uploadMissing(photos, onPhotoId);
    posted = Date.now();
    const res = await ok(
      api.POST('/api/v1/cases', {
        body: { ...body, ...(photoIds.length ? { photoIds } : {}) },
        signal: timeout(45_000),
      }),
    );
    return { kind: 'sent', ...res };
  } catch (err) {
    if (!(err instanceof ApiFailure)) throw err;
    if (err.status === 401) return { kind: 'auth' };
    if (!err.retryable) {
      if (err.code === 'PHOTO_NOT_FOUND' && !retried) {
        photos.forEach((p) => onPhotoId(p.key, undefined));
        return submitReport(
          { ...d, photos: d.photos.map(({ serverId: _, ...p }) => p) },
          body,
          onPhotoId,
          true,
        );
      }
      return { kind: 'refused', error: err };
    }
    await enqueue(draft, body, posted && err.status === 0 ? { maybeSent: true, attemptAt: posted } : {});
    return { kind: 'queued' };
  }
}

/** A random UUID v4 (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
