import createClient from 'openapi-fetch';
import type { paths } from './api-schema.js';

/**
 * The typed API client (types generated from the server's OpenAPI document by
 * `npm run openapi`). The session cookie is sent automatically (same origin).
 */
export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });

export type ApiError = { error: { code: string; message: string; messageEn: string } };

/** The message of an API error in the current language. */
export function errorText(err: unknown, lang: 'zh' | 'en' = currentLang()): string {
  const e = (err as ApiError | undefined)?.error;
  if (!e) return lang === 'zh' ? '网络异常，请稍后重试' : 'Network error, please retry';
  return lang === 'zh' ? e.message : e.messageEn;
}

export function currentLang(): 'zh' | 'en' {
  return localStorage.getItem('wangge.lang') === 'en' ? 'en' : 'zh';
}

export function setLang(lang: 'zh' | 'en'): void {
  localStorage.setItem('wangge.lang', lang);
}
