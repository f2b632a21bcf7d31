import { api } from '../../shared/api.js';
import { ok, timeout } from '../net.js';
import { toCategory, type Category } from '../types.js';

// v2: in the reporter's order (?order=area: their kind of place, what is reported most there)
const KEY = 'wangge.field.categories.v2';
const MAX_AGE = 24 * 3600_000;

type Cached = { at: number; items: Category[] };

function cached(): Cached | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') as Cached | null;
  } catch {
    return null;
  }
}

/** Keep the whole catalogue on the phone (once a day) so a report can be written offline. */
export async function warmCategories(): Promise<void> {
  const c = cached();
  if (c && Date.now() - c.at < MAX_AGE) return;
  const res = await ok(
    api.GET('/api/v1/categories', { params: { query: { order: 'area' } }, signal: timeout(20_000) }),
  ).catch(() => null);
  if (res) localStorage.setItem(KEY, JSON.stringify({ at: Date.now(), items: res.items.map(toCategory) }));
}

function localSearch(q: string): Category[] {
  const items = cached()?.items ?? [];
  const term = q.trim().toLowerCase();
  if (!term) return items;
  return items.filter((c) =>
    [c.name, c.majorName, c.nameEn, ...c.keywords].some((s) => s.toLowerCase().includes(term)),
  );
}

/** GET /api/v1/categories?q= (searches names and keywords); the phone's copy when offline. */
export async function searchCategories(q: string): Promise<Category[]> {
  const term = q.trim().slice(0, 20);
  if (navigator.onLine) {
    const res = await ok(
      api.GET('/api/v1/categories', {
        params: { query: term ? { q: term, order: 'area' } : { order: 'area' } },
        signal: timeout(10_000),
      }),
    ).catch(() => null);
    if (res) {
      const items = res.items.map(toCategory);
      if (!term) localStorage.setItem(KEY, JSON.stringify({ at: Date.now(), items }));
      return items;
    }
  }
  return localSearch(term);
}
