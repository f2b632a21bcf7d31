/**
 * A client's media_url is a link, never fetched by the server (no requests to arbitrary
 * hosts). Staff see it as a line appended to the case description or comment; Open311
 * output shows the client's own text, so the exact suffix is removed again (the URLs are
 * kept with the Open311 record, so the suffix can be rebuilt).
 */
const LABEL = '[附图 media_url]';

export function mediaSuffix(urls: readonly string[], status?: string | null): string {
  const lines = urls.map((u) => `${LABEL} ${u}`);
  if (status && status !== 'OPEN') lines.push(`[Open311 status: ${status}]`);
  return lines.length ? `\n\n${lines.join('\n')}` : '';
}

export function withMedia(text: string, urls: readonly string[], status?: string | null): string {
  return `${text}${mediaSuffix(urls, status)}`;
}

export function withoutMedia(text: string, urls: readonly string[], status?: string | null): string {
  const suffix = mediaSuffix(urls, status);
  return suffix && text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
}

/** Only absolute http(s) links of sane length are kept. */
export function checkMediaUrl(url: string): string | null {
  if (url.length > 2000) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}
