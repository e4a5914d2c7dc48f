/**
 * A kern page opened again shows the copy this device kept of it (storage/pageSnapshot.ts)
 * from the service worker's HTML, before the app's code has run: inert and aria-busy, the
 * app's root hidden, the stylesheet's rules that the copy uses inline and allowed by the CSP
 * (they style it exactly as the whole stylesheet would); the app takes over in the frame its
 * own page has the points, once the whole stylesheet is there (or has failed; after
 * `failsafeMs` whatever it does). The copy holds the page's first screen on this device.
 * What is of the moment stays out of the copy, a form being open keeps the copy from before, what
 * changed on this device only is kept when the page is hidden, a copy of another build is
 * not shown, and forgetting the code forgets the copies. Real Chromium, the built PWA, the real server.
 */
import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { makeToken } from '../helpers/server';
import { e2eSession } from './session';
import { activatedServiceWorker } from './serviceWorker';
import { roomsOpenedAt, savedScreenTitles, slowRoomOpen } from './deviceData';
import { firstScreenParts, KernPage, shown } from './pages/app';
import { GemeenteScreen } from './pages/berichten';
import { syncStateLabels } from '../../src/sync/status';
import { failsafeMs } from '../../src/storage/pageSnapshot';

const e2e = e2eSession();

/** The copy of /kern/beesd this device keeps (null: none). */
const keptCopy = (page: Page) =>
  page.evaluate(async () => {
    if (!(await caches.has('kernplein-pages'))) return null;
    const response = await (await caches.open('kernplein-pages')).match('/kern/beesd');
    return response ? ((await response.json()) as { html: string; css: string | null }) : null;
  });

/** What the next load of the page shows, recorded from before its first byte is parsed. */
interface Seen {
  copyTitles: string[] | null;
  copyInert: boolean;
  copyBusy: boolean;
  /** The stylesheet was in the page (no request for it) and applied to the copy. */
  styledInline: boolean;
  rootHidden: boolean;
  titleWithCopy: string | null;
  /** The app's point cards when the copy went (null: it has not gone), and when it went. */
  cardsWhenDropped: number | null;
  droppedAt: number | null;
  /** The stylesheet's link had its sheet (loaded, or failed) when the copy went. */
  sheetWhenDropped: boolean;
  /** Where the first screen's parts stand in the copy, and in the app when the copy went. */
  copyTops: Record<string, number>;
  appTops: Record<string, number>;
  violations: string[];
}

async function watchTheLoad(page: Page): Promise<void> {
  await page.addInitScript((parts: string[]) => {
    /** Each part's top in `frame`, in px from the top of the page. */
    const tops = (frame: Element) =>
      Object.fromEntries(
        parts.flatMap((part) => {
          const element = frame.querySelector(part);
          return element ? [[part, element.getBoundingClientRect().top + window.scrollY]] : [];
        }),
      );
    const seen: Seen = {
      copyTitles: null,
      copyInert: false,
      copyBusy: false,
      styledInline: false,
      rootHidden: false,
      titleWithCopy: null,
      cardsWhenDropped: null,
      droppedAt: null,
      sheetWhenDropped: false,
      copyTops: {},
      appTops: {},
      violations: [],
    };
    (window as unknown as { __seen: Seen }).__seen = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
    new MutationObserver(() => {
      const copy = document.getElementById('snapshot');
      const root = document.getElementById('root');
      // Read once all of the copy is parsed (the page goes on after it): the parser may
      // stop halfway through it and go on in a later task.
      if (copy?.nextSibling && seen.copyTitles === null) {
        seen.copyTitles = [...copy.querySelectorAll('article.point h4')].map(
          (h) => h.textContent ?? '',
        );
        seen.copyInert = copy.hasAttribute('inert');
        seen.copyBusy = copy.getAttribute('aria-busy') === 'true';
        const header = copy.querySelector('.app-header');
        seen.styledInline =
          document.querySelector('link[rel="stylesheet"]') === null &&
          document.querySelector('style[data-href]') !== null &&
          header !== null &&
          getComputedStyle(header).backgroundColor === 'rgb(31, 95, 63)';
        seen.rootHidden = root?.hidden ?? false;
        seen.titleWithCopy = document.title;
        seen.copyTops = tops(copy);
      }
      if (!copy && seen.copyTitles !== null && seen.cardsWhenDropped === null) {
        seen.cardsWhenDropped = root?.hidden
          ? -1
          : document.querySelectorAll('#root article.point').length;
        seen.droppedAt = performance.now();
        seen.sheetWhenDropped =
          document.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')?.sheet != null;
        if (root) seen.appTops = tops(root);
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  }, firstScreenParts);
}

/** A screen tall enough for the whole page to be its first screen. */
const tallScreen = (page: Page) => page.setViewportSize({ width: 390, height: 2400 });

/** The page is hidden, as when the app is put away: it keeps its copy then. */
const hide = (page: Page) =>
  page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });

const seenOf = (page: Page) => page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);

