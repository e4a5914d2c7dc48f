/**
 * The inspiratieplein of issue 6 as one story, in real Chromium against the built PWA and the
 * real server, one browser context per person:
 * Beesd's committee realised a playground: on its kernagenda the point "Speeltuin" is
 * "Gerealiseerd", and one press on "Delen op het inspiratieplein" publishes it with its
 * figures; the card then links to the project. On the plein the committee adds what was
 * needed and the lessons (a bad amount gets a Dutch error and loses nothing). Heukelum's
 * committee has opened the app before; in its village hall, offline (relay link cut, browser
 * offline, page reloaded from the service worker), it finds the playground by searching
 * "speeltuin" on `/zoeken`, presses "Dit willen wij ook", and finds the new point on its own
 * kernagenda with "Naar het voorbeeld van Beesd" and the checklist. Back online, Beesd's page
 * shows "Overgenomen door Heukelum", and the server holds both the point and the record.
 * The plein, a project and the search page have no axe violations and 24px targets; their
 * screenshots are kept in test-results/ (plein*.png, zoeken-offline.png).
 *
 * Offline is both halves of a lost connection (as committee-scenario.test.ts): the relay link
 * is cut through `routeWebSocket`, then the browser goes offline.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connect, makeToken, until } from '../helpers/server';
import { axeViolations, describeViolations } from './axe';
import { smallTargets, waitForFocus } from './keyboard';
import { KernPage, shown } from './pages/app';
import { KernOnPlein, Plein, ProjectView, SearchView } from './pages/plein';
import { relayLink, step } from './relayLink';
import { e2eSession } from './session';

const e2e = e2eSession();

const playground = 'Speeltuin';

/** A committee member's phone, signed in on its kern page; its relay link can be cut. */
async function member(slug: string, kernName: string, name: string) {
  const device = await e2e.device();
  const link = await relayLink(device);
  const page = await device.newPage();
  const kern = new KernPage(page);
  await kern.open(slug, kernName);
  await kern.useAccessCode(await makeToken(e2e.server.dataDir, 'commissie', slug, name));
  await kern.waitForAgenda();
  return {
    page,
    kern,
    onKern: new KernOnPlein(page),
    plein: new Plein(page),
    project: new ProjectView(page),
    search: new SearchView(page),
    async offline() {
      await link.cut();
      await device.setOffline(true);
    },
    async online() {
      link.restore();
      await device.setOffline(false);
    },
  };
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(describeViolations(await axeViolations(page)), `axe: ${what}`).toBe('');
  expect(await smallTargets(page), `targets under 24px: ${what}`).toEqual([]);
}

/** What the server holds: the plein's take-over records and Heukelum's points. */
async function onServer() {
  const plein = connect(e2e.server.url, 'plein/inspiratie');
  const agenda = connect(e2e.server.url, 'kern/heukelum/agenda');
  try {
    await until(() => plein.provider.synced && agenda.provider.synced, {
      message: 'readers synced',
    });
    const points: { title: string; fromKern: unknown }[] = [];
    agenda.doc
      .getMap<{ get(k: string): unknown }>('points')
      .forEach((p) => points.push({ title: String(p.get('title')), fromKern: p.get('fromKern') }));
    return { takeOvers: [...plein.doc.getMap('takeOvers').keys()], points };
  } finally {
    plein.destroy();
    agenda.destroy();
  }
}

