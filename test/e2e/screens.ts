/**
 * What the screen-by-screen browser tests (accessibility, English chrome) share: a case worth
 * looking at, and the walk through the field app's screens one user at a time.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { BrowserApp } from '../browser-app.js';
import { jpeg, pointInGrid, upload } from '../fixtures.js';
import { signIn } from '../helpers.js';

/** A case the demo resident reported and the grid worker handled on the spot with a photo: a timeline with photos. */
export async function handledCaseWithPhoto(h: BrowserApp): Promise<number> {
  const app = h.t.app;
  const resident = await signIn(app, 'resident');
  const worker = await signIn(app, 'gridworker');
  const me = (await app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json();
  const at = await pointInGrid(h.t.db, me.scope.code);
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: resident,
    payload: { categoryCode: 'E0102', description: '村口垃圾没人清', lat: at.lat, lng: at.lng },
  });
  const caseId = r.json<{ id: number }>().id;
  const photo = await upload(app, worker, await jpeg());
  await app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/actions/handle_on_spot`,
    headers: worker,
    payload: { photoIds: [photo], note: '已清运' },
  });
  return caseId;
}

/**
 * Opens each field-app screen (`{case}` in a path is `caseId`), signing in again on a fresh page
 * whenever the user changes; `opened` is told of each new page before it signs in, `check` of each screen.
 */
export async function walkFieldScreens(
  h: BrowserApp,
  ctx: BrowserContext,
  screens: ReadonlyArray<readonly [user: string, path: string]>,
  caseId: number,
  opened: (page: Page) => void,
  check: (page: Page, screen: string) => Promise<void>,
): Promise<void> {
  let who = '';
  let page: Page | undefined;
  for (const [user, path] of screens) {
    if (user !== who || !page) {
      await ctx.clearCookies();
      page = await ctx.newPage();
      opened(page);
      await h.signIn(page, '/m/', user);
      who = user;
    }
    await page.goto(`${h.base}/m${path.replace('{case}', String(caseId))}`);
    await check(page, `field ${user} ${path}`);
  }
}
