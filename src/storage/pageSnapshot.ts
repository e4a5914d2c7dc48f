/**
 * A kern page as this device last showed it, as HTML, so an opened app shows its first screen
 * before any script has run. The saved screen in the device db (ui/kern/useAgendaScreen.ts)
 * needs the main bundle, the kern page's code and Dexie first: about a second on a slow
 * phone. This needs nothing but the service worker.
 *
 * - The kern page keeps a copy of what it shows (`keepPageSnapshot`, when it keeps its saved
 *   screen, and whenever the page is hidden): the page's first screen on this device, without
 *   what is of the moment and without inline styles (the CSP refuses them). Not while a form is
 *   open in the agenda or a question asked: then the copy from before stays.
 * - The copy stands where the app's page will, so nothing moves when the app takes over. What
 *   is of the moment is marked in the markup:
 *   - `data-now`: left out (messages, field errors, who is here now, conflict notes);
 *   - `data-now="words"`: its place kept, its words not (the sync status: blank and unseen);
 *   - `data-now="offline"`: kept hidden; the service worker shows it when the device is
 *     offline, as the app will (the offline note).
 *   The form for an access code stays, empty: nothing typed is kept.
 * - With the copy it keeps the rules of the app's stylesheet that the copy uses
 *   (`firstScreenRules`): about a quarter of the stylesheet, which a browser that is just
 *   starting parses and matches before its first paint.
 * - The service worker (src/sw.ts) answers a navigation to that page with index.html and the
 *   copy in it (`composePage`): inert and aria-busy, beside the app's root, which stays hidden;
 *   the copy's rules inline in place of the stylesheet's link (the whole stylesheet for a copy
 *   kept without them), their hash added to the page's CSP (`allowingStylesheet`).
 *   Only a copy made by the same build: its markup and class names fit the stylesheet.
 * - The app loads the whole stylesheet itself (`loadStylesheet`, main.tsx) and drops the copy
 *   (`dropSnapshot`) in the frame its own page shows, once that stylesheet is there: the kern
 *   page when its saved screen or document is drawn; the page for an unknown address and the
 *   error page at once; at the latest after `failsafeMs` (main.tsx).
 * - Forgetting a code on this device forgets the copies (they may show what it allowed).
 *
 * The document stays the truth: the copy is never read by the app, only shown until it runs.
 */

/** Cache Storage, where the service worker can read it; one entry per page path. */
const cacheName = 'kernplein-pages';
/** The number of pages kept: the kernen a device opens, not every one it visited. */
const keptPages = 6;
/** The app drops a copy that is still there after this long, whatever its page does. */
export const failsafeMs = 6_000;

const buildHeader = 'X-Kernplein-Build';
const titleHeader = 'X-Kernplein-Title';
const snapshotId = 'snapshot';

/** The stylesheet index.html links; in a composed page it is inline, named by `data-href`. */
const stylesheetLink = /<link rel="stylesheet"[^>]*\shref="([^"]+)"[^>]*>/;
const inlineStylesheet = /<style data-href="([^"]+)"/;

/**
 * The build that made a page: the script and the (first) stylesheet that index.html loads,
 * whose names change with their content. Later stylesheets may be added by the app itself.
 */
export function buildOf(html: string): string | null {
  const script = /<script type="module"[^>]*\ssrc="([^"]+)"/.exec(html)?.[1];
  const style = inlineStylesheet.exec(html)?.[1] ?? stylesheetLink.exec(html)?.[1];
  return script && style ? `${script} ${style}` : null;
}

/** The path of the stylesheet index.html links, which `composePage` can put inline. */
export const stylesheetOf = (index: string): string | null =>
  stylesheetLink.exec(index)?.[1] ?? null;

/** The form fields' state into attributes, which is what a copy of the markup keeps. */
function keepFieldState(live: Element, copy: Element): void {
  const fields = 'input, select, textarea';
  const copies = copy.querySelectorAll(fields);
  live.querySelectorAll(fields).forEach((field, i) => {
    const twin = copies[i]!;
    if (field instanceof HTMLInputElement) {
      if (field.type === 'checkbox' || field.type === 'radio')
        twin.toggleAttribute('checked', field.checked);
      else twin.setAttribute('value', field.value);
    } else if (field instanceof HTMLSelectElement) {
      [...field.options].forEach((option, j) =>
        (twin as HTMLSelectElement).options[j]?.toggleAttribute('selected', option.selected),
      );
    } else if (field instanceof HTMLTextAreaElement) twin.textContent = field.value;
  });
}

