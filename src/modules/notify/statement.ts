import { sql, type RawBuilder } from 'kysely';
import type { About } from './about.js';

/**
 * The writes of one notice as common table expressions (`notice_inbox`, `notice_outbox`), for
 * a use case that makes its whole change in one statement (report intake). Values may be
 * SQL expressions over earlier CTEs: `recipients` is a query with one column `id`.
 */
export type NoticeRows = {
  countyCode: string;
  recipients: RawBuilder<unknown>;
  caseId: RawBuilder<unknown> | number | null;
  about?: About;
  kind: string;
  title: RawBuilder<unknown> | string;
  body?: string | null;
  bodyCode?: string | null;
  bodyParams?: Record<string, string | number> | null;
  /** the live event's extra fields (number, state), a jsonb expression */
  event: RawBuilder<unknown> | null;
  channel?: string;
};

const val = (v: RawBuilder<unknown> | string | number | null) =>
  v === null || typeof v === 'string' || typeof v === 'number' ? sql`${v}` : v;

export function noticeCtes(n: NoticeRows): RawBuilder<unknown> {
  const about = n.about ?? null;
  return sql`notice_to AS (${n.recipients}),
    notice_inbox AS (
      INSERT INTO notification (county_code, account_id, case_id, about_type, about_id, kind, title, body,
        body_code, body_params, event)
      SELECT ${n.countyCode}, notice_to.id, ${val(n.caseId)}::bigint, ${about?.type ?? null}::text,
        ${about?.id ?? null}::bigint, ${n.kind}, ${val(n.title)}::text, ${n.body ?? null}::text,
        ${n.bodyCode ?? null}::text, ${n.bodyParams ? JSON.stringify(n.bodyParams) : null}::jsonb, ${n.event ?? null}::jsonb
      FROM notice_to
      RETURNING 1
    ),
    notice_outbox AS (
      INSERT INTO outbox (county_code, channel, recipient, payload)
      SELECT ${n.countyCode}, ${n.channel ?? 'log'}, 'account:' || notice_to.id,
        jsonb_build_object('kind', ${n.kind}::text, 'title', ${val(n.title)}::text,
          'caseId', ${val(n.caseId)}::bigint,
          'about', ${about ? JSON.stringify(about) : null}::jsonb)
      FROM notice_to
      RETURNING 1
    )`;
}
