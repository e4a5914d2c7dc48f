/**
 * Page models for the gemeente's notices, in the words a user sees (role and label locators,
 * waits on what the screen shows): the gemeente screen (`/gemeente`), Berichten
 * (`/berichten`), the "Berichten" link in the header and on the home page, the notices on a
 * kern page, and the system notifications the service worker shows.
 */
import type { Page } from 'playwright-core';
import { shown } from './app';

export interface NoticeInput {
  kind: 'Werkzaamheden' | 'Afsluiting' | 'Evenement' | 'Algemeen';
  title: string;
  text?: string;
  /** Kern names, or 'alle' for "Alle kernen". */
  kernen: readonly string[] | 'alle';
  /** 'YYYY-MM-DD' (default: the form's today). */
  from?: string;
  until?: string;
  place?: string;
  link?: string;
}

/** A notice on any screen: the article named by its title. */
const article = (page: Page, title: string) =>
  page.getByRole('main').getByRole('article', { name: title, exact: true });

/** The gemeente screen. */
export class GemeenteScreen {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/gemeente');
    await this.page
      .getByRole('heading', { level: 1, name: 'Berichten van de gemeente' })
      .waitFor(shown);
  }

  /** The explanation without a gemeente code. */
  get onlyForGemeente() {
    return this.page.getByRole('region', { name: 'Alleen voor de gemeente' });
  }

  get codeField() {
    return this.page.getByLabel('Toegangscode van de gemeente');
  }

  /** Pastes the gemeente's code and waits until the screen lets it write. */
  async useCode(token: string): Promise<void> {
    await this.codeField.fill(token);
    await this.page.getByRole('button', { name: 'Code gebruiken' }).click();
    await this.signedIn.waitFor(shown);
  }

  get signedIn() {
    return this.page.getByText(/^Je bent ingelogd als .+, gemeente: /);
  }

  get newButton() {
    return this.page.getByRole('button', { name: 'Nieuw bericht' });
  }

  get form() {
    return this.page.getByRole('form', { name: /^(Nieuw bericht|Bericht wijzigen: )/ });
  }

  /** "Zichtbaar voor: …" under the choice of kernen. */
  get preview() {
    return this.form.locator('.preview');
  }

  /** Fills the open form (only the fields given). */
  async fill(input: Partial<NoticeInput>): Promise<void> {
    const form = this.form;
    if (input.kind) await form.getByRole('radio', { name: input.kind }).check();
    if (input.title !== undefined) await form.getByLabel('Titel').fill(input.title);
    if (input.text !== undefined) await form.getByLabel('Tekst').fill(input.text);
    if (input.kernen === 'alle') await form.getByRole('checkbox', { name: 'Alle kernen' }).check();
    else if (input.kernen)
      for (const name of input.kernen)
        await form.getByRole('checkbox', { name, exact: true }).check();
    if (input.from) await form.getByLabel('Eerste dag').fill(input.from);
    if (input.until) await form.getByLabel(/^Laatste dag/).fill(input.until);
    if (input.place !== undefined) await form.getByLabel(/^Plaats/).fill(input.place);
    if (input.link !== undefined)
      await form.getByLabel(/^Link met meer informatie/).fill(input.link);
  }

  /** Writes a new notice and waits until it is in the list. */
  async post(input: NoticeInput): Promise<void> {
    await this.newButton.click();
    await this.form.waitFor(shown);
    await this.fill(input);
    await this.form.getByRole('button', { name: 'Bericht plaatsen' }).click();
    await this.notice(input.title).waitFor(shown);
  }

  notice(title: string) {
    return article(this.page, title);
  }

  /** A list on the screen by its heading: "Nu bezig", "Gepland" or "Archief". */
  section(name: 'Nu bezig' | 'Gepland' | 'Archief') {
    return this.page.getByRole('region', { name: new RegExp(`^${name} \\(\\d+\\)$`) });
  }

  /** Changes a notice through "Wijzigen". */
  async change(title: string, input: Partial<NoticeInput>): Promise<void> {
    await this.notice(title)
      .getByRole('button', { name: /^Wijzigen/ })
      .click();
    await this.form.waitFor(shown);
    await this.fill(input);
    await this.form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await this.form.waitFor({ ...shown, state: 'detached' });
  }

  /** "Nu beëindigen" or "Intrekken", confirmed. */
  async close(title: string, how: 'Nu beëindigen' | 'Intrekken'): Promise<void> {
    const notice = this.notice(title);
    await notice.getByRole('button', { name: new RegExp(`^${how}`) }).click();
    await notice
      .getByRole('button', { name: how === 'Intrekken' ? 'Ja, intrekken' : 'Ja, nu beëindigen' })
      .click();
    await this.section('Archief').getByRole('article', { name: title }).waitFor(shown);
  }

  /** A resident's question under a notice, by its text. */
  question(title: string, text: string) {
    return this.notice(title).getByRole('listitem').filter({ hasText: text });
  }

  async answer(title: string, question: string, answer: string): Promise<void> {
    const item = this.question(title, question);
    await item.getByRole('button', { name: /^Beantwoorden/ }).click();
    await item.getByLabel(/^Antwoord aan /).fill(answer);
    await item.getByRole('button', { name: 'Antwoord plaatsen' }).click();
    await item.getByText(answer).waitFor(shown);
  }
}