/** Removes from `copy` what starts at or below `end` (viewport px) in its `live` twin. */
function cutBelow(live: Element, copy: Element, end: number): void {
  const copies = [...copy.children];
  [...live.children].forEach((child, i) => {
    if (child.getBoundingClientRect().top >= end) copies[i]!.remove();
    else cutBelow(child, copies[i]!, end);
  });
}

/**
 * The copy of the kern page in `root`, or null when it is not one to keep: no live agenda
 * (the saved screen or "laden" shows), or a form open or a question asked in it.
 *
 * Only the first screen: what starts below the bottom of the page's first screen on this
 * device, upright or turned, is left out (usually every point card on a phone: the budget
 * comes first). All that is shown before the app runs is parsed, styled and laid out first;
 * the app shows the rest about a second later.
 */
function capturePage(root: HTMLElement): string | null {
  const view = root.querySelector('.agenda-view');
  if (!view || view.hasAttribute('inert') || view.querySelector('form, [data-now="question"]'))
    return null;
  const copy = root.cloneNode(true) as HTMLElement;
  keepFieldState(root, copy);
  cutBelow(root, copy, Math.max(window.innerWidth, window.innerHeight) - window.scrollY);
  const copyView = copy.querySelector('.agenda-view');
  while (copyView?.nextSibling) copyView.nextSibling.remove(); // the sections below the agenda
  copy
    .querySelectorAll('[data-now]:not([data-now="words"], [data-now="offline"]), .print-only')
    .forEach((element) => element.remove());
  copy.querySelectorAll('[role="status"], [role="alert"], [aria-live]').forEach((region) => {
    if (!region.closest('[data-now="words"]')) region.replaceChildren(); // those are blanked
  });
  copy.querySelectorAll('[data-now="words"]').forEach(blankWords);
  copy
    .querySelectorAll('[data-now="offline"]')
    .forEach((element) => element.setAttribute('hidden', ''));
  // The forms on the first screen (the access code's) stay, as before anything was typed.
  copy.querySelectorAll('form input').forEach((input) => input.removeAttribute('value'));
  copy.querySelectorAll('form textarea').forEach((text) => text.replaceChildren());
  copy.querySelectorAll('[aria-invalid]').forEach((field) => field.removeAttribute('aria-invalid'));
  copy.querySelectorAll('[style]').forEach((element) => element.removeAttribute('style'));
  return copy.innerHTML;
}

/** The copy as the service worker's page holds it: beside the app's root, which stays hidden. */
const framed = (html: string) =>
  `<div id="root" hidden></div><div id="${snapshotId}" inert aria-busy="true">${html}</div>`;

/**
 * Pseudo-elements (`::before`, `::placeholder`, `::-webkit-details-marker`...) and the states
 * of a moment (hover, focus...). A selector with them is kept when it matches without them:
 * the copy is inert, but its elements' `::before` or a field's placeholder are part of what
 * it shows. (`querySelector` matches no pseudo-element.)
 */
const ofTheMoment =
  /::[\w-]+(?:\([^)]*\))?|:(?:before|after|first-line|first-letter|hover|focus-visible|focus-within|focus|active|visited|target)\b/g;

/** Whether `selector` matches an element of `page` (kept when that cannot be told). */
function usedIn(page: Document, selector: string): boolean {
  try {
    return page.querySelector(selector.replace(ofTheMoment, '') || '*') !== null;
  } catch {
    return true; // e.g. `:not(:hover)`, left without its argument
  }
}

/** A rule of a stylesheet's text: its prelude and block (null for a statement), as written. */
interface RuleText {
  prelude: string;
  block: string | null;
  text: string;
}

