/**
 * The home page and a kern page as people use them, in real Chromium against the built PWA
 * and the real server: searching and following kernen; a commissie member deleting a point
 * (with the confirmation) while a read-only visitor watches; grouping by theme or status;
 * the budget rules as plain Dutch warnings; the example kernagenda of `--demo`; and the sync
 * indicator in the header. One browser context per person/device.
 */
import type { WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGemeenteConfig } from '../../src/config/gemeente';
import { addPoint, readKernagenda } from '../../src/model/kernagenda';
import { connect, makeToken, repoRoot, startServer, until } from '../helpers/server';
import { copyBuild } from './build';
import { e2eSession } from './session';
import { HomePage, KernPage, shown } from './pages/app';

const e2e = e2eSession();

const phone = (url?: string) => e2e.phone(url);

/** A commissie member of `slug` on their own phone, signed in with a real access code. */
async function member(slug: string, kernName: string, name: string): Promise<KernPage> {
  const kern = new KernPage(await phone());
  await kern.open(slug, kernName);
  await kern.waitForAgenda();
  await kern.useAccessCode(await makeToken(e2e.server.dataDir, 'commissie', slug, name));
  return kern;
}

/** A resident without a code: reads the kernagenda only. */
async function visitor(slug: string, kernName: string, url?: string): Promise<KernPage> {
  const kern = new KernPage(await phone(url));
  await kern.open(slug, kernName);
  await kern.waitForAgenda();
  return kern;
}

/** "14:05" as the header shows a time of today on a Dutch phone in the Netherlands. */
const clock = new Intl.DateTimeFormat('nl-NL', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

/** Every clock reading from `from` to `to` (both included), minute by minute. */
function clockReadings(from: number, to: number): string[] {
  const readings = new Set<string>();
  for (let t = from - (from % 60_000); t <= to; t += 60_000) readings.add(clock.format(t));
  return [...readings];
}

describe('home page', () => {
  it('lists the pilots first and filters the kernen by what you type', async () => {
    const home = new HomePage(await phone());
    await home.open();
    await home
      .kernList('Alle kernen')
      .getByRole('link', { name: /^Waardenburg/ })
      .waitFor(shown);

    const all = await home.kernenIn('Alle kernen');
    expect(all).toHaveLength(26);
    expect(all.slice(0, 2)).toEqual(['Beesd', 'Heukelum']);
    expect(await home.pilotsIn('Alle kernen')).toEqual(['Beesd', 'Heukelum']);
    const rest = all.slice(2);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, 'nl')));
    expect(rest[0]).toBe('Acquoy');

    await home.search('heu');
    await home.searchResult.getByText('1 kern gevonden.', { exact: true }).waitFor(shown);
    expect(await home.kernenIn('Alle kernen')).toEqual(['Heukelum']);

    // Case does not matter; among several matches the pilot still comes first.
    await home.search('EL');
    await home.searchResult.getByText('5 kernen gevonden.', { exact: true }).waitFor(shown);
    expect(await home.kernenIn('Alle kernen')).toEqual([
      'Heukelum',
      'Geldermalsen',
      'Gellicum',
      'Heesselt',
      'Hellouw',
    ]);

    await home.search('xyz');
    await home.searchResult
      .getByText('Geen kern gevonden met "xyz".', { exact: true })
      .waitFor(shown);
    expect(await home.kernList('Alle kernen').count()).toBe(0);
    expect(await home.page.getByRole('main').getByRole('link').count()).toBe(0);

    await home.search('');
    await home
      .kernList('Alle kernen')
      .getByRole('link', { name: /^Waardenburg/ })
      .waitFor(shown);
    expect(await home.kernenIn('Alle kernen')).toEqual(all);
    expect(await home.searchResult.textContent()).toBe('');
  });

  it('puts a followed kern on top, in "Jouw kernen", also after a reload', async () => {
    const home = new HomePage(await phone());
    await home.open();
    await home.follow('Tricht');

    const showsTrichtOnTop = async () => {
      await home.page.getByRole('heading', { level: 2, name: 'Jouw kernen' }).waitFor(shown);
      expect(await home.kernenIn('Jouw kernen')).toEqual(['Tricht']);
      const others = await home.kernenIn('Andere kernen');
      expect(others).toHaveLength(25);
      expect(others).not.toContain('Tricht');
      expect(others.slice(0, 2)).toEqual(['Beesd', 'Heukelum']);
      expect(await home.kernList('Alle kernen').count()).toBe(0);
      // The followed section comes first on the page.
      const first = await home.page.getByRole('main').getByRole('link').first().innerText();
      expect(first.split('\n')[0]).toBe('Tricht');
      await home.page.getByRole('button', { name: 'Volg Tricht', pressed: true }).waitFor(shown);
    };
    await showsTrichtOnTop();

    await home.page.reload();
    await showsTrichtOnTop();

    // The search filters the followed section too.
    await home.search('heu');
    await home.searchResult.getByText('1 kern gevonden.', { exact: true }).waitFor(shown);
    expect(await home.kernList('Jouw kernen').count()).toBe(0);
    expect(await home.kernenIn('Andere kernen')).toEqual(['Heukelum']);
  });

  it("asks to keep this device's storage once a kern is followed, not before", async () => {
    const page = await phone();
    // Count the app's requests for persistent storage (the browser's answer stays its own).
    await page.addInitScript(() => {
      const w = window as unknown as { persistAsked: number };
      w.persistAsked = 0;
      const persist = navigator.storage.persist.bind(navigator.storage);
      navigator.storage.persist = () => {
        w.persistAsked++;
        return persist();
      };
    });
    const home = new HomePage(page);
    await home.open();
    const asked = () =>
      page.evaluate(() => (window as unknown as { persistAsked: number }).persistAsked);
    expect(await asked()).toBe(0);
    await home.follow('Rumpt');
    await expect.poll(asked).toBe(1);
  });
});

