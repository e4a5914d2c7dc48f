/**
 * Gemeente berichten end to end, in real Chromium against the built PWA and the real server,
 * one browser context per person: the gemeente posts a notice about road works for Beesd on
 * `/gemeente`; a resident who follows Beesd gets a system notification and sees it with an
 * unread badge, one who follows only Heukelum does not, and one who starts following Beesd
 * afterwards sees it as unread without a notification (not on first load). The resident joins
 * as a bewoner (POST /api/bewoner through the ideas board), asks a question offline, it
 * reaches the gemeente once online, and the gemeente's answer shows on the resident's phone.
 * Then the gemeente changes, ends and withdraws notices. Both screens pass axe and have
 * 24 px targets.
 *
 * Offline is both halves of a lost connection (as in committee-scenario.test.ts): the relay
 * link is cut through `routeWebSocket`, then the browser goes offline.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { makeToken, until } from '../helpers/server';
import { axeViolations, describeViolations } from './axe';
import { smallTargets } from './keyboard';
import { HomePage, KernPage, shown } from './pages/app';
import {
  BerichtenView,
  GemeenteScreen,
  Header,
  kernNotices,
  notifications,
} from './pages/berichten';
import { IdeasBoard } from './pages/ideas';
import { activatedServiceWorker } from './serviceWorker';
import { relayLink, step } from './relayLink';
import { e2eSession } from './session';

const e2e = e2eSession();

/** A day on the Europe/Amsterdam calendar, `days` from today, as 'YYYY-MM-DD'. */
function day(days = 0): string {
  const when = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(when);
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(describeViolations(await axeViolations(page)), `axe on ${what}`).toBe('');
  expect(await smallTargets(page), `targets under 24px on ${what}`).toEqual([]);
}

/** The tags of the notifications showing on `page`'s device (sorted). */
const tags = async (page: Page) => (await notifications(page)).map((n) => n.tag).sort();

/** The id of a notice: its article is labelled by `bericht-<id>-titel`. */
async function noticeId(page: Page, title: string): Promise<string> {
  const id = await page
    .getByRole('heading', { name: title, exact: true })
    .first()
    .getAttribute('id');
  return /^bericht-(.+)-titel$/.exec(id ?? '')?.[1] ?? '';
}

interface Resident {
  device: BrowserContext;
  page: Page;
  header: Header;
  berichten: BerichtenView;
  /** Cuts the relay link and takes the browser offline. */
  offline(): Promise<void>;
  online(): Promise<void>;
}

/**
 * A resident's phone that follows `kernen`, on the home page, with the berichten room in sync
 * (the header says "Gesynchroniseerd": the notice feed runs). `notify`: notifications allowed.
 */
async function resident(kernen: string[], notify = true): Promise<Resident> {
  const device = await e2e.device();
  if (notify) await device.grantPermissions(['notifications'], { origin: e2e.server.url });
  const link = await relayLink(device);
  const page = await device.newPage();
  const home = new HomePage(page);
  await home.open();
  await activatedServiceWorker(page);
  for (const kern of kernen) await home.follow(kern);
  const header = new Header(page);
  await header.waitForSync();
  return {
    device,
    page,
    header,
    berichten: new BerichtenView(page),
    async offline() {
      await link.cut();
      await device.setOffline(true);
      await header.syncStatus.filter({ hasText: /^Offline$/ }).waitFor(shown);
    },
    async online() {
      link.restore();
      await device.setOffline(false);
      await header.waitForSync();
    },
  };
}

const works = {
  kind: 'Werkzaamheden',
  title: 'Wegwerkzaamheden Markt',
  text: 'De Markt krijgt nieuwe bestrating. Auto’s kunnen er niet door; fietsers en voetgangers wel.',
  kernen: ['Beesd'],
  from: day(0),
  until: day(14),
  place: 'Markt en Hoogstraat',
  link: 'https://www.westbetuwe.nl/werkzaamheden',
} as const;

const afval = {
  kind: 'Algemeen',
  title: 'Nieuwe afvalkalender',
  text: 'Vanaf volgende maand wordt het groene afval op een andere dag opgehaald.',
  kernen: 'alle',
  from: day(7),
} as const;

