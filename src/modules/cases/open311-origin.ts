import type { DbOrTx } from '../../platform/db/database.js';

export type Open311Origin = { client: string; originalText: string; mediaUrls: string[] };

/** The line open311/media-text.ts appends per client media_url (kept in step with it; tested there and here). */
const mediaLine = (u: string) => `[附图 media_url] ${u}`;

/**
 * Where a case came from when a foreign Open311 client sent it: the client (its key's label),
 * the text as the client sent it (the media lines staff see appended are taken off again) and
 * its media links — links only, the server never fetches them. null for every other case.
 */
export async function open311Origin(
  db: DbOrTx,
  countyCode: string,
  caseId: number,
  description: string,
): Promise<Open311Origin | null> {
  const row = await db
    .selectFrom('open311_request as r')
    .innerJoin('open311_key as k', 'k.id', 'r.key_id')
    .select(['k.label', 'r.media_urls'])
    .where('r.county_code', '=', countyCode)
    .where('r.case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) return null;
  const urls = row.media_urls.filter((u) => /^https?:\/\//.test(u));
  const suffix = urls.length ? `\n\n${urls.map(mediaLine).join('\n')}` : '';
  const originalText =
    suffix && description.endsWith(suffix) ? description.slice(0, -suffix.length) : description;
  return { client: row.label, originalText, mediaUrls: urls };
}