describe('kern page', () => {
  it('comes with a preload of its own code, every file of it in the build', async () => {
    const res = await fetch(`${e2e.server.url}/kern/beesd`);
    expect(res.status).toBe(200);
    const links = [...(res.headers.get('link') ?? '').matchAll(/<([^>]+)>; rel=(\w+)/g)];
    const files = links.map((m) => m[1]!);
    expect(files.some((f) => /^\/assets\/KernPage-[\w-]+\.js$/.test(f))).toBe(true);
    for (const [, file, rel] of links) {
      const asset = await fetch(`${e2e.server.url}${file}`);
      expect(asset.status, file).toBe(200);
      expect(asset.headers.get('content-type')).toBe(
        rel === 'modulepreload' ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
      );
    }
    // What index.html loads (its stylesheet, the main bundle) comes first, then the page's
    // own code: the page chunk and the chunk that pages share, not a file per shared module.
    const html = await res.text();
    const main = /src="(\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    const css = /href="(\/assets\/index-[\w-]+\.css)"/.exec(html)?.[1];
    expect(files.slice(0, 2)).toEqual([css, main]);
    expect(files.length).toBeLessThanOrEqual(5);
    expect((await fetch(`${e2e.server.url}/`)).headers.get('link')).toBeNull();
  });

  it('says plainly when its code cannot be fetched, and loads when tried again', async () => {
    // A first visit (no service worker yet) on a connection that drops the page's own code.
    const page = await phone();
    const chunk = '**/assets/KernPage-*.js';
    await page.context().route(chunk, (route) => route.abort('internetdisconnected'));
    await page.goto('/kern/beesd');
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: 'Deze pagina kan nu niet laden' }).waitFor(shown);
    expect(await alert.textContent()).toContain('Je wijzigingen zijn bewaard op dit apparaat.');

    await page.context().unroute(chunk);
    await alert.getByRole('button', { name: 'Opnieuw proberen' }).click();
    const kern = new KernPage(page);
    await kern.heading('Beesd').waitFor(shown);
    await kern.waitForAgenda();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('has its shape at once on a first visit, and the kernagenda comes in below it', async () => {
    // The relay holds the first connection: the server's copy has not come in yet.
    const page = await phone();
    let hold = true;
    const held: WebSocketRoute[] = [];
    await page.context().routeWebSocket(/\/sync\//, (ws) => {
      if (hold) held.push(ws);
      else ws.connectToServer();
    });
    const kern = new KernPage(page);
    await kern.open('haaften', 'Haaften');
    await page.getByText('Kernagenda laden…').waitFor(shown);
    const agenda = page.locator('.agenda-view');
    expect(await agenda.getAttribute('aria-busy')).toBe('true');
    expect(await agenda.evaluate((view) => (view as HTMLElement).inert)).toBe(true);
    const year = page.getByLabel('Budgetjaar');
    await year.waitFor(shown);
    const before = (await year.boundingBox())!;

    // The server's copy comes in: the points and budget fill in below; nothing above moves.
    hold = false;
    for (const ws of held) await ws.close({ code: 4500, reason: 'geen verbinding' });
    await kern.waitForAgenda();
    expect(await page.getByText('Kernagenda laden…').count()).toBe(0);
    expect((await year.boundingBox())!.y).toBe(before.y);
  });

  it('draws its first cards at once and the rest right after: every point, every group', async () => {
    // A long kernagenda, written by a committee member's device (a real client).
    const config = parseGemeenteConfig(
      JSON.parse(readFileSync(join(repoRoot, 'src/config/gemeenten/west-betuwe.json'), 'utf8')),
    );
    const token = await makeToken(e2e.server.dataDir, 'commissie', 'spijk', 'Ans');
    const writer = connect(e2e.server.url, 'kern/spijk/agenda', token);
    await until(() => writer.provider.synced, { message: 'writer synced' });
    const themes = config.themes.slice(0, 3).map((t) => t.id);
    const ids = Array.from({ length: 25 }, (_, i) =>
      addPoint(
        writer.doc,
        { title: `Punt ${i + 1}`, theme: themes[i % 3]!, owner: 'samen', status: 'idee' },
        { actor: 'Ans', now: new Date(Date.UTC(2026, 0, 1, 10, i)).toISOString(), config },
      ),
    );
    const reader = connect(e2e.server.url, 'kern/spijk/agenda');
    await until(() => readKernagenda(reader.doc).points.length === 25, {
      message: 'the server has all points',
    });

    const kern = await visitor('spijk', 'Spijk');
    await kern.pointsHeading(25).waitFor(shown);
    await expect.poll(() => kern.page.locator('article.point').count()).toBe(25);
    const groups = kern.page.locator('.agenda-view h3');
    expect(await groups.count()).toBe(3);
    for (const text of await groups.allTextContents()) expect(text).toMatch(/\((8|9)\)$/);

    // A link to the last point draws it at once and puts the focus on it.
    const last = `punt-${ids[24]}`;
    const linked = await phone();
    await linked.goto(`/kern/spijk#${last}`);
    await expect.poll(() => linked.evaluate(() => document.activeElement?.id)).toBe(last);
  });

  it('lets the commissie delete a point, after asking, on every device', async () => {
    const anna = await member('beesd', 'Beesd', 'Anna de Vries');
    await anna.addPoint({ title: 'Bankje bij de kerk', theme: 'Openbare ruimte en groen' });
    await anna.addPoint({ title: 'Jeu-de-boulesbaan', theme: 'Sport, cultuur en recreatie' });
    await anna.pointsHeading(2).waitFor(shown);
    await anna.waitForSync();

    const resident = await visitor('beesd', 'Beesd');
    await resident.point('Bankje bij de kerk').waitFor(shown);
    await resident.point('Jeu-de-boulesbaan').waitFor(shown);
    expect(await resident.page.getByRole('button', { name: /^Verwijderen/ }).count()).toBe(0);

    // Asked first; "Nee, bewaren" keeps the point.
    let question = await anna.askToDelete('Jeu-de-boulesbaan');
    await question
      .getByText('Weet je zeker dat je ‘Jeu-de-boulesbaan’ wilt verwijderen?', { exact: true })
      .waitFor(shown);
    await question.getByRole('button', { name: 'Nee, bewaren' }).click();
    await question.waitFor({ ...shown, state: 'detached' });
    await anna
      .point('Jeu-de-boulesbaan')
      .getByRole('button', { name: /^Verwijderen/ })
      .waitFor(shown);
    await anna.pointsHeading(2).waitFor(shown);

    // "Ja, verwijderen" deletes it.
    question = await anna.askToDelete('Jeu-de-boulesbaan');
    await question.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await anna.point('Jeu-de-boulesbaan').waitFor({ ...shown, state: 'detached' });
    await anna.doneMessage.getByText('Punt verwijderd.', { exact: true }).waitFor(shown);
    await anna.pointsHeading(1).waitFor(shown);
    await anna.point('Bankje bij de kerk').waitFor(shown);
    await anna.waitForSync();

    // The visitor who had the page open sees it go.
    await resident.point('Jeu-de-boulesbaan').waitFor({ ...shown, state: 'detached' });
    await resident.pointsHeading(1).waitFor(shown);
    await resident.point('Bankje bij de kerk').waitFor(shown);

    // A device that opens the kernagenda only now never sees it.
    const later = await visitor('beesd', 'Beesd');
    await later.point('Bankje bij de kerk').waitFor(shown);
    await later.pointsHeading(1).waitFor(shown);
    expect(await later.point('Jeu-de-boulesbaan').count()).toBe(0);

    // And Anna's own device keeps the deletion after a reload.
    await anna.page.reload();
    await anna.heading('Beesd').waitFor(shown);
    await anna.point('Bankje bij de kerk').waitFor(shown);
    await anna.pointsHeading(1).waitFor(shown);
    expect(await anna.point('Jeu-de-boulesbaan').count()).toBe(0);
  });

  it('groups the points by theme or by status', async () => {
    const kern = await member('heukelum', 'Heukelum', 'Jan Bos');
    await kern.addPointWith({ title: 'Speeltuin', theme: 'Sport, cultuur en recreatie' });
    await kern.addPointWith({
      title: 'Bloembakken',
      theme: 'Openbare ruimte en groen',
      status: 'In uitvoering',
    });
    await kern.addPointWith({ title: 'Glasvezel', theme: 'Economie', status: 'Idee' });
    await kern.pointsHeading(3).waitFor(shown);

    const byTheme = [
      'Openbare ruimte en groen (1)',
      'Economie (1)',
      'Sport, cultuur en recreatie (1)',
    ];
    await kern.page.getByRole('radio', { name: 'Thema', checked: true }).waitFor(shown);
    expect(await kern.groupHeadings()).toEqual(byTheme);
    await kern.group('Economie (1)').getByRole('article', { name: 'Glasvezel' }).waitFor(shown);

    await kern.groupBy('Status');
    await kern.group('Idee (2)').waitFor(shown);
    expect(await kern.groupHeadings()).toEqual(['Idee (2)', 'In uitvoering (1)']);
    await kern.group('Idee (2)').getByRole('article', { name: 'Speeltuin' }).waitFor(shown);
    await kern.group('Idee (2)').getByRole('article', { name: 'Glasvezel' }).waitFor(shown);
    await kern
      .group('In uitvoering (1)')
      .getByRole('article', { name: 'Bloembakken' })
      .waitFor(shown);

    await kern.groupBy('Thema');
    await kern.group('Economie (1)').waitFor(shown);
    expect(await kern.groupHeadings()).toEqual(byTheme);
  });

  it('warns in plain Dutch when budget requests break the rules', async () => {
    const kern = await member('tricht', 'Tricht', 'Fatima El Amrani');
    const year = await kern.budgetYear();
    const budget = kern.budget;
    await budget
      .getByText('Aangevraagd: € 0 van € 5.000. Nog over: € 5.000.', { exact: true })
      .waitFor(shown);
    expect(await budget.getByText('Let op:').count()).toBe(0);

    await kern.setYearBudget('3.000');
    await budget
      .getByText('Aangevraagd: € 0 van € 3.000. Nog over: € 3.000.', { exact: true })
      .waitFor(shown);

    // One initiative asks more than € 2.000.
    await kern.addPointWith({
      title: 'Nieuwe speeltuin',
      theme: 'Sport, cultuur en recreatie',
      amount: '2.500',
      kind: 'Nieuw initiatief',
    });
    await budget
      .getByText('Let op: niet alle aanvragen passen binnen de regels.', { exact: true })
      .waitFor(shown);
    const maxPerInitiative =
      "'Nieuwe speeltuin' vraagt € 2.500. Een initiatief mag ten hoogste € 2.000 krijgen.";
    await budget.getByRole('listitem').filter({ hasText: maxPerInitiative }).waitFor(shown);
    expect(await kern.fact('Nieuwe speeltuin', 'Bedrag').textContent()).toBe(
      `€ 2.500 in ${year} (nieuw initiatief)`,
    );

    // An existing activity on top: over the year's budget, and too little left for new ones.
    await kern.addPointWith({
      title: 'Dorpsfeest',
      theme: 'Sport, cultuur en recreatie',
      amount: '1000',
      kind: 'Bestaande activiteit',
    });
    await budget
      .getByText(`Let op: deze kernagenda vraagt meer geld dan het budget voor ${year}.`, {
        exact: true,
      })
      .waitFor(shown);
    await budget
      .getByText('Aangevraagd: € 3.500 van € 3.000. Te veel aangevraagd: € 500.', { exact: true })
      .waitFor(shown);
    const warnings = [
      maxPerInitiative,
      `Voor ${year} is € 3.500 aangevraagd. Het budget is € 3.000. Dat is € 500 te veel.`,
      "Bestaande activiteiten vragen samen € 1.000 ('Dorpsfeest'). Dat mag ten hoogste € 750 zijn, want minstens 75% van het budget is voor nieuwe initiatieven.",
    ];
    await budget.getByRole('listitem').nth(2).waitFor(shown);
    expect(await budget.getByRole('listitem').allTextContents()).toEqual(warnings);

    // Deleting the big request takes its warnings away; the share rule still breaks.
    await kern.deletePoint('Nieuwe speeltuin');
    await budget
      .getByText('Aangevraagd: € 1.000 van € 3.000. Nog over: € 2.000.', { exact: true })
      .waitFor(shown);
    await budget
      .getByText('Let op: niet alle aanvragen passen binnen de regels.', { exact: true })
      .waitFor(shown);
    expect(await budget.getByRole('listitem').allTextContents()).toEqual([warnings[2]]);
    await kern.waitForSync();

    // A resident sees the same warning.
    const resident = await visitor('tricht', 'Tricht');
    await resident.budget.getByRole('listitem').filter({ hasText: warnings[2] }).waitFor(shown);
  });

  it('shows "Gesynchroniseerd" and the time of the last sync in the header', async () => {
    const before = Date.now();
    const kern = await member('deil', 'Deil', 'Kees Jansen');
    await kern.addPoint({ title: 'Hondenuitlaatplek', theme: 'Openbare ruimte en groen' });
    await kern.syncStatus.filter({ hasText: /^Gesynchroniseerd$/ }).waitFor(shown);
    await kern.lastSync.waitFor(shown);
    const synced = (await kern.lastSync.textContent()) ?? '';
    const after = Date.now();
    expect(synced).toMatch(/^laatst gesynchroniseerd om \d{2}:\d{2}$/);
    expect(clockReadings(before, after)).toContain(
      synced.replace('laatst gesynchroniseerd om ', ''),
    );

    // Offline the header says so, and still tells when it last synced.
    const device = kern.page.context();
    await device.setOffline(true);
    await kern.syncStatus.filter({ hasText: /^Offline$/ }).waitFor(shown);
    await kern.page
      .getByText('Je bent offline. Wijzigingen worden verstuurd zodra je weer verbinding hebt.')
      .waitFor(shown);
    expect(await kern.lastSync.textContent()).toMatch(/^laatst gesynchroniseerd om \d{2}:\d{2}$/);

    await device.setOffline(false);
    await kern.waitForSync();
    await kern.lastSync.waitFor(shown);

    // A resident's phone shows the same once it has the kernagenda from the server.
    const resident = await visitor('deil', 'Deil');
    await resident.point('Hondenuitlaatplek').waitFor(shown);
    await resident.waitForSync();
    await resident.lastSync.waitFor(shown);
    expect(await resident.lastSync.textContent()).toMatch(
      /^laatst gesynchroniseerd om \d{2}:\d{2}$/,
    );
  });
});