describe('the inspiratieplein across kernen', () => {
  it('Beesd shares its playground; Heukelum, offline, finds it and takes it over; Beesd sees that', async () => {
    const beesd = await member('beesd', 'Beesd', 'Els de Boer');
    const heukelum = await member('heukelum', 'Heukelum', 'Kees Jansen');

    await step('Heukelum has opened the app and the plein before (still empty)', async () => {
      await heukelum.onKern.section
        .getByText('Heukelum heeft nog geen projecten op het inspiratieplein.')
        .waitFor(shown);
      await heukelum.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    });

    await step('only a realised point can be shared, by its committee', async () => {
      await beesd.kern.addPointWith({
        title: playground,
        theme: 'Sport, cultuur en recreatie',
        status: 'Gerealiseerd',
        amount: '1800',
      });
      await beesd.kern.addPoint({ title: 'Bankje bij de kerk', theme: 'Openbare ruimte en groen' });
      await beesd.onKern.shareButton(playground).waitFor(shown);
      expect(await beesd.onKern.shareButton('Bankje bij de kerk').count(), 'an idea').toBe(0);
    });

    await step('Beesd publishes the playground in one step', async () => {
      await beesd.onKern.shareButton(playground).click();
      await beesd.onKern.sharedNote(playground).waitFor(shown);
      expect(await beesd.onKern.shareButton(playground).count()).toBe(0);
      await beesd.onKern.section.getByRole('link', { name: playground }).waitFor(shown);
      await beesd.kern.waitForSync();
      await expectAccessible(beesd.page, 'kern page with a shared point');
    });

    await step('the project has the figures of the point', async () => {
      await beesd.onKern.projectLink(playground).click();
      await beesd.project.heading(playground).waitFor(shown);
      await beesd.page.getByText('Project van Beesd · Sport, cultuur en recreatie').waitFor(shown);
      await beesd.page.getByText(/^Gerealiseerd in \d{4}$/).waitFor(shown);
      expect(await beesd.project.fact('Kosten').textContent()).toBe('€ 1.800');
      expect(await beesd.project.fact('Uit het kernagendabudget').textContent()).toBe('€ 1.800');
      expect(await beesd.project.takeOverButton.count(), 'not for its own kern').toBe(0);
    });

    await step(
      'Beesd updates the project on the plein; a bad amount is refused in Dutch',
      async () => {
        const form = await beesd.project.edit(playground);
        await form.getByLabel('Eigen geld (€)').fill('veel');
        await form
          .getByLabel('Vergunning', { exact: true })
          .fill('Omgevingsvergunning voor het hek');
        await form.getByLabel('Vrijwilligers', { exact: true }).fill('Acht ouders voor de bouwdag');
        await form
          .getByLabel('Wat hebben jullie geleerd?')
          .fill('Vraag de buren vroeg om hun mening.');
        await form.getByRole('button', { name: 'Opslaan' }).click();
        await form
          .getByRole('alert')
          .getByText('Vul een bedrag in zoals 250 of 1.250,50.')
          .waitFor(shown);
        expect(await form.getByLabel('Vergunning', { exact: true }).inputValue(), 'kept').toBe(
          'Omgevingsvergunning voor het hek',
        );
        await form.getByLabel('Eigen geld (€)').fill('');
        await form.getByLabel('Telefoon of e-mail').fill('06-12345678');
        await form.getByRole('button', { name: 'Opslaan' }).click();
        await beesd.page.getByRole('status').getByText('Project opgeslagen.').waitFor(shown);
        await until(async () => (await beesd.project.needs.count()) === 2, {
          message: 'the checklist of what was needed',
        });
        expect(await beesd.project.needs.allInnerTexts()).toEqual([
          'Vergunning: Omgevingsvergunning voor het hek',
          'Vrijwilligers: Acht ouders voor de bouwdag',
        ]);
        await beesd.kern.waitForSync();
        await expectAccessible(beesd.page, 'project page, own kern');
      },
    );

    await step('Heukelum looks at the plein, then loses its connection and reloads', async () => {
      await heukelum.plein.openFromMenu();
      await heukelum.plein.project(playground).waitFor(shown);
      await heukelum.offline();
      await heukelum.page.reload();
      await heukelum.plein.heading().waitFor(shown);
      await heukelum.page.getByText(/^Je bent offline\./).waitFor(shown);
    });

    await step('offline, Heukelum finds the playground by searching "speeltuin"', async () => {
      await heukelum.page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Zoeken' })
        .click();
      await heukelum.search.heading().waitFor(shown);
      await heukelum.search.search('speeltuin');
      const hit = heukelum.search.result(playground, 'Project van Beesd op het inspiratieplein');
      await hit.waitFor(shown);
      await heukelum.search.resultCount.getByText(/ voor "speeltuin"\.$/).waitFor(shown);
      await expectAccessible(heukelum.page, 'search page with results, offline');
      await heukelum.page.screenshot({ path: 'test-results/zoeken-offline.png', fullPage: true });
      await hit.getByRole('link', { name: playground }).click();
      await heukelum.project.heading(playground).waitFor(shown);
      expect(await heukelum.project.needs.count()).toBe(2);
      expect(await heukelum.project.editButton.count(), 'another kern does not edit').toBe(0);
      await expectAccessible(heukelum.page, 'project page, another kern');
      await heukelum.page.screenshot({ path: 'test-results/plein-project.png', fullPage: true });
    });

    await step('offline, Heukelum takes it over into its own kernagenda', async () => {
      const done = await heukelum.project.takeOver();
      await done.getByText('Je bent offline', { exact: false }).waitFor(shown);
      await heukelum.project.takenUp.getByText('Overgenomen door Heukelum.').waitFor(shown);
      await done.getByRole('link', { name: 'Naar de kernagenda van Heukelum' }).click();
      await heukelum.kern.heading('Heukelum').waitFor(shown);
      await heukelum.kern.waitForAgenda();
      await heukelum.onKern.exampleLink(playground, 'Beesd').waitFor(shown);
      const card = heukelum.kern.point(playground);
      await waitForFocus(card.getByRole('heading', { name: playground }), 'the new point');
      await card.getByText('Overgenomen van Beesd: Speeltuin', { exact: false }).waitFor(shown);
      await card.getByText('Vergunning: Omgevingsvergunning voor het hek').waitFor(shown);
      expect(await heukelum.kern.fact(playground, 'Status').textContent()).toBe('Idee');
      await card.screenshot({ path: 'test-results/plein-overgenomen-punt.png' });
    });

    await step('back online, Heukelum syncs and Beesd sees who took it over', async () => {
      await heukelum.online();
      await heukelum.kern.waitForSync();
      await until(
        async () => {
          const server = await onServer();
          return (
            server.takeOvers.some((key) => key.endsWith(':heukelum')) &&
            server.points.some((p) => p.title === playground && p.fromKern === 'beesd')
          );
        },
        { timeout: 20_000, message: 'the point and the take-over on the server' },
      );
      await beesd.project.takenUp.getByText('Overgenomen door Heukelum.').waitFor(shown);
      await beesd.kern.open('beesd', 'Beesd');
      await beesd.kern.waitForAgenda();
      await beesd.onKern.takenUp(playground).getByText('Overgenomen door Heukelum.').waitFor(shown);
      await beesd.onKern.section.getByText('Overgenomen door Heukelum.').waitFor(shown);
    });

    await step('Heukelum adds a planned project of its own on the plein', async () => {
      await heukelum.plein.openFromMenu();
      const project = await heukelum.plein.addProject({
        title: 'Jeu-de-boulesbaan',
        theme: 'Sport, cultuur en recreatie',
        status: 'Gepland',
        cost: '2.500',
      });
      await heukelum.page
        .getByText('Project van Heukelum · Sport, cultuur en recreatie')
        .waitFor(shown);
      expect(await project.fact('Kosten').textContent()).toBe('€ 2.500');
      await project.editButton.waitFor(shown);
      expect(await project.takeOverButton.count(), 'not its own project').toBe(0);
      await heukelum.kern.waitForSync();
    });

    await step('the plein lists, filters, sorts and searches its projects', async () => {
      await beesd.plein.openFromMenu();
      await beesd.plein.project('Jeu-de-boulesbaan').waitFor(shown);
      expect(await beesd.plein.titles(), 'newest first').toEqual(['Jeu-de-boulesbaan', playground]);
      await beesd.plein.choose('Sorteren', 'Laagste kosten eerst');
      await until(
        async () =>
          JSON.stringify(await beesd.plein.titles()) ===
          JSON.stringify([playground, 'Jeu-de-boulesbaan']),
        { message: 'cheapest first' },
      );
      await beesd.plein.project(playground).getByText('Overgenomen door Heukelum.').waitFor(shown);
      await expectAccessible(beesd.page, 'plein');
      await beesd.page.screenshot({ path: 'test-results/plein.png', fullPage: true });
      await beesd.plein.choose('Kern', 'Heukelum');
      await beesd.plein.resultCount.getByText('1 project gevonden.').waitFor(shown);
      expect(await beesd.plein.titles()).toEqual(['Jeu-de-boulesbaan']);
      await beesd.plein.choose('Thema', 'Veiligheid');
      await beesd.plein.resultCount.getByText('Geen project gevonden.').waitFor(shown);
      await beesd.plein.choose('Thema', "Alle thema's");
      await beesd.plein.choose('Kern', 'Alle kernen');
      await beesd.plein.searchField.fill('SPEELTUINEN');
      await beesd.plein.resultCount.getByText('1 project gevonden.').waitFor(shown);
      expect(await beesd.plein.titles()).toEqual([playground]);
      await beesd.plein.searchField.fill('zwembad');
      await beesd.plein.resultCount.getByText('Geen project gevonden.').waitFor(shown);
    });

    await step('a visitor reads the plein but adds, edits and takes over nothing', async () => {
      const visitor = new Plein(await e2e.phone());
      await visitor.open();
      const project = await visitor.openProject(playground);
      await project.takenUp.getByText('Overgenomen door Heukelum.').waitFor(shown);
      expect(await project.takeOverButton.count()).toBe(0);
      expect(await project.editButton.count()).toBe(0);
      await visitor.open();
      await visitor.project(playground).waitFor(shown);
      expect(await visitor.page.getByRole('button', { name: 'Project toevoegen' }).count()).toBe(0);
    });
  });
});
