/**
 * A kern page as this device last showed it, as HTML, so an opened app shows its first screen
 * before any script has run. The saved screen in the device db (ui/kern/useAgendaScreen.ts)
 * needs the main bundle, the kern page's code and Dexie first: about a second on a slow
 * phone. This needs nothing but the service worker.
 *
 * - The kern page keeps a copy of what it shows (`keepPageSnapshot` in pageCapture.ts, when
 *   it keeps its saved screen, and whenever the page is hidden; stored by `storePageSnapshot`):
 *   the page's first screen on this device, without what is of the moment and without inline
 *   styles (the CSP refuses them). Not while a form is open in the agenda or a question asked:
 *   then the copy from before stays.
 * - The copy stands where the app's page will, so nothing moves when the app takes over. What
 *   is of the moment is marked in the markup:
 *   - `data-now`: left out (messages, field errors, who is here now, conflict notes);
 *   - `data-now="words"`: its place kept, its words not (the sync status: blank and unseen);
 *   - `data-now="offline"`: kept hidden; the service worker shows it when the device is
 *     offline, as the app will (the offline note).
 *   The form for an access code stays, empty: nothing typed is kept.
 * - With the copy it keeps the rules of the app's stylesheet that the copy uses
 *   (`firstScreenRules`, pageCapture.ts): about a quarter of the stylesheet, which a browser
 *   that is just starting parses and matches before its first paint.
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

/** The copy as the service worker's page holds it: beside the app's root, which stays hidden. */
export const framed = (html: string) =>
  `<div id="root" hidden></div><div id="${snapshotId}" inert aria-busy="true">${html}</div>`;

/** What the cache entry's body holds: the copy, and the rules it uses (null: not known). */
interface Kept {
  html: string;
  css: string | null;
}

export interface StoredSnapshot extends Kept {
  build: string | null;
  title: string | null;
}

/**
 * Stores the copy of the page at `path`, made by `build` (`buildOf`) under the page's `title`,
 * and forgets the oldest beyond `keptPages`.
 */
export async function storePageSnapshot(
  path: string,
  kept: Kept,
  { build, title }: { build: string; title: string },
): Promise<void> {
  const cache = await caches.open(cacheName);
  await cache.put(
    path,
    new Response(JSON.stringify(kept), {
      headers: {
        'Content-Type': 'application/json',
        [buildHeader]: build,
        [titleHeader]: encodeURIComponent(title),
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

/** The whole stylesheet while `loadStylesheet` waits for it (null: there, failed, or not asked). */
let stylesheetComing: Promise<void> | null = null;

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
  stylesheetComing = new Promise<void>((settled) => {
    link.addEventListener('load', () => settled(), { once: true });
    link.addEventListener('error', () => settled(), { once: true });
  }).then(() => {
    stylesheetComing = null;
  });
  document.head.append(link);
}

/**
 * Removes the copy and shows the app: at once (in the frame the app's page is drawn in) when
 * the whole stylesheet is there, else as soon as it is or has failed to come; with `now`
 * (the failsafe) whatever the stylesheet does.
 */
export function dropSnapshot({ now = false }: { now?: boolean } = {}): void {
  const snapshot = document.getElementById(snapshotId);
  if (!snapshot) return;
  if (stylesheetComing && !now) void stylesheetComing.then(() => dropSnapshot());
  else showApp(snapshot);
}

function showApp(snapshot: HTMLElement): void {
  snapshot.remove();
  document.getElementById('root')?.removeAttribute('hidden');
}