/** Berichten: the notices for the kernen this device follows. */
export class BerichtenView {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Berichten' });
  }

  async open(): Promise<void> {
    await this.page.goto('/berichten');
    await this.heading.waitFor(shown);
  }

  /** Through the header's "Berichten" link (no reload). */
  async openFromHeader(): Promise<void> {
    await new Header(this.page).berichten.click();
    await this.heading.waitFor(shown);
    await this.section('Nu bezig').waitFor(shown);
  }

  /** "Nu bezig", "Binnenkort" or "Archief" (with their count). */
  section(name: 'Nu bezig' | 'Binnenkort' | 'Archief') {
    return this.page.getByRole('region', { name: new RegExp(`^${name} \\(\\d+\\)$`) });
  }

  notice(title: string) {
    return article(this.page, title);
  }

  /** The "Nieuw" label of a notice that was unread when the page showed it. */
  newLabel(title: string) {
    return this.notice(title).getByText('Nieuw', { exact: true });
  }

  get enableNotifications() {
    return this.page.getByRole('button', { name: 'Meldingen aanzetten' });
  }

  get notificationsOn() {
    return this.page.getByText(/^Meldingen staan aan\./);
  }

  /** Asks a question under a notice; returns the status line under it. */
  async ask(title: string, question: string) {
    const notice = this.notice(title);
    await notice.getByRole('button', { name: /^Stel een vraag/ }).click();
    await notice.getByLabel('Je vraag aan de gemeente').fill(question);
    await notice.getByRole('button', { name: 'Vraag versturen' }).click();
    return notice.getByRole('status');
  }

  /** The gemeente's answer under a notice, by its text. */
  answer(title: string, text: string) {
    return this.notice(title)
      .locator('.answer')
      .filter({ hasText: 'Antwoord van de gemeente' })
      .filter({ hasText: text });
  }
}

/** The header's "Berichten" link and the one on the home page, with "n nieuw". */
export class Header {
  constructor(readonly page: Page) {}

  get berichten() {
    return this.page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: /^Berichten/ });
  }

  get homeLink() {
    return this.page.getByRole('main').getByRole('link', { name: /^Berichten van de gemeente/ });
  }

  /** Waits until the header says this many unread notices (0: no number at all). */
  async waitForUnread(count: number): Promise<void> {
    const name = count === 0 ? /^Berichten$/ : new RegExp(`^Berichten ${count} nieuw$`);
    await this.page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name })
      .waitFor(shown);
  }

  get syncStatus() {
    return this.page.getByRole('banner').getByRole('status');
  }

  async waitForSync(): Promise<void> {
    await this.syncStatus.filter({ hasText: /^Gesynchroniseerd$/ }).waitFor(shown);
  }
}

/** The notices section of a kern page. */
export function kernNotices(page: Page) {
  return page.getByRole('region', { name: /^Berichten van de gemeente \(\d+\)$/ });
}

export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  url: unknown;
}

/** The system notifications of this app that are showing now (service worker registration). */
export function notifications(page: Page): Promise<ShownNotification[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const list = await registration.getNotifications();
    return list.map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      url: (n.data as { url?: unknown } | null)?.url,
    }));
  });
}
