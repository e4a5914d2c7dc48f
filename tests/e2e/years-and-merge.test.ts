/**
 * Budgets over the years and budget warnings after a merge, in real Chromium against the
 * built PWA and the real server, one browser context per person.
 * (a) The year choice: a point from last year that is not finished comes along to this year
 *     and the next with a badge; a finished one stays in its own year; a request for last
 *     year made now counts for this year, and the card says so.
 * (b) Two committee members lose their connection, each adds a request that fits the budget,
 *     together they do not: once back online both see "Budget na het samenvoegen"; one puts
 *     it away, and it ends when the request is lowered.
 * Screenshots of both go to test-results/ (years-carried-over.png, merge-warning.png).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGemeenteConfig } from '../../src/config/gemeente';
import { budgetYearFor } from '../../src/model/budget';
import { addPoint, readKernagenda, updatePoint, type PointInput } from '../../src/model/kernagenda';
import { connect, makeToken, repoRoot, until } from '../helpers/server';
import { axeViolations, describeViolations } from './axe';
import { smallTargets } from './keyboard';
import { relayLink } from './relayLink';
import { e2eSession } from './session';
import { KernPage, KernTools, shown } from './pages/app';

const e2e = e2eSession();

/** A screenshot saved with the test output, for people to look at. */
function screenshot(name: string): string {
  const dir = join(repoRoot, 'test-results');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

const config = parseGemeenteConfig(
  JSON.parse(readFileSync(join(repoRoot, 'src/config/gemeenten/west-betuwe.json'), 'utf8')),
);
/** The budget year the app opens on (after 1 December already the next one). */
const thisYear = budgetYearFor(new Date().toISOString(), config.budget);
const lastYear = thisYear - 1;

/** A phone whose relay link the test can cut (`cut()`) and give back (`restore()`). */
async function phone() {
  const device = await e2e.device();
  const link = await relayLink(device);
  const page = await device.newPage();
  return {
    page,
    async cut() {
      await link.cut();
    },
    restore() {
      link.restore();
    },
  };
}

async function member(slug: string, kernName: string, name: string) {
  const device = await phone();
  const kern = new KernPage(device.page);
  await kern.open(slug, kernName);
  await kern.waitForAgenda();
  await kern.useAccessCode(await makeToken(e2e.server.dataDir, 'commissie', slug, name));
  return { ...device, kern, tools: new KernTools(device.page) };
}

async function expectAccessible(page: KernPage['page'], when: string) {
  expect(describeViolations(await axeViolations(page)), when).toBe('');
  expect(await smallTargets(page), `small targets: ${when}`).toEqual([]);
}

const point = (title: string): PointInput => ({
  title,
  theme: 'openbare-ruimte-en-groen',
  owner: 'inwoners',
  status: 'idee',
});

describe('the kernagenda of a year', () => {
  it('carries unfinished points over with a badge, keeps finished ones in their year', async () => {
    // Last year's kernagenda, written then by a committee member's device (a real client).
    const token = await makeToken(e2e.server.dataDir, 'commissie', 'beesd', 'Ans');
    const then = connect(e2e.server.url, 'kern/beesd/agenda', token);
    await until(() => then.provider.synced, { message: 'seeding client synced' });
    const at = (day: string) => ({ actor: 'Ans', now: `${lastYear}-${day}T10:00:00.000Z`, config });
    addPoint(then.doc, point('Speeltuin aan de dijk'), at('03-01'));
    const benches = addPoint(then.doc, point('Bankjes bij de kerk'), at('03-02'));
    updatePoint(then.doc, benches, { status: 'gerealiseerd' }, at('09-01'));
    const reader = connect(e2e.server.url, 'kern/beesd/agenda');
    await until(() => readKernagenda(reader.doc).points.length === 2, {
      message: 'the server has last year',
    });

    const { kern } = await member('beesd', 'Beesd', 'Anna de Vries');
    // The year choice opens on this year and offers last year and the next.
    const choice = kern.page.getByLabel('Budgetjaar');
    expect(await kern.budgetYear()).toBe(thisYear);
    expect(await choice.locator('option').allTextContents()).toEqual([
      String(lastYear),
      `${thisYear} (nu)`,
      String(thisYear + 1),
    ]);
    await kern.page
      .getByText(`Nieuwe aanvragen tellen mee voor ${thisYear}.`, { exact: false })
      .waitFor(shown);

    await kern.pointsHeading(1).waitFor(shown);
    await kern.carriedBadge('Speeltuin aan de dijk').waitFor(shown);
    expect(await kern.carriedBadge('Speeltuin aan de dijk').textContent()).toBe(
      `Uit ${lastYear} meegenomen`,
    );
    expect(await kern.point('Bankjes bij de kerk').count()).toBe(0);
    await expectAccessible(kern.page, 'a carried-over point');
    await kern.page.screenshot({ path: screenshot('years-carried-over.png'), fullPage: true });

    await kern.chooseYear(lastYear);
    await kern.pointsHeading(2).waitFor(shown);
    await kern.point('Bankjes bij de kerk').waitFor(shown);
    expect(await kern.page.getByText(/^Uit .+ meegenomen$/).count()).toBe(0);

    await kern.chooseYear(thisYear + 1);
    await kern.carriedBadge('Speeltuin aan de dijk').waitFor(shown);
    expect(await kern.point('Bankjes bij de kerk').count()).toBe(0);

    // A request for last year, made now, is after last year's closing day: it counts now.
    await kern.chooseYear(thisYear);
    await kern.addPointWith({
      title: 'Bloembakken',
      theme: 'Openbare ruimte en groen',
      amount: '500',
      year: lastYear,
    });
    await kern.lateRequestNote('Bloembakken').waitFor(shown);
    expect(await kern.lateRequestNote('Bloembakken').textContent()).toBe(
      `Telt mee voor ${thisYear}: aangevraagd na de sluitingsdatum (1 december ${lastYear}).`,
    );
    await kern.budget.getByText(/^Aangevraagd: € 500 van € 5\.000\./).waitFor(shown);
    expect(await kern.carriedBadge('Bloembakken').count()).toBe(0);
    await kern.chooseYear(lastYear);
    expect(await kern.point('Bloembakken').count()).toBe(0);
    await kern.budget
      .getByText(`'Bloembakken' is aangevraagd na 1 december ${lastYear}.`, { exact: false })
      .waitFor(shown);
  });
});

describe('budget warnings after a merge', () => {
  it('tells both members when their offline requests together go over the budget', async () => {
    const anna = await member('heukelum', 'Heukelum', 'Anna de Vries');
    const jan = await member('heukelum', 'Heukelum', 'Jan Bakker');
    await anna.kern.setYearBudget('3.000');
    await jan.kern.budget
      .getByText('Aangevraagd: € 0 van € 3.000. Nog over: € 3.000.', { exact: true })
      .waitFor(shown);

    await anna.cut();
    await jan.cut();
    await anna.kern.addPointWith({
      title: 'Speeltuin',
      theme: 'Sport, cultuur en recreatie',
      amount: '2.000',
    });
    await jan.kern.addPointWith({
      title: 'Bloembakken',
      theme: 'Openbare ruimte en groen',
      amount: '1.500',
    });
    // Each on its own fits the budget.
    for (const who of [anna, jan]) {
      expect(await who.kern.budget.getByText('Let op:').count()).toBe(0);
      expect(await who.tools.mergeWarnings.count()).toBe(0);
    }

    anna.restore();
    jan.restore();
    const merged = `Voor ${thisYear} is € 3.500 aangevraagd. Het budget is € 3.000. Dat is € 500 te veel.`;
    for (const who of [anna, jan]) {
      await who.kern.point('Speeltuin').waitFor(shown);
      await who.kern.point('Bloembakken').waitFor(shown);
      await who.tools.mergeWarnings.getByText(merged, { exact: false }).waitFor(shown);
      await who.kern.waitForSync();
    }
    await expectAccessible(anna.page, 'the merge warning');
    await anna.page.screenshot({ path: screenshot('merge-warning.png'), fullPage: true });

    // "Begrepen" puts it away on this device only; focus stays near.
    await anna.tools.mergeWarnings.getByRole('button', { name: /^Begrepen/ }).click();
    await anna.tools.mergeWarnings.waitFor({ ...shown, state: 'detached' });
    expect(await anna.page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
    await jan.tools.mergeWarnings.getByText(merged, { exact: false }).waitFor(shown);

    // Jan lowers his request until it fits: the warning ends.
    await jan.kern.setAmount('Bloembakken', '1.000');
    await jan.tools.mergeWarnings.waitFor({ ...shown, state: 'detached' });
    await jan.kern.budget
      .getByText('Aangevraagd: € 3.000 van € 3.000. Nog over: € 0.', { exact: true })
      .waitFor(shown);
  });
});