/** The rules at the top level of `css` (strings and comments may hold braces). */
export function rulesOf(css: string): RuleText[] {
  const rules: RuleText[] = [];
  let start = 0;
  let depth = 0;
  let open = 0;
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") {
      for (i++; i < css.length && css[i] !== c; i++) if (css[i] === '\\') i++;
    } else if (c === '/' && css[i + 1] === '*') {
      i = css.indexOf('*/', i + 2);
      if (i < 0) break;
      i++;
    } else if (c === '{') {
      if (depth++ === 0) open = i;
    } else if (c === '}') {
      if (--depth === 0) {
        rules.push({
          prelude: css.slice(start, open).trim(),
          block: css.slice(open + 1, i),
          text: css.slice(start, i + 1),
        });
        start = i + 1;
      }
    } else if (c === ';' && depth === 0) {
      rules.push({
        prelude: css.slice(start, i).trim(),
        block: null,
        text: css.slice(start, i + 1),
      });
      start = i + 1;
    }
  }
  return rules;
}

/**
 * The rules of `css` that `page` uses, as they are written (see `firstScreenRules`). Their
 * text, not the CSS object model's: that cannot always write a rule back as it was (a
 * shorthand with a `var()` in it and one of its parts set after it loses the shorthand).
 */
function rulesUsedIn(page: Document, css: string): string {
  let used = '';
  for (const { prelude, block, text } of rulesOf(css)) {
    if (block !== null && /^@media\s/i.test(prelude)) {
      if (/^@media\s+print$/i.test(prelude)) continue; // the copy is never printed
      const inner = rulesUsedIn(page, block);
      if (inner) used += `${prelude}{${inner}}`;
    } else if (block === null || prelude.startsWith('@') || usedIn(page, prelude)) used += text;
  }
  return used;
}

/** The text of the app's stylesheet, once fetched (it is named by its content). */
let stylesheetText: { href: string; css: Promise<string | null> } | null = null;

function textOf(href: string): Promise<string | null> {
  if (stylesheetText?.href !== href)
    stylesheetText = {
      href,
      css: fetch(href)
        .then((response) => (response.ok ? response.text() : null))
        .catch(() => null),
    };
  return stylesheetText.css;
}

/**
 * The rules of the app's stylesheet that the copy `html` uses, as CSS: each rule whose
 * selector matches the page's html or body element or an element of the copy, in a document
 * of its own built as the service worker's page will be, in the stylesheet's order and inside
 * its media queries (any width: a phone may be turned); other at-rules whole. Null when the
 * stylesheet cannot be read.
 */
export async function firstScreenRules(html: string): Promise<string | null> {
  const href = document.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')?.href;
  const css = href ? await textOf(href) : null;
  if (css === null) return null;
  const page = document.implementation.createHTMLDocument('');
  for (const { name, value } of document.documentElement.attributes)
    page.documentElement.setAttribute(name, value);
  page.body.innerHTML = framed(html);
  return rulesUsedIn(page, css);
}

/** Each word in `element` a no-break space: the same lines, none of what they said. */
function blankWords(element: Element): void {
  const texts = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let text = texts.nextNode(); text; text = texts.nextNode())
    if (text.nodeValue?.trim()) text.nodeValue = '\u00a0';
}

/** Keeps the copy of the page now shown at `path` (when there is one to keep). */
export async function keepPageSnapshot(path: string): Promise<void> {
  const root = document.getElementById('root');
  const build = buildOf(document.head.innerHTML);
  if (!root || !build || !('caches' in window) || window.location.pathname !== path) return;
  const html = capturePage(root);
  if (html === null) return;
  const kept: Kept = { html, css: await firstScreenRules(html) };
  const cache = await caches.open(cacheName);
  await cache.put(
    path,
    new Response(JSON.stringify(kept), {
      headers: {
        'Content-Type': 'application/json',
        [buildHeader]: build,
        [titleHeader]: encodeURIComponent(document.title),
      },
    }),
  );
  const keys = await cache.keys();
  const older = keys.filter((key) => new URL(key.url).pathname !== path);
  const tooMany = Math.max(0, keys.length - keptPages);
  await Promise.all(older.slice(0, tooMany).map((key) => cache.delete(key)));
}

/** Forgets every copy on this device (a code was forgotten). */
export async function forgetPageSnapshots(): Promise<void> {
  if ('caches' in globalThis) await caches.delete(cacheName);
}

const escapeText = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** What the cache entry's body holds: the copy, and the rules it uses (null: not known). */
interface Kept {
  html: string;
  css: string | null;
}

