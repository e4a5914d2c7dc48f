/**
 * Working together across kernen (issue 6), in real Chromium against the built PWA and the
 * real server, one browser context per person: "a joint project of Beesd and Heukelum shows
 * each kern's contribution in both kernagenda's". Els, of Beesd's committee, starts a joint
 * project from Beesd's kern page (a Dutch error first), invites Heukelum and copies the link;
 * Ruud, of Heukelum's committee, opens the link and joins. Each sets its own contribution;
 * they order AED-kasten together (a quantity per kern, totals per kern and overall) and share
 * a task. Both kern pages list the project and count their own share, once, in their budget.
 * The gemeente's overview (first without a code, then with one) shows the figures per kern
 * and downloads them as CSV (BOM, semicolons, Dutch amounts); from there the joint project
 * reads without a way to change it. The joint project's page (taking part and read-only) and
 * the overview have no axe violations, 24 px targets and a visible focus.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeToken } from '../helpers/server';
import { axeViolations, describeViolations } from './axe';
import { focusWithoutIndicator, smallTargets, waitForFocus } from './keyboard';
import { KernPage, shown } from './pages/app';
import { GemeenteScreen } from './pages/berichten';
import { KernJoint, OverviewScreen, SamenScreen } from './pages/samen';
import { step } from './relayLink';
import { e2eSession } from './session';

const e2e = e2eSession();

const title = "AED's voor de dorpen";

/** A committee member on a phone of their own, signed in on their kern page. */
async function committee(slug: string, kernName: string, name: string) {
  const code = await makeToken(e2e.server.dataDir, 'commissie', slug, name);
  const page = await e2e.phone();
  const kern = new KernPage(page);
  await kern.open(slug, kernName);
  await kern.useAccessCode(code);
  await kern.waitForAgenda();
  return { page, kern, joint: new KernJoint(page), samen: new SamenScreen(page) };
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(describeViolations(await axeViolations(page)), `axe: ${what}`).toBe('');
  expect(await smallTargets(page), `targets under 24px: ${what}`).toEqual([]);
  const { invisible } = await focusWithoutIndicator(page);
  expect(invisible, `focus not visible: ${what}`).toEqual([]);
}

