/**
 * A notification's body as a code and its parameters (issue 12), so each app shows it in the
 * reader's language: `balance` {balance: 120} reads "现有积分 120" or "Balance: 120 points". A
 * person's own words (a note, a comment, a question) travel as the `text` parameter and are shown
 * as written, under a label in the reader's language. `body` keeps the Chinese text as recorded:
 * what old rows, the outbox and any client that ignores the code read.
 */
export const BODY_CODES = ['note', 'comment', 'question', 'answer', 'balance'] as const;
export type BodyCode = (typeof BODY_CODES)[number];
export type BodyParams = Record<string, string | number>;

/** The Chinese text stored with each code (as the modules wrote it before codes). */
const ZH: Record<BodyCode, (p: BodyParams) => string> = {
  note: (p) => String(p.text),
  comment: (p) => String(p.text),
  question: (p) => String(p.text),
  answer: (p) => String(p.text),
  balance: (p) => `现有积分 ${p.balance}`,
};

export type NoticeBody = { body: string; bodyCode: BodyCode; bodyParams: BodyParams };

/** The body of a notice: its code, parameters and the Chinese text kept as the record. */
export function noticeBody(code: BodyCode, params: BodyParams): NoticeBody {
  return { body: ZH[code](params), bodyCode: code, bodyParams: params };
}

/** A person's own words as a body (`note`, `comment` …), or nothing when there are none. */
export function wordsBody(code: Exclude<BodyCode, 'balance'>, text: string | null | undefined) {
  return text ? noticeBody(code, { text }) : {};
}