export interface StoredSnapshot extends Kept {
  build: string | null;
  title: string | null;
}

/** The opening tag of what the copy shows only while the device is offline. */
const offlineOnly = /<[a-z]+\s[^>]*data-now="offline"[^>]*>/g;

/**
 * index.html with the copy in it, or null when the copy was made by another build (or the
 * page has no root to stand beside). With `stylesheet` (the text of the one index.html links)
 * that stylesheet is inline: the copy is painted without waiting for it to come through the
 * service worker, which in a browser that is just starting takes longer than the page itself.
 * `offline`: the device is offline now, so what the app shows then is shown.
 * Replacers are functions: a `$` in the copy stays a `$`.
 */
export function composePage(
  index: string,
  snapshot: Omit<StoredSnapshot, 'css'>,
  { stylesheet, offline = false }: { stylesheet?: string; offline?: boolean } = {},
): string | null {
  const root = '<div id="root"></div>';
  if (!snapshot.build || buildOf(index) !== snapshot.build || !index.includes(root)) return null;
  const html = offline
    ? snapshot.html.replace(offlineOnly, (tag) => tag.replace(/\shidden(="[^"]*")?(?=[\s>])/, ''))
    : snapshot.html;
  let page = index.replace(root, () => framed(html));
  if (stylesheet !== undefined && !/<\/style/i.test(stylesheet))
    page = page.replace(
      stylesheetLink,
      (_link, href: string) => `<style data-href="${href}">${stylesheet}</style>`,
    );
  const title = snapshot.title;
  return title === null
    ? page
    : page.replace(/<title>[^<]*<\/title>/, () => `<title>${escapeText(title)}</title>`);
}

/**
 * The Content-Security-Policy `policy` that also allows the one inline stylesheet whose
 * SHA-256 is `hash` (base64), and nothing else inline; null when it has no `style-src` (or
 * `style-src-elem`) that lists sources: then the stylesheet stays a link.
 */
export function allowingStylesheet(policy: string, hash: string): string | null {
  const directives = policy.split(';').map((directive) => directive.trim());
  const named = (name: string) =>
    directives.findIndex((directive) => directive.toLowerCase().startsWith(`${name} `));
  // style-src-elem, when there, is what governs a <style> element.
  const style = named('style-src-elem') >= 0 ? named('style-src-elem') : named('style-src');
  if (style < 0 || /'none'/i.test(directives[style]!)) return null;
  directives[style] += ` 'sha256-${hash}'`;
  return directives.filter(Boolean).join('; ');
}

/** The copy kept for `path`, for the service worker; null when there is none. */
export async function readPageSnapshot(path: string): Promise<StoredSnapshot | null> {
  const response = await (await caches.open(cacheName)).match(path);
  if (!response) return null;
  const title = response.headers.get(titleHeader);
  const { html, css } = (await response.json()) as Partial<Kept>;
  if (typeof html !== 'string') return null;
  return {
    html,
    css: typeof css === 'string' ? css : null,
    build: response.headers.get(buildHeader),
    title: title === null ? null : decodeURIComponent(title),
  };
}

/**
 * In the service worker's page only the copy's rules are inline, in place of the stylesheet's
 * link: the app loads the whole stylesheet (the one `data-href` names) before it is shown.
 */
export function loadStylesheet(): void {
  const href = document.querySelector<HTMLStyleElement>('style[data-href]')?.dataset.href;
  if (!href || document.querySelector('link[rel="stylesheet"]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}

/**
 * Removes the copy and shows the app: at once (in the frame the app's page is drawn in) when
 * the whole stylesheet is there, else as soon as it is (or has failed to come).
 */
export function dropSnapshot(): void {
  const snapshot = document.getElementById(snapshotId);
  if (!snapshot) return;
  const link = document.querySelector<HTMLLinkElement>('link[rel="stylesheet"]');
  if (link && !link.sheet) {
    link.addEventListener('load', dropSnapshot, { once: true });
    link.addEventListener('error', () => showApp(snapshot), { once: true });
    return;
  }
  showApp(snapshot);
}

function showApp(snapshot: HTMLElement): void {
  snapshot.remove();
  document.getElementById('root')?.removeAttribute('hidden');
}