describe('a joint project of Beesd and Heukelum', () => {
  it('shows each kern’s contribution in both kernagenda’s, the joint order, and the gemeente’s overview', async () => {
    const els = await committee('beesd', 'Beesd', 'Els');
    const year = await els.kern.budgetYear();
    let link = '';

    await step('Beesd has a point of its own with a budget request', async () => {
      await els.kern.addPointWith({
        title: 'Bloembakken',
        theme: 'Openbare ruimte en groen',
        amount: '1.000',
      });
    });

    await step('Els starts a joint project from the kern page (a Dutch error first)', async () => {
      await els.joint.startButton.click();
      const form = els.joint.startForm;
      await form.getByRole('button', { name: 'Starten' }).click();
      await form.getByRole('alert').getByText('Vul een titel in.').waitFor(shown);
      await waitForFocus(form.getByLabel('Titel'), 'the title field');
      await form.getByRole('button', { name: 'Annuleren' }).click();
      await waitForFocus(els.joint.startButton, 'the start button');
      await els.joint.start(title, 'Samen AED-kasten inkopen voor de dorpshuizen.');
      await els.samen.memberOf('Beesd').waitFor(shown);
    });

    await step('Els invites Heukelum and takes the link', async () => {
      await els.samen.invite('Heukelum');
      await els.samen.participants.getByText('Uitgenodigd, nog niet meegedaan').waitFor(shown);
      link = await els.samen.shareLink();
      expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/samen\/[\w-]+$/);
      expect(new URL(link).pathname).toBe(new URL(els.page.url()).pathname);
    });

    await step(
      'Els sets Beesd’s contribution (a Dutch error first) and orders AED-kasten',
      async () => {
        await els.samen.setContribution('Beesd', 'twaalfhonderd');
        await els.samen.contributions
          .getByText('Vul een bedrag in zoals 1.200 of 750,50.')
          .waitFor(shown);
        await els.samen.setContribution('Beesd', '1.200');
        await els.samen.contributions
          .getByRole('status')
          .getByText(`Bijdrage van Beesd voor ${year} opgeslagen: € 1.200.`)
          .waitFor(shown);
        await expect.poll(() => els.samen.contribution('Beesd').innerText()).toBe('€ 1.200');
        await els.samen.addOrderLine('AED-kast', '1.500');
        await els.samen.setQuantity('Beesd', 'AED-kast', '2');
        await els.samen.lineFact('AED-kast', 'Beesd').getByText('2 stuks (€ 3.000)').waitFor(shown);
      },
    );

    const ruud = await committee('heukelum', 'Heukelum', 'Ruud');

    await step('Ruud opens the link and joins for Heukelum', async () => {
      await ruud.samen.open(new URL(link).pathname, title);
      await ruud.page
        .getByRole('heading', { level: 2, name: 'Heukelum is uitgenodigd' })
        .waitFor(shown);
      await ruud.samen.join('Heukelum');
      await waitForFocus(ruud.samen.memberOf('Heukelum'), 'the welcome');
      await ruud.samen.participants
        .getByRole('listitem')
        .filter({ hasText: 'Heukelum' })
        .waitFor(shown);
    });

    await step('Ruud sets Heukelum’s contribution and its quantity', async () => {
      await ruud.samen.setContribution('Heukelum', '800');
      await expect.poll(() => ruud.samen.contribution('Heukelum').innerText()).toBe('€ 800');
      await ruud.samen.setQuantity('Heukelum', 'AED-kast', '1');
      await ruud.samen.lineFact('AED-kast', 'Totaal').getByText('3 stuks (€ 4.500)').waitFor(shown);
    });

    await step('Beesd’s page shows Heukelum’s part; they share a task', async () => {
      await expect.poll(() => els.samen.contribution('Heukelum').innerText(), shown).toBe('€ 800');
      await els.samen.lineFact('AED-kast', 'Heukelum').getByText('1 stuk (€ 1.500)').waitFor(shown);
      const totals = await els.samen.totals.getByRole('listitem').allInnerTexts();
      expect(totals).toEqual(['Beesd: € 3.000', 'Heukelum: € 1.500']);
      await els.samen.totals.getByText('Totaal van de bestelling: € 4.500').waitFor(shown);
      await els.samen.addTask({ title: 'Offertes vragen', kern: 'Heukelum', person: 'Ruud' });
      await ruud.samen.task('Offertes vragen').waitFor(shown);
      await ruud.samen.taskStatus('Offertes vragen').selectOption({ label: 'Klaar' });
      await expect
        .poll(() => els.samen.taskStatus('Offertes vragen').inputValue(), shown)
        .toBe('klaar');
    });

    await step('the joint project’s page is accessible', async () => {
      await expectAccessible(els.page, 'the joint project, as a committee that takes part');
    });

    await step('Beesd’s kern page lists the project and counts its own share once', async () => {
      await els.kern.open('beesd', 'Beesd');
      await els.kern.waitForAgenda();
      await els.joint.project(title).waitFor(shown);
      await els.joint
        .projectLine(title)
        .getByText(`Samen met Heukelum. Bijdrage van Beesd in ${year}: € 1.200.`)
        .waitFor(shown);
      await els.joint.budgetLines.getByText(`${title}: € 1.200`).waitFor(shown);
      await els.kern.budget
        .getByText('Aangevraagd: € 2.200 van € 5.000.', { exact: false })
        .waitFor(shown);
      await els.kern.budget.getByText('Nog over: € 2.800.', { exact: false }).waitFor(shown);
      expect(await els.joint.budgetLines.getByRole('listitem').count()).toBe(1);
    });

    await step('Heukelum’s kern page lists the project and counts its own share once', async () => {
      await ruud.kern.open('heukelum', 'Heukelum');
      await ruud.kern.waitForAgenda();
      await ruud.joint
        .projectLine(title)
        .getByText(`Samen met Beesd. Bijdrage van Heukelum in ${year}: € 800.`)
        .waitFor(shown);
      await ruud.joint.budgetLines.getByText(`${title}: € 800`).waitFor(shown);
      await ruud.kern.budget
        .getByText('Aangevraagd: € 800 van € 5.000.', { exact: false })
        .waitFor(shown);
      expect(await ruud.joint.budgetLines.getByRole('listitem').count()).toBe(1);
    });

    const gemeente = new OverviewScreen(await e2e.phone());

    await step('the overview explains itself without a gemeente code', async () => {
      await gemeente.open();
      await gemeente.onlyForGemeente.waitFor(shown);
      expect(await gemeente.table.count()).toBe(0);
      await expectAccessible(gemeente.page, 'the overview without a code');
    });

    await step('with a gemeente code, the overview shows every kern’s figures', async () => {
      const notices = new GemeenteScreen(gemeente.page);
      await notices.open();
      await notices.useCode(await makeToken(e2e.server.dataDir, 'gemeente', undefined, 'Gemeente'));
      await gemeente.page.getByRole('link', { name: 'Overzicht van alle kernen' }).click();
      await gemeente.heading.waitFor(shown);
      await gemeente.waitForAll();
      expect(await gemeente.table.getByRole('rowheader').count()).toBe(25 + 1);
      expect(await gemeente.row('Beesd')).toMatchObject({
        Punten: '1',
        Budget: '€ 5.000',
        Aangevraagd: '€ 2.200',
        'Waarvan samenprojecten': '€ 1.200',
        Over: '€ 2.800',
        Samenprojecten: '1',
      });
      expect(await gemeente.row('Heukelum')).toMatchObject({
        Punten: '0',
        Aangevraagd: '€ 800',
        'Waarvan samenprojecten': '€ 800',
        Over: '€ 4.200',
        Samenprojecten: '1',
      });
      expect(await gemeente.row('Totaal')).toMatchObject({
        Aangevraagd: '€ 3.000',
        'Waarvan samenprojecten': '€ 2.000',
        Samenprojecten: '1',
      });
      await gemeente.page
        .getByRole('region', { name: /^Samenprojecten/ })
        .getByRole('listitem')
        .filter({ has: gemeente.page.getByRole('link', { name: title }) })
        .getByText(`Met Beesd en Heukelum. Bijdragen in ${year}: € 2.000.`, { exact: false })
        .waitFor(shown);
      await expectAccessible(gemeente.page, 'the overview');
    });

    await step('the overview downloads as CSV for Excel-NL', async () => {
      const { name, bytes } = await gemeente.downloadCsv();
      expect(name).toMatch(/^overzicht-kernen-\d{4}-\d{2}-\d{2}\.csv$/);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines.at(-1)).toBe('');
      const [header, ...rows] = lines.slice(0, -1).map((l) => l.split(';'));
      const byKern = new Map(
        rows.map((r) => [r[0], Object.fromEntries(header!.map((h, i) => [h, r[i]]))]),
      );
      expect(rows).toHaveLength(25 + 1);
      expect(byKern.get('Beesd')).toMatchObject({
        Punten: '1',
        [`Budget ${year} (€)`]: '5000,00',
        [`Aangevraagd ${year} (€)`]: '2200,00',
        [`Waarvan samenprojecten ${year} (€)`]: '1200,00',
        [`Over ${year} (€)`]: '2800,00',
        Samenprojecten: '1',
      });
      expect(byKern.get('Heukelum')).toMatchObject({
        [`Aangevraagd ${year} (€)`]: '800,00',
        Samenprojecten: '1',
      });
      expect(byKern.get('Totaal')).toMatchObject({
        [`Waarvan samenprojecten ${year} (€)`]: '2000,00',
        Samenprojecten: '1',
      });
    });

    await step(
      'from the overview, the joint project reads without a way to change it',
      async () => {
        await gemeente.page
          .getByRole('region', { name: /^Samenprojecten/ })
          .getByRole('link', { name: title })
          .click();
        const reader = new SamenScreen(gemeente.page);
        await reader.heading(title).waitFor(shown);
        await gemeente.page.getByText('Je kunt dit samenproject lezen.').waitFor(shown);
        await expect.poll(() => reader.contribution('Heukelum').innerText(), shown).toBe('€ 800');
        await reader
          .task('Offertes vragen')
          .getByText('Status: Klaar.', { exact: false })
          .waitFor(shown);
        expect(await reader.order.getByRole('button').count()).toBe(0);
        expect(await reader.order.getByRole('textbox').count()).toBe(0);
        await expectAccessible(gemeente.page, 'the joint project, read-only');
      },
    );
  });
});