/** Beesd's page opened by a reader, once the service worker that serves the copy is active. */
async function reader(page: Page): Promise<KernPage> {
  const kern = new KernPage(page);
  await kern.open('beesd', 'Beesd');
  await kern.waitForAgenda();
  await activatedServiceWorker(page);
  return kern;
}

async function committee(page: Page, name: string): Promise<KernPage> {
  const kern = new KernPage(page);
  await kern.open('beesd', 'Beesd');
  await kern.waitForAgenda();
  await kern.useAccessCode(await makeToken(e2e.server.dataDir, 'commissie', 'beesd', name));
  return kern;
}

/**
 * Opens the page again as the service worker serves it, with no script run (the copy stays,
 * with only the rules inline), then adds the whole stylesheet after them: what changed then
 * in any element of the copy (where it stands, any computed property of it or of its
 * `::before` and `::after`), and the inline rules the page had.
 */
async function copyWithWholeStylesheet(page: Page): Promise<{ inline: string; changed: string[] }> {
  const href = (await page.locator('link[rel="stylesheet"]').getAttribute('href'))!;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  try {
    await page.reload();
    await page.locator('#snapshot .app-header').waitFor(shown);
    expect(await page.locator('link[rel="stylesheet"]').count()).toBe(0);
    const inline = (await page.locator('style[data-href]').textContent())!;
    const looks = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('#snapshot *')].map((element, i) => {
          const { x, y, width, height } = element.getBoundingClientRect();
          const style = (pseudo: string) => {
            const computed = getComputedStyle(element, pseudo || undefined);
            return [...computed].map(
              (name) => `${pseudo}${name}: ${computed.getPropertyValue(name)}`,
            );
          };
          const name = `${i} ${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`;
          return [
            name,
            [
              `box: ${x} ${y} ${width} ${height}`,
              ...style(''),
              ...style('::before'),
              ...style('::after'),
            ],
          ] as const;
        }),
      );
    const before = await looks();
    expect(before.length).toBeGreaterThan(20);
    await page.evaluate((url) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = url;
      document.head.append(link);
    }, href);
    await expect
      .poll(() =>
        page.evaluate(
          () => document.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')!.sheet !== null,
        ),
      )
      .toBe(true);
    const after = await looks();
    const changed = after.flatMap(([name, values], i) =>
      values.flatMap((value, j) => {
        const was = before[i]![1][j];
        return value === was ? [] : [`${name}: ${was} -> ${value}`];
      }),
    );
    return { inline, changed };
  } finally {
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: false });
    await cdp.detach();
  }
}

