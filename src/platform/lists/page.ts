import { z } from 'zod';
import { AppError } from '../errors.js';

/** Paging of every list: at most 200 a page; the answer carries the exact total of the filter. */
export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};

/** A page of a list and the exact number of rows its filter matches. */
export const Paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });

/**
 * A keyword to look for in a list's text columns (number, description, address …). Digits that could
 * be a phone or ID number are refused: a person's number is found through its blind index, never by
 * a LIKE on text people wrote (which is how it would otherwise leak past the reveal rule).
 */
export const Keyword = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .optional()
  .describe('words in the number, description or address (not a phone or ID number: use phone)');

const LONG_DIGITS = /\d{7,}/;

/** The ILIKE pattern of a keyword, wildcards escaped; 400 when it holds a phone- or ID-like number. */
export function likePattern(keyword: string): string {
  const plain = keyword.normalize('NFKC');
  if (LONG_DIGITS.test(plain.replace(/[\s\-–—.()+]/g, '')))
    throw new AppError('VALIDATION_FAILED', {
      detail: '关键词不能是电话或身份证号码，请用电话检索',
      detailEn: 'a keyword cannot be a phone or ID number: search by phone instead',
    });
  return `%${plain.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A case (or record) number or part of it: digits and dashes only (not personal data). */
export const NumberSearch = z
  .string()
  .trim()
  .regex(/^[0-9-]{3,24}$/)
  .optional()
  .describe('the record number or a part of it');

/** The ILIKE pattern of a number search (digits and dashes need no escaping). */
export const numberPattern = (n: string) => `%${n}%`;
