import { createOnce } from '../../platform/db/idempotency.js';
import type { Db } from '../../platform/db/database.js';
import { addComment } from '../cases/index.js';
import { photosInPhase } from '../photos/index.js';
import type { Open311Deps } from './context.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { badRequest, notFound, parseW3c, w3c, type Item } from './format.js';
import { withMedia, withoutMedia } from './media-text.js';
import { markKeyUsed } from './keys.js';
import { authorizeKey, mediaUrls } from './post-request.js';
import { one, type Params } from './params.js';
import { mediaUrl } from './requests.js';
import {
  actionName,
  AFTER_PHOTO_ACTIONS,
  CLIENT_STATUSES,
  extendedStatus,
  isRestricted,
  PUBLIC_ACTIONS,
} from './status.js';

/**
 * mySociety's servicerequestupdates extension (as FixMyStreet consumes and sends it).
 * GET: the public steps of every case in a time window — update_id is our history row
 * id, status the extended status, description the step's Chinese name (staff's free
 * notes are never published; a comment posted through Open311 shows its own text),
 * media_url the after-photo (处置后照片) of a handling step.
 */
export async function findUpdates(
  db: Db,
  countyCode: string,
  from: Date,
  to: Date,
  limit: number,
  base: string,
): Promise<Item[]> {
  const rows = await db
    .selectFrom('case_history as h')
    .innerJoin('cases as c', (j) =>
      j.onRef('c.county_code', '=', 'h.county_code').onRef('c.id', '=', 'h.case_id'),
    )
    .innerJoin('category as cat', 'cat.code', 'c.category_code')
    .leftJoin('open311_update as u', (j) =>
      j.onRef('u.county_code', '=', 'h.county_code').onRef('u.history_id', '=', 'h.id'),
    )
    .select([
      'h.id',
      'h.at',
      'h.action',
      'h.to_state',
      'h.note',
      'h.photo_ids',
      'c.number',
      'c.source',
      'cat.kind',
      'u.media_urls',
      'u.client_status',
    ])
    .where('h.county_code', '=', countyCode)
    .where('h.at', '>=', from)
    .where('h.at', '<=', to)
    .where('h.action', 'in', [...PUBLIC_ACTIONS])
    .orderBy('h.at')
    .orderBy('h.id')
    .limit(limit)
    .execute();
  const candidates = rows.filter((r) => AFTER_PHOTO_ACTIONS.includes(r.action)).flatMap((r) => r.photo_ids);
  const after = await photosInPhase(db, countyCode, candidates, 'after');
  return rows.map((r) => {
    const hidden = isRestricted(r);
    const photo = hidden ? undefined : r.photo_ids.find((id) => after.has(id));
    const own =
      r.action === 'comment' && r.client_status !== null && !hidden && r.note
        ? maskPiiText(withoutMedia(r.note, r.media_urls ?? [], r.client_status)).trim()
        : '';
    return {
      update_id: String(r.id),
      service_request_id: r.number,
      status: extendedStatus(r.to_state, r.action),
      updated_datetime: w3c(r.at),
      description: own || actionName(r.action),
      media_url: photo ? mediaUrl(base, photo) : hidden ? null : (r.media_urls?.[0] ?? null),
      external_status_code: r.to_state,
    };
  });
}

/**
 * POST: a client's update on a request becomes a comment on the case (the workflow is
 * staff's: a client's FIXED or CLOSED is shown to them, it does not close the case).
 * The client's update_id makes retries safe: the same id answers the same update.
 */
export async function postUpdate(ctx: Open311Deps, p: Params, requestId: string): Promise<string> {
  const key = await authorizeKey(ctx, p);
  const number = one(p, 'service_request_id');
  if (!number) throw badRequest('service_request_id was not provided');
  const clientId = one(p, 'update_id');
  if (!clientId) throw badRequest('update_id was not provided');
  if (clientId.length > 100) throw badRequest('update_id is limited to 100 characters');
  const status = one(p, 'status')?.toUpperCase();
  if (!status) throw badRequest('status was not provided');
  if (!(CLIENT_STATUSES as readonly string[]).includes(status))
    throw badRequest(`status must be one of ${CLIENT_STATUSES.join(', ')}`);
  const updated = one(p, 'updated_datetime');
  if (!updated) throw badRequest('updated_datetime was not provided');
  parseW3c('updated_datetime', updated);
  const description = one(p, 'description') ?? '';
  const media = mediaUrls(p);
  if (!description && media.length === 0) throw badRequest('description was not provided');
  if (description.length > 4000) throw badRequest('description is limited to 4,000 characters');

  const c = await ctx.db
    .selectFrom('cases')
    .select('id')
    .where('county_code', '=', key.countyCode)
    .where('number', '=', number)
    .executeTakeFirst();
  if (!c) throw notFound(`service_request_id ${number} was not found`);
  return createOnce({
    requestId: clientId,
    // the key's earlier update with this id
    find: (rid) =>
      ctx.db
        .selectFrom('open311_update')
        .select(['history_id', 'case_id'])
        .where('key_id', '=', key.id)
        .where('client_update_id', '=', rid)
        .executeTakeFirst(),
    constraint: 'open311_update_key_id_client_update_id_key',
    replay: (earlier) => {
      if (earlier.case_id !== c.id)
        throw badRequest(`update_id ${clientId} was already used for another service request`);
      return String(earlier.history_id);
    },
    create: () =>
      ctx.db.transaction().execute(async (tx) => {
        const { historyId } = await addComment(
          tx,
          {
            countyCode: key.countyCode,
            caseId: c.id,
            at: ctx.now(),
            text: withMedia(description, media, status),
            authorName: `Open311：${key.label}`,
            channel: 'open311',
          },
          requestId,
        );
        await tx
          .insertInto('open311_update')
          .values({
            county_code: key.countyCode,
            history_id: historyId,
            case_id: c.id,
            key_id: key.id,
            client_update_id: clientId,
            client_status: status,
            media_urls: media,
          })
          .execute();
        await markKeyUsed(tx, key.id, ctx.now());
        return String(historyId);
      }),
  });
}
