/**
 * Joining a committee with an invite link, in real Chromium against the built PWA and the
 * real server: a member opens the link the invite CLI printed on a phone, types a name,
 * lands on the kern page able to edit and adds a point a resident then sees; leaving (forget
 * the code) makes the page read-only again. The join page is used with the keyboard alone,
 * has no axe violations and 24 px targets. Links that no longer work (expired, used, unknown,
 * used up while the form was open) say so in Dutch. One browser context per person/device.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/server';
import { e2eSession } from './session';
import { axeViolations, describeViolations } from './axe';
import { focusWithoutIndicator, smallTargets, tabTo, waitForFocus } from './keyboard';
import { JoinPage, KernPage, shown } from './pages/app';

const e2e = e2eSession();

const phone = () => e2e.phone();

/** The link `npm run invite` prints for `kern`, pointing at the test server. */
async function invite(kern: string, ...args: string[]): Promise<string> {
  const result = await runCli('invite', [
    '--data',
    e2e.server.dataDir,
    '--kern',
    kern,
    '--url',
    e2e.server.url,
    ...args,
  ]);
  if (result.code !== 0) throw new Error(`invite CLI failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** What time does to an invite: its expiry moves into the past (in the server's database). */
function expire(link: string): void {
  const code = new URL(link).pathname.split('/').pop()!;
  const db = new Database(join(e2e.server.dataDir, 'kernplein.sqlite'));
  try {
    db.prepare('UPDATE invites SET expires_at = ? WHERE code_hash = ?').run(
      new Date(Date.now() - 60_000).toISOString(),
      createHash('sha256').update(code).digest('hex'),
    );
  } finally {
    db.close();
  }
}

describe('joining with an invite link', () => {
  it('a committee member types a name, lands on the kern page able to edit, and adds a point', async () => {
    const link = await invite('beesd', '--uses', '5');
    const page = await phone();
    const joinPage = new JoinPage(page);
    await joinPage.open(link);
    await joinPage.heading('Meedoen met de kernagenda van Beesd').waitFor(shown);
    await page.getByText(/^De uitnodiging is geldig tot \d{1,2} \w+ \d{4}\.$/).waitFor(shown);

    const entries = await page.evaluate(() => history.length);
    const kern = await joinPage.join('Anna de Vries', 'Beesd');
    expect(new URL(page.url()).pathname).toBe('/kern/beesd');
    await page
      .getByText(
        'Je bent ingelogd als Anna de Vries, commissie Beesd: je kunt deze kernagenda wijzigen.',
      )
      .waitFor(shown);
    await kern.waitForAgenda();
    await kern.addPoint({
      title: 'Speeltuin aan de Molenstraat',
      theme: 'Openbare ruimte en groen',
    });
    await kern.waitForSync();

    // The kern page replaced the invite link in the history: Back does not offer it again.
    expect(await page.evaluate(() => history.length)).toBe(entries);

    // Another device, without a code, sees the point.
    const resident = new KernPage(await phone());
    await resident.open('beesd', 'Beesd');
    await resident.point('Speeltuin aan de Molenstraat').waitFor(shown);
    expect(await resident.addButton.count()).toBe(0);

    // The token carries the name; after a reload the device still knows it.
    await page.reload();
    await kern.signedInAs.waitFor(shown);

    // Leaving: forgetting the code on this device makes the kernagenda read-only here.
    await kern.forgetCode();
    await kern.point('Speeltuin aan de Molenstraat').waitFor(shown);
    await kern.addButton.waitFor({ ...shown, state: 'detached' });
    await page.getByLabel('Toegangscode').waitFor(shown);
  });

  it('fills in the name from the link and works with the keyboard alone', async () => {
    const link = await invite('heukelum', '--name-hint', 'Fatima El Amrani');
    const page = await phone();
    const joinPage = new JoinPage(page);
    await joinPage.open(link);
    await joinPage.heading('Meedoen met de kernagenda van Heukelum').waitFor(shown);
    expect(await joinPage.nameField.inputValue()).toBe('Fatima El Amrani');

    // No name: the page says so, at the field, and keeps focus there.
    await tabTo(joinPage.nameField, 'the name field');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await joinPage.nameError.getByText('Vul je naam in.').waitFor(shown);
    expect(await joinPage.nameField.getAttribute('aria-invalid')).toBe('true');
    await waitForFocus(joinPage.nameField, 'the name field after the error');

    const axe = await axeViolations(page);
    expect(describeViolations(axe), '/join with an error').toBe('');
    expect(await smallTargets(page)).toEqual([]);
    const { invisible } = await focusWithoutIndicator(page);
    expect(invisible, 'focus not visible on /join').toEqual([]);

    await tabTo(joinPage.nameField, 'the name field');
    await page.keyboard.type('Fatima');
    await tabTo(joinPage.joinButton, 'the join button');
    await page.keyboard.press('Enter');
    const kern = new KernPage(page);
    await kern.heading('Heukelum').waitFor(shown);
    await page
      .getByText(
        'Je bent ingelogd als Fatima, commissie Heukelum: je kunt deze kernagenda wijzigen.',
      )
      .waitFor(shown);
  });

  it('says in Dutch when the link has expired', async () => {
    const link = await invite('beesd');
    expire(link);
    const joinPage = new JoinPage(await phone());
    await joinPage.open(link);
    await joinPage.heading('Deze uitnodiging werkt niet').waitFor(shown);
    await joinPage.problem
      .getByText('Deze uitnodiging is verlopen. Vraag de beheerder om een nieuwe uitnodiging.')
      .waitFor(shown);
    expect(await joinPage.nameField.count()).toBe(0);
    const axe = await axeViolations(joinPage.page);
    expect(describeViolations(axe), '/join expired').toBe('');
  });

  it('says in Dutch when the link was used already, also if that happened while the form was open', async () => {
    const link = await invite('beesd', '--uses', '1');
    // Bert opens the link and is still deciding on his name ...
    const bert = new JoinPage(await phone());
    await bert.open(link);
    await bert.nameField.waitFor(shown);
    // ... while Carla opens it too, and joins first.
    const carla = new JoinPage(await phone());
    await carla.open(link);
    await carla.join('Carla', 'Beesd');

    await bert.nameField.fill('Bert');
    await bert.joinButton.click();
    await bert.heading('Deze uitnodiging werkt niet').waitFor(shown);
    await bert.problem.getByText(/^Deze uitnodiging is al gebruikt\./).waitFor(shown);

    // Opened afterwards, the link says so at once.
    const late = new JoinPage(await phone());
    await late.open(link);
    await late.heading('Deze uitnodiging werkt niet').waitFor(shown);
    await late.problem.getByText(/^Deze uitnodiging is al gebruikt\./).waitFor(shown);
    expect(await late.nameField.count()).toBe(0);
  });

  it('says in Dutch when the link is unknown', async () => {
    const joinPage = new JoinPage(await phone());
    await joinPage.open(`${e2e.server.url}/join/bestaat-niet-bestaat-niet-123`);
    await joinPage.heading('Deze uitnodiging werkt niet').waitFor(shown);
    await joinPage.problem.getByText(/^Deze uitnodiging kennen we niet\./).waitFor(shown);
    await joinPage.page.getByRole('link', { name: 'Naar alle kernen' }).waitFor(shown);
  });
});
