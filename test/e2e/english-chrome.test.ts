/**
 * Issue 12: in English, no Chinese is left in the chrome of either app — menus, headers, buttons,
 * labels, tabs, empty states, placeholders and accessible names — on every main screen, at 1440 px
 * (centre) and 360 px (field app). Data may stay Chinese (names of places and people, case text).
 *
 * How chrome is told from data, without marking either: every string the API sent the page is data.
 * A run of Chinese characters on screen that is not part of some string the API sent came from the
 * app itself, so it is untranslated chrome. Elements marked `lang="zh…"` are Chinese on purpose
 * (the switch back to 中文).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';
import { handledCaseWithPhoto, walkFieldScreens } from './screens.js';

const chromium = await requireChromium();
const h = useBrowserApp();

const CENTRE_SCREENS = [
  'workbench',
  'cases',
  'dashboard',
  'territory',
  'people',
  'visits',
  'workers',
  'party',
  'wishes',
  'errands',
  'disclosures',
  'disputes',
  'petitions',
  'teams',
  'cadres',
  'enterprises',
  'admin',
];

const FIELD_SCREENS: Array<[user: string, path: string]> = [
  ['resident', '/'],
  ['resident', '/report'],
  ['resident', '/cases'],
  ['resident', '/cases/{case}'],
  ['resident', '/messages'],
  ['resident', '/wishes'],
  ['resident', '/errands'],
  ['resident', '/disclosures'],
  ['resident', '/my-data'],
  ['gridworker', '/'],
  ['gridworker', '/cases'],
  ['gridworker', '/cases/{case}'],
  ['gridworker', '/visits'],
  ['parttime', '/points'],
];

let caseId = 0;
beforeAll(async () => {
  caseId = await handledCaseWithPhoto(h);
}, 60_000);

/** Every string value in a JSON answer. */
function strings(v: unknown, out: Set<string>): void {
  if (typeof v === 'string') out.add(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
}

/** Collects the strings of every API answer the page reads (its data). */
function watchData(page: Page): { data: Set<string>; pending: Array<Promise<unknown>> } {
  const w = { data: new Set<string>(), pending: [] as Array<Promise<unknown>> };
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (!url.pathname.startsWith('/api/') && !url.pathname.startsWith('/open311/')) return;
    if (!(res.headers()['content-type'] ?? '').includes('json')) return;
    w.pending.push(
      res.json().then(
        (j) => strings(j, w.data),
        () => undefined,
      ),
    );
  });
  return w;
}

async function settled(page: Page): Promise<void> {
  const busy = page.locator('.ant-spin-spinning, .adm-dot-loading, .ant-skeleton-active');
  await expect.poll(() => busy.count(), { timeout: 20_000 }).toBe(0);
  await page.waitForLoadState('networkidle');
}

/** The runs of Chinese characters in the page's visible text and accessible names that no data holds. */
async function chromeChinese(page: Page, w: ReturnType<typeof watchData>, screen: string): Promise<string[]> {
  await settled(page);
  await Promise.all(w.pending);
  const seen: Array<{ run: string; where: string }> = await page.evaluate(`(() => {
    const han = /\\p{Script=Han}+/gu;
    const out = [];
    const skip = (el) => !el || el.closest('[lang^="zh"], script, style, noscript');
    const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    const add = (text, el, kind) => {
      for (const m of text.matchAll(han)) out.push({ run: m[0], where: kind + ' «' + text.trim().slice(0, 60) + '» in <' + el.tagName.toLowerCase() + (el.dataset.testid ? ' data-testid=' + el.dataset.testid : '') + '>' });
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (skip(el) || !visible(el)) continue;
      add(n.textContent || '', el, 'text');
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title], img[alt]')) {
      if (skip(el)) continue;
      for (const a of ['placeholder', 'aria-label', 'title', 'alt']) { const v = el.getAttribute(a); if (v) add(v, el, a); }
    }
    add(document.title, document.body, 'document.title');
    return out;
  })()`);
  const data = [...w.data];
  return [
    ...new Set(
      seen
        .filter(({ run }) => !data.some((d) => d.includes(run)))
        .map((s) => `${screen}: ${s.run} — ${s.where}`),
    ),
  ];
}

async function english(kind: 'desk' | 'phone') {
  const ctx = await h.context(kind);
  await ctx.addInitScript("localStorage.setItem('wangge.lang', 'en')");
  return ctx;
}

describe.skipIf(!chromium)('English leaves no Chinese in the chrome', () => {
  it('the command centre, every main screen and a case', { timeout: 400_000 }, async () => {
    const found: string[] = [];
    onTestFailed(() => console.log(found.join('\n')));
    let page = await (await english('desk')).newPage();
    let w = watchData(page);
    await page.goto(`${h.base}/`);
    await page.getByTestId('login-submit').waitFor();
    found.push(...(await chromeChinese(page, w, 'centre sign-in')));
    await h.signIn(page, '/', 'admin');
    const visited: string[] = [];
    for (const s of CENTRE_SCREENS) {
      await page.goto(`${h.base}/${s}`);
      await page.getByTestId('menu-workbench').waitFor();
      if ((await page.getByTestId(`menu-${s}`).count()) === 0) continue; // not the administrator's
      visited.push(s);
      found.push(...(await chromeChinese(page, w, `centre /${s}`)));
    }
    expect(visited.length).toBeGreaterThanOrEqual(12);
    page = await (await english('desk')).newPage();
    w = watchData(page);
    await h.signIn(page, '/', 'county');
    await page.goto(`${h.base}/cases/${caseId}`);
    await page.getByTestId('timeline').waitFor();
    found.push(...(await chromeChinese(page, w, 'centre case detail')));
    expect(found).toEqual([]);
  });

  it('the field app, every main screen of a resident and grid workers', { timeout: 400_000 }, async () => {
    const found: string[] = [];
    onTestFailed(() => console.log(found.join('\n')));
    const ctx = await english('phone');
    const page = await ctx.newPage();
    let w = watchData(page);
    await page.goto(`${h.base}/m/`);
    await page.getByTestId('login-submit').waitFor();
    found.push(...(await chromeChinese(page, w, 'field sign-in')));
    await walkFieldScreens(
      h,
      ctx,
      FIELD_SCREENS,
      caseId,
      (p) => (w = watchData(p)),
      async (p, screen) => {
        found.push(...(await chromeChinese(p, w, screen)));
      },
    );
    expect(found).toEqual([]);
  });
});