describe('gemeente berichten', () => {
  it('the gemeente posts road works for Beesd; Beesd’s residents see it, ask offline, get an answer', async () => {
    let gemeente!: GemeenteScreen;
    let beesd!: Resident;
    let heukelum!: Resident;
    let later!: Resident;
    let worksId = '';
    let afvalId = '';

    await step('the gemeente screen without a code says what it is for', async () => {
      const page = await e2e.phone();
      gemeente = new GemeenteScreen(page);
      await gemeente.open();
      await gemeente.onlyForGemeente.waitFor(shown);
      await expectAccessible(page, '/gemeente without a code');
      // A resident's code is not the gemeente's: refused, and nothing is stored.
      await gemeente.codeField.fill(await makeToken(e2e.server.dataDir, 'bewoner', 'beesd', 'Jan'));
      await page.getByRole('button', { name: 'Code gebruiken' }).click();
      await page.getByText(/^Dit is geen toegangscode van de gemeente\./).waitFor(shown);
      expect(await gemeente.codeField.getAttribute('aria-invalid')).toBe('true');
      const token = await makeToken(
        e2e.server.dataDir,
        'gemeente',
        undefined,
        'Gemeente West Betuwe',
      );
      await gemeente.useCode(token);
    });

    await step('residents of Beesd and of Heukelum open the app', async () => {
      beesd = await resident(['Beesd'], false);
      heukelum = await resident(['Heukelum']);
    });

    await step('the Beesd resident turns on notifications in Berichten', async () => {
      await beesd.berichten.openFromHeader();
      await beesd.page
        .getByText('Er zijn nu geen berichten van de gemeente', { exact: false })
        .waitFor(shown);
      await beesd.device.grantPermissions(['notifications'], { origin: e2e.server.url });
      await beesd.berichten.enableNotifications.click();
      await beesd.berichten.notificationsOn.waitFor(shown);
      await beesd.page.getByRole('link', { name: 'Kernplein West Betuwe' }).click();
      await beesd.page.getByRole('heading', { level: 1, name: /^Kernen van / }).waitFor(shown);
      await beesd.header.waitForSync();
    });

    await step('the gemeente checks the form, then posts the road works for Beesd', async () => {
      const page = gemeente.page;
      await gemeente.newButton.click();
      await gemeente.form.waitFor(shown);
      await expect(gemeente.preview.textContent()).resolves.toBe(
        'Nog voor geen enkele kern. Kies minstens één kern.',
      );
      await gemeente.form.getByRole('button', { name: 'Bericht plaatsen' }).click();
      const summary = gemeente.form.getByRole('alert');
      await summary.getByText('Vul een titel in.').waitFor(shown);
      await summary.getByText('Kies voor welke kernen dit bericht is.').waitFor(shown);
      await until(
        async () =>
          (await page.evaluate(() => document.activeElement?.id ?? '')).endsWith('-title'),
        {
          message: 'focus on the title after the refused submit',
        },
      );
      await expectAccessible(page, '/gemeente with the form and its errors');
      await gemeente.fill({ kernen: ['Beesd', 'Heukelum'] });
      await gemeente.preview.getByText('Zichtbaar voor: Beesd, Heukelum').waitFor(shown);
      await gemeente.form.getByRole('checkbox', { name: 'Heukelum', exact: true }).uncheck();
      await gemeente.form.getByRole('checkbox', { name: 'Alle kernen' }).check();
      await gemeente.preview.getByText('Zichtbaar voor: alle 26 kernen').waitFor(shown);
      await gemeente.form.getByRole('checkbox', { name: 'Alle kernen' }).uncheck();
      await gemeente.preview.getByText('Zichtbaar voor: Beesd').waitFor(shown);
      await gemeente.fill({ ...works, kernen: [] });
      await gemeente.form.getByRole('button', { name: 'Bericht plaatsen' }).click();
      await gemeente.section('Nu bezig').getByRole('article', { name: works.title }).waitFor(shown);
      worksId = await noticeId(page, works.title);
      expect(worksId).not.toBe('');
    });

    await step(
      'Beesd’s resident gets a notification and an unread badge; Heukelum’s not',
      async () => {
        await beesd.header.waitForUnread(1);
        await beesd.header.homeLink.filter({ hasText: '1 nieuw' }).waitFor(shown);
        await until(async () => (await tags(beesd.page)).includes(worksId), {
          message: 'the notification on the Beesd resident’s phone',
        });
        const [shownNote] = await notifications(beesd.page);
        expect(shownNote).toMatchObject({ title: works.title, tag: worksId, url: '/berichten' });
        expect(shownNote!.body).toContain('Werkzaamheden in Beesd');
        expect(shownNote!.body).toContain('Markt en Hoogstraat');
      },
    );

    await step(
      'a resident who starts following Beesd now sees it unread, without a notification',
      async () => {
        later = await resident(['Beesd']);
        await later.header.waitForUnread(1);
      },
    );

    await step(
      'a notice for all kernen reaches everyone, and only it notifies the others',
      async () => {
        await gemeente.post(afval);
        await gemeente
          .section('Gepland')
          .getByRole('article', { name: afval.title })
          .waitFor(shown);
        afvalId = await noticeId(gemeente.page, afval.title);
        await beesd.header.waitForUnread(2);
        await heukelum.header.waitForUnread(1);
        await later.header.waitForUnread(2);
        for (const [who, expected] of [
          [beesd, [worksId, afvalId].sort()],
          [heukelum, [afvalId]],
          [later, [afvalId]],
        ] as const)
          await until(async () => (await tags(who.page)).join() === expected.join(), {
            message: `notifications ${expected.join()}`,
          }).catch(async (error: Error) => {
            throw new Error(`${error.message}; showing ${(await tags(who.page)).join()}`);
          });
      },
    );

    await step('Heukelum’s resident sees only the notice for all kernen', async () => {
      await heukelum.berichten.openFromHeader();
      await heukelum.berichten
        .section('Binnenkort')
        .getByRole('article', { name: afval.title })
        .waitFor(shown);
      expect(await heukelum.berichten.notice(works.title).count()).toBe(0);
      const kern = new KernPage(heukelum.page);
      await kern.open('heukelum', 'Heukelum');
      await kernNotices(heukelum.page).getByRole('article', { name: afval.title }).waitFor(shown);
      expect(
        await kernNotices(heukelum.page).getByRole('article', { name: works.title }).count(),
      ).toBe(0);
    });

    await step(
      'Beesd’s resident reads Berichten: both are new, then the badge is gone',
      async () => {
        const { berichten } = beesd;
        await berichten.openFromHeader();
        const notice = berichten.section('Nu bezig').getByRole('article', { name: works.title });
        await notice.waitFor(shown);
        await berichten.newLabel(works.title).waitFor(shown);
        await berichten
          .section('Binnenkort')
          .getByRole('article', { name: afval.title })
          .waitFor(shown);
        await berichten.newLabel(afval.title).waitFor(shown);
        await notice.getByText(works.place).waitFor(shown);
        await notice
          .getByText(/^van \d+ \w+ tot en met \d+ \w+ \d{4}$|^van \d+ \w+ \d{4} tot en met/)
          .waitFor(shown);
        await notice
          .getByRole('link', {
            name: /^Meer informatie over Wegwerkzaamheden Markt op www\.westbetuwe\.nl$/,
          })
          .waitFor(shown);
        await beesd.header.waitForUnread(0);
        // The kern page shows them too.
        const kern = new KernPage(beesd.page);
        await kern.open('beesd', 'Beesd');
        await kernNotices(beesd.page).getByRole('article', { name: works.title }).waitFor(shown);
        await beesd.header.waitForUnread(0);
        await expectAccessible(beesd.page, '/kern/beesd with the gemeente’s notices');
      },
    );

    await step(
      'Beesd’s resident joins as a bewoner on the ideas board to ask questions',
      async () => {
        const { berichten, page } = beesd;
        await berichten.openFromHeader();
        await page.getByRole('link', { name: 'ideeënbord van Beesd' }).click();
        const board = new IdeasBoard(page);
        await board.heading('Beesd').waitFor(shown);
        await board.join('Jan Jansen');
        await berichten.openFromHeader();
        await berichten
          .notice(works.title)
          .getByRole('button', { name: /^Stel een vraag/ })
          .waitFor(shown);
      },
    );

    const question = 'Kan ik met de auto nog bij mijn huis aan de Hoogstraat komen?';
    await step('the resident asks a question offline: it waits on the phone', async () => {
      await beesd.offline();
      const status = await beesd.berichten.ask(works.title, question);
      await status
        .getByText(
          'Je vraag staat op dit apparaat. Hij wordt verstuurd zodra je weer verbinding hebt.',
        )
        .waitFor(shown);
      await beesd.berichten.notice(works.title).getByText(question).waitFor(shown);
      await beesd.berichten
        .notice(works.title)
        .getByText(/^Jan Jansen \(jij\)/)
        .waitFor(shown);
    });

    await step('online again, the question reaches the gemeente', async () => {
      await beesd.online();
      await beesd.berichten
        .notice(works.title)
        .getByRole('status')
        .getByText('Je vraag is verstuurd naar de gemeente.')
        .waitFor(shown);
      await gemeente.question(works.title, question).waitFor(shown);
      await gemeente
        .notice(works.title)
        .getByRole('heading', { name: /^Vragen van bewoners \(1, 1 zonder antwoord\)$/ })
        .waitFor(shown);
    });

    const answer = 'Ja, bewoners van de Hoogstraat kunnen hun huis bereiken via de Molenweg.';
    await step('the gemeente answers and the answer shows on the resident’s phone', async () => {
      await gemeente.answer(works.title, question, answer);
      await beesd.berichten.answer(works.title, answer).waitFor(shown);
      await expectAccessible(beesd.page, '/berichten with a question and an answer');
      await expectAccessible(gemeente.page, '/gemeente with notices and a question');
    });
  });

  it('the gemeente changes, ends and withdraws notices; residents see where each stands', async () => {
    const page = await e2e.phone();
    const gemeente = new GemeenteScreen(page);
    await page.goto(
      `/gemeente?token=${await makeToken(e2e.server.dataDir, 'gemeente', undefined, 'Gemeente West Betuwe')}`,
    );
    await gemeente.signedIn.waitFor(shown);
    const closure = {
      kind: 'Afsluiting',
      title: 'Brug Tuil dicht',
      kernen: ['Tuil'],
      place: 'Waalbrug',
    } as const;
    const market = {
      kind: 'Evenement',
      title: 'Braderie Tuil',
      kernen: ['Tuil'],
      from: day(3),
      until: day(3),
    } as const;
    // Tuil's resident has read what there was (a notice for all kernen, after the test above).
    const tuil = await resident(['Tuil'], false);
    await tuil.berichten.openFromHeader();
    await tuil.page.getByRole('link', { name: 'Kernplein West Betuwe' }).click();
    await tuil.header.waitForUnread(0);

    await gemeente.post(closure);
    await gemeente.post(market);
    await tuil.header.waitForUnread(2);

    await gemeente.change(closure.title, { place: 'Waalbrug en Dorpsstraat' });
    await gemeente.notice(closure.title).getByText('Waalbrug en Dorpsstraat').waitFor(shown);
    await gemeente.close(closure.title, 'Nu beëindigen');
    await gemeente.close(market.title, 'Intrekken');
    await gemeente
      .section('Archief')
      .getByRole('article', { name: closure.title })
      .getByText(/^Eerder beëindigd op /)
      .waitFor(shown);
    await gemeente
      .section('Archief')
      .getByRole('article', { name: market.title })
      .getByText(/^Ingetrokken op /)
      .waitFor(shown);

    // Ended and withdrawn notices no longer count as unread; they are in the archive.
    await tuil.header.waitForUnread(0);
    await tuil.berichten.openFromHeader();
    const archive = tuil.berichten.section('Archief');
    await archive.getByRole('heading', { level: 2, name: 'Archief (2)' }).click();
    await archive
      .getByRole('article', { name: closure.title })
      .getByText('Waalbrug en Dorpsstraat')
      .waitFor(shown);
    await archive
      .getByRole('article', { name: market.title })
      .getByText(/^Ingetrokken op /)
      .waitFor(shown);
    expect(await archive.getByRole('button', { name: /^Stel een vraag/ }).count()).toBe(0);
    await expectAccessible(tuil.page, '/berichten with the archive open');
  });
});