describe('the copy of a kern page from the service worker', () => {
  it('shows at once when the page is opened again, inert, and the app takes over', async () => {
    const page = await e2e.phone();
    const kern = await committee(page, 'Anna');
    await kern.addPoint({ title: 'Bankje bij de kerk', theme: 'Openbare ruimte en groen' });
    // A `$&` in the page must come back as written (a string replacement would expand it).
    await kern.addPoint({
      title: 'Speeltuin $& opknappen',
      theme: 'Sport, cultuur en recreatie',
      amount: '1250',
    });
    expect((await activatedServiceWorker(page)).active).toBe('activated');
    // On the phone's screen the copy ends with it: the budget, not the points below it.
    await expect
      .poll(async () => (await keptCopy(page))?.html ?? '', { timeout: 15_000 })
      .toContain('€ 1.250');
    expect((await keptCopy(page))!.html).not.toContain('Bankje bij de kerk');
    const pointTop = await kern
      .point('Bankje bij de kerk')
      .evaluate((card) => card.getBoundingClientRect().top + window.scrollY);
    expect(pointTop).toBeGreaterThan(page.viewportSize()!.height);
    // On a screen that holds the whole page, the copy has the points too.
    await tallScreen(page);
    await hide(page);
    await expect
      .poll(async () => (await keptCopy(page))?.html ?? '', { timeout: 15_000 })
      .toContain('Speeltuin $&amp; opknappen');
    const kept = (await keptCopy(page))!;
    // What is of the moment is left out: messages, the sync status's words (its place stays,
    // blank); no inline style (CSP).
    expect(kept.html).not.toContain('Punt toegevoegd');
    expect(kept.html).not.toMatch(/data-now(?!="(words|offline)")/);
    expect(kept.html).toContain('class="sync-line" data-now="words"');
    for (const label of [...Object.values(syncStateLabels), 'gesynchroniseerd om'])
      expect(kept.html).not.toContain(label);
    expect(kept.html).not.toContain('style=');

    await watchTheLoad(page);
    await page.reload();
    await kern.waitForAgenda();
    const title = await page.title();
    expect(title).toMatch(/^Beesd/);
    const { copyTops, appTops, droppedAt, ...seen } = await seenOf(page);
    expect(copyTops).toEqual(appTops);
    expect(droppedAt).toBeGreaterThan(0);
    expect(seen).toEqual({
      copyTitles: ['Bankje bij de kerk', 'Speeltuin $& opknappen'],
      copyInert: true,
      copyBusy: true,
      styledInline: true,
      rootHidden: true,
      titleWithCopy: title,
      cardsWhenDropped: 2,
      sheetWhenDropped: true,
      violations: [],
    });
    // The copy is gone and the live page works.
    expect(await page.locator('#snapshot').count()).toBe(0);
    expect(await page.locator('#root').getAttribute('hidden')).toBeNull();
    const form = await kern.editPoint('Bankje bij de kerk');
    await form.getByLabel('Titel').fill('Bankje bij de kerk en de school');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await kern.point('Bankje bij de kerk en de school').waitFor(shown);
    await expect
      .poll(async () => (await keptCopy(page))?.html ?? '', { timeout: 15_000 })
      .toContain('Bankje bij de kerk en de school');

    // What changes on this device only (here: following the kern) is in the copy kept when
    // the page is hidden, as when the app is put away.
    const followButton = (pressed: boolean) =>
      page.locator('#root').getByRole('button', { name: 'Volg Beesd', pressed });
    await followButton(false).click();
    await followButton(true).waitFor(shown);
    await hide(page);
    await expect
      .poll(async () => (await keptCopy(page))?.html ?? '', { timeout: 5_000 })
      .toMatch(/class="follow[^"]*" aria-pressed="true"/);
  });

  it('stands where the app will: nothing on the first screen moves when the app takes over', async () => {
    // A reader: the form for an access code is part of the first screen.
    const page = await e2e.phone();
    const kern = await reader(page);
    // A code typed and not used is not kept in the copy, nor is its error.
    const field = page.locator('#root').getByLabel('Toegangscode');
    await field.fill('geheim-en-half-geplakt');
    await page.locator('#root').getByRole('button', { name: 'Code gebruiken' }).click();
    await page.locator('#root .field-error').waitFor(shown);
    await hide(page);
    await expect
      .poll(async () => (await keptCopy(page))?.html ?? '', { timeout: 15_000 })
      .toContain('class="access-form"');
    const kept = (await keptCopy(page))!.html;
    expect(kept).not.toContain('geheim-en-half-geplakt');
    expect(kept).not.toContain('field-error');

    const opened = async (): Promise<Record<string, number>> => {
      await watchTheLoad(page);
      await page.reload();
      await kern.waitForAgenda();
      const { copyTitles, copyTops, appTops } = await seenOf(page);
      expect(copyTitles).not.toBeNull(); // the copy was shown
      expect(Object.keys(copyTops).length).toBeGreaterThanOrEqual(4);
      // What the copy shows stands where the app shows it (the app may show more below).
      const inCopy = Object.keys(copyTops);
      expect(copyTops).toEqual(Object.fromEntries(inCopy.map((part) => [part, appTops[part]])));
      return copyTops;
    };
    const online = await opened();
    expect(Object.keys(online)).toContain('.access-form input');

    // Offline the app says so in the header, under the sync status: the copy makes room for it.
    await page.context().setOffline(true);
    const offline = await opened();
    expect(offline['.kern-head h1']).toBeGreaterThan(online['.kern-head h1']!);
    await page.context().setOffline(false);

    // A commissie member: no form, a line saying who is signed in. The copy is kept again when
    // the code is used (not only when the page is hidden, which a closed browser may skip).
    await kern.useAccessCode(await makeToken(e2e.server.dataDir, 'commissie', 'beesd', 'Els'));
    await expect
      .poll(async () => (await keptCopy(page))?.html ?? '', { timeout: 15_000 })
      .toContain('ingelogd als Els, commissie Beesd: je kunt deze kernagenda wijzigen');
    expect(Object.keys(await opened())).not.toContain('.access-form input');

    // A member of another kern's commissie: the form, and a line that the code does not
    // write here.
    await kern.forgetCode();
    const other = await makeToken(e2e.server.dataDir, 'commissie', 'heukelum', 'Fenna');
    await field.fill(other);
    await page.locator('#root').getByRole('button', { name: 'Code gebruiken' }).click();
    const line =
      'Je bent ingelogd als Fenna, commissie Heukelum. Daarmee kun je deze kernagenda niet wijzigen.';
    await page.locator('#root').getByText(line).waitFor(shown);
    await expect
      .poll(async () => (await keptCopy(page))?.html ?? '', { timeout: 15_000 })
      .toContain(line);
    expect(Object.keys(await opened())).toContain('.access-form input');
  });

  it('carries only the rules its first screen uses, and the app is shown with the whole stylesheet', async () => {
    const page = await e2e.phone();
    const kern = await reader(page);
    await hide(page);
    await expect
      .poll(async () => (await keptCopy(page))?.css ?? '', { timeout: 15_000 })
      .toContain('.app-header');
    const rules = (await keptCopy(page))!.css!;
    const href = (await page.locator('link[rel="stylesheet"]').getAttribute('href'))!;
    const whole = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(rules.length).toBeLessThan(whole.length / 2);
    expect(rules).not.toContain('@media print');

    // The page as the service worker serves it, and no script run: the copy with its rules.
    expect(await copyWithWholeStylesheet(page)).toEqual({ inline: rules, changed: [] });

    // The app loads the whole stylesheet itself, and shows its page only once it is there:
    // here it comes two seconds late (taken out of the service worker's cache, so it is
    // fetched), long after the app has drawn its page.
    const uncache = () =>
      page.evaluate(async (url) => {
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys())
            if (new URL(request.url).pathname === url) await cache.delete(request);
        }
      }, href);
    await uncache();
    let delayed = 0;
    await page.context().route(`**${href}`, async (route) => {
      delayed++;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await route.continue();
    });
    await watchTheLoad(page);
    await page.reload();
    await kern.waitForAgenda();
    await expect.poll(async () => (await seenOf(page)).cardsWhenDropped).not.toBeNull();
    await page.context().unrouteAll({ behavior: 'wait' });
    const seen = await seenOf(page);
    expect(delayed).toBeGreaterThanOrEqual(1);
    expect(seen.copyTitles).not.toBeNull();
    expect(seen.sheetWhenDropped).toBe(true);
    expect(seen.copyTops).toEqual(
      Object.fromEntries(Object.keys(seen.copyTops).map((part) => [part, seen.appTops[part]])),
    );

    // A stylesheet that cannot come at all (it failed before the app drew its page) does not
    // keep the app hidden behind the copy. In a new tab: the old one's renderer keeps the
    // stylesheet in its memory cache.
    await uncache(); // the service worker cached it again when it came
    let refused = 0;
    await page.context().route(`**${href}`, (route) => {
      refused++;
      return route.abort('internetdisconnected');
    });
    const tab = await page.context().newPage();
    await watchTheLoad(tab);
    await tab.goto('/kern/beesd');
    await tab.locator('#root .agenda-view').waitFor({ state: 'visible', timeout: 4_000 });
    await page.context().unrouteAll({ behavior: 'wait' });
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(await tab.locator('#snapshot').count()).toBe(0);
    // The stylesheet failed: Chromium gives the link an empty sheet that may not be read.
    const failed = await tab.evaluate(() => {
      try {
        return document.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')!.sheet!.cssRules
          .length;
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(failed).toBe('SecurityError');
    expect((await seenOf(tab)).copyTitles).not.toBeNull();

    // A stylesheet that neither comes nor fails (a request that hangs): the app is shown
    // after `failsafeMs` all the same, unstyled rather than hidden. The copy kept last must
    // carry its rules: the tab above kept one without them (its stylesheet was refused), and
    // without rules the page links the stylesheet, which then holds up the app's script.
    await tab.close();
    await hide(page);
    await expect.poll(async () => (await keptCopy(page))?.css ?? null).not.toBeNull();
    await uncache();
    const held: Route[] = [];
    await page.context().route(`**${href}`, (route) => void held.push(route));
    const hung = await page.context().newPage();
    await watchTheLoad(hung);
    const asked = performance.now();
    await hung.goto('/kern/beesd', { waitUntil: 'domcontentloaded' });
    await hung.locator('#root .agenda-view').waitFor({ state: 'visible', timeout: 12_000 });
    const shownAfter = performance.now() - asked;
    expect(held.length).toBeGreaterThanOrEqual(1);
    expect(shownAfter).toBeGreaterThanOrEqual(failsafeMs - 500);
    expect(await hung.locator('#snapshot').count()).toBe(0);
    expect((await seenOf(hung)).copyTitles).not.toBeNull();
    await page.context().unrouteAll({ behavior: 'ignoreErrors' });
    await Promise.all(held.map((route) => route.abort().catch(() => {})));
  });

  it('keeps the copy from before while a form is open', async () => {
    const page = await e2e.phone();
    await tallScreen(page);
    const kern = await committee(page, 'Bram');
    await expect
      .poll(async () => (await keptCopy(page))?.html ?? '', { timeout: 15_000 })
      .toContain('Punten op de kernagenda');
    const before = (await keptCopy(page))!.html;
    await kern.addButton.click();
    await kern.newPointForm.waitFor(shown);

    // Another member adds a point: this page draws it and keeps its screen, not a copy.
    const other = await committee(await e2e.phone(), 'Carla');
    await other.addPoint({ title: 'Zonnepanelen op het dorpshuis', theme: 'Voorzieningen' });
    await kern.point('Zonnepanelen op het dorpshuis').waitFor(shown);
    await expect
      .poll(() => savedScreenTitles(page, 'kern/beesd/agenda'), { timeout: 15_000 })
      .toContain('Zonnepanelen op het dorpshuis');
    expect((await keptCopy(page))!.html).toBe(before);
  });

  it('is not shown by another build, and is forgotten with the code', async () => {
    const page = await e2e.phone();
    await tallScreen(page);
    const kern = await committee(page, 'Dirk');
    await kern.addPoint({ title: 'Jeu-de-boulesbaan', theme: 'Sport, cultuur en recreatie' });
    await activatedServiceWorker(page);
    await expect
      .poll(async () => (await keptCopy(page))?.html ?? '', { timeout: 15_000 })
      .toContain('Jeu-de-boulesbaan');

    // The same copy, as if kept by another build: its markup may not fit this stylesheet.
    await page.evaluate(async () => {
      const cache = await caches.open('kernplein-pages');
      const response = (await cache.match('/kern/beesd'))!;
      const headers = new Headers(response.headers);
      headers.set('X-Kernplein-Build', '/assets/index-older.js /assets/index-older.css');
      await cache.put('/kern/beesd', new Response(await response.text(), { headers }));
    });
    await watchTheLoad(page);
    await page.reload();
    await kern.waitForAgenda();
    expect((await seenOf(page)).copyTitles).toBeNull();

    // It shows what the code allowed; forgetting the code forgets it.
    expect((await keptCopy(page))!.html).toContain('ingelogd als Dirk');
    await kern.forgetCode();
    await expect
      .poll(async () => (await keptCopy(page))?.html ?? '', { timeout: 5_000 })
      .not.toContain('ingelogd als Dirk');
  });
  // Last: the notice it posts is on every Beesd page from then on.
  it('stands where the app will with a notice of the gemeente above the agenda', async () => {
    const gemeente = new GemeenteScreen(await e2e.phone());
    await gemeente.open();
    await gemeente.useCode(await makeToken(e2e.server.dataDir, 'gemeente', undefined, 'Gemeente'));
    await gemeente.post({
      kind: 'Werkzaamheden',
      title: 'Riolering Markt',
      text: 'De Markt is twee weken dicht voor verkeer.',
      kernen: ['Beesd'],
      place: 'Markt',
    });

    const page = await e2e.phone();
    const kern = new KernPage(page);
    await kern.open('beesd', 'Beesd');
    await kern.waitForAgenda();
    await page.locator('#root').getByRole('article', { name: 'Riolering Markt' }).waitFor(shown);
    await activatedServiceWorker(page);
    await hide(page);
    await expect
      .poll(async () => (await keptCopy(page))?.html ?? '', { timeout: 15_000 })
      .toContain('Riolering Markt');
    await watchTheLoad(page);
    await page.reload();
    await kern.waitForAgenda();
    const { copyTitles, copyTops, appTops } = await seenOf(page);
    expect(copyTitles).not.toBeNull();
    expect(Object.keys(copyTops)).toContain('section.kern-berichten');
    expect(copyTops).toEqual(
      Object.fromEntries(Object.keys(copyTops).map((part) => [part, appTops[part]])),
    );
    expect((await copyWithWholeStylesheet(page)).changed).toEqual([]);

    // The saved screen holds the notice: the app shows its first screen, the notice above the
    // agenda where the copy had it, without waiting for the notices' room to load.
    await slowRoomOpen(page, ['kern/beesd/agenda', 'gemeente/berichten'], 1_500);
    await page.reload();
    await kern.waitForAgenda();
    const again = await seenOf(page);
    const openedAt = await roomsOpenedAt(page);
    expect(again.cardsWhenDropped).toBeGreaterThan(0);
    expect(again.droppedAt).toBeLessThan(openedAt['gemeente/berichten']!);
    expect(Object.keys(again.appTops)).toContain('section.kern-berichten');
    expect(again.copyTops).toEqual(
      Object.fromEntries(Object.keys(again.copyTops).map((part) => [part, again.appTops[part]])),
    );
  });
});