describe('demo server (--demo)', () => {
  it('shows the example kernagenda of a pilot kern, with its banner', async () => {
    const demo = await startServer({ args: ['--static', copyBuild(), '--demo'] });
    expect(demo.stdout()).toContain('Demo: filled the kernagenda of Beesd with example points.');

    const beesd = await visitor('beesd', 'Beesd', demo.url);
    await beesd.page
      .getByText('Dit is een voorbeeld-kernagenda. De punten laten zien hoe het werkt.', {
        exact: true,
      })
      .waitFor(shown);
    await beesd.pointsHeading(8).waitFor(shown);
    for (const title of [
      'Bloemen en bankjes op het dorpsplein',
      'Pinautomaat terug in het dorp',
      'Dorpsfeest Beesd',
      'Minder water op straat na hevige regen',
    ])
      await beesd.point(title).waitFor(shown);
    expect(await beesd.fact('Pinautomaat terug in het dorp', 'Status').textContent()).toBe(
      'Lukt niet',
    );
    // The example keeps to the budget rules: no warning.
    await beesd.budget.getByText(/^Aangevraagd: € 3\.500 van € 5\.000\./).waitFor(shown);
    expect(await beesd.budget.getByText('Let op:').count()).toBe(0);

    // The other pilot has its own example; a kern outside the pilot has none.
    const heukelum = await visitor('heukelum', 'Heukelum', demo.url);
    await heukelum.point('Dorpsfeest Heukelum').waitFor(shown);
    await heukelum.page
      .getByText('Dit is een voorbeeld-kernagenda.', { exact: false })
      .first()
      .waitFor(shown);

    const tricht = await visitor('tricht', 'Tricht', demo.url);
    await tricht.page.getByText('Er staan nog geen punten op deze kernagenda.').waitFor(shown);
    expect(await tricht.page.getByText('Dit is een voorbeeld-kernagenda.').count()).toBe(0);

    await demo.stop();
  });
});
