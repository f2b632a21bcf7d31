import { format } from './icu.js';

/**
 * A notification's body in the reader's language (issue 12): the server sends a code and its
 * parameters (`bodyCode`, `bodyParams`; src/modules/notify/body.ts) beside the Chinese text as
 * recorded. A person's own words (`text`) stay as written; old rows without a code show `body`.
 */
const BODY: Record<string, readonly [string, string]> = {
  note: ['说明：{text}', 'Note: {text}'],
  comment: ['群众补充：{text}', 'The resident adds: {text}'],
  question: ['问题：{text}', 'Question: {text}'],
  answer: ['答复：{text}', 'Answer: {text}'],
  balance: ['现有积分 {balance, number}', 'Balance: {balance, plural, one {# point} other {# points}}'],
};

export type NoticeWithBody = {
  body: string | null;
  bodyCode?: string | null;
  bodyParams?: Record<string, string | number> | null;
};

export function noticeBodyText(n: NoticeWithBody, lang: 'zh' | 'en'): string | null {
  const pair = n.bodyCode ? BODY[n.bodyCode] : undefined;
  if (!pair) return n.body;
  return format(pair[lang === 'zh' ? 0 : 1], n.bodyParams ?? {}, lang === 'zh' ? 'zh-CN' : 'en');
}
