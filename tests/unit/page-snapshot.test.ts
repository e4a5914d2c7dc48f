/**
 * The service worker's page with the kept copy in it (storage/pageSnapshot.ts: composePage):
 * only a copy of the same build, beside the hidden root, inert and aria-busy, with its title;
 * the copy's text as it was; its offline note shown only offline; the stylesheet inline when given, and the policy that allows
 * exactly it (allowingStylesheet). The copy itself, and the service worker serving it, are tested in
 * real Chromium (tests/e2e/page-snapshot.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  allowingStylesheet,
  buildOf,
  composePage,
  stylesheetOf,
} from '../../src/storage/pageSnapshot';
import { rulesOf } from '../../src/storage/pageCapture';

const index = [
  '<!doctype html><html lang="nl"><head><title>Kernplein West Betuwe</title>',
  '<script type="module" crossorigin src="/assets/index-AbC123.js"></script>',
  '<link rel="stylesheet" crossorigin href="/assets/index-XyZ.css"></head>',
  '<body><div id="root"></div><noscript>Zet JavaScript aan.</noscript></body></html>',
].join('');
const copy = {
  html: '<main><h1>Beesd</h1><h4>Speeltuin $&amp; $1 $$ opknappen</h4></main>',
  build: '/assets/index-AbC123.js /assets/index-XyZ.css',
  title: 'Beesd <Kernplein> & co',
};

describe('composePage', () => {
  it('puts the copy beside the hidden root, inert and aria-busy, with its title', () => {
    const page = composePage(index, copy)!;
    expect(page).toContain(
      '<div id="root" hidden></div><div id="snapshot" inert aria-busy="true">' +
        copy.html +
        '</div><noscript>',
    );
    expect(page).toContain('<title>Beesd &lt;Kernplein&gt; &amp; co</title>');
    expect(page).toContain('<script type="module" crossorigin src="/assets/index-AbC123.js">');
  });

  it('shows what the copy holds for offline only when the device is offline', () => {
    const note = (hidden: string) =>
      `<p class="sync-note" data-now="offline"${hidden}>Je bent offline.</p>`;
    const withNote = { ...copy, html: `<header>${note(' hidden=""')}</header>${copy.html}` };
    expect(composePage(index, withNote)).toContain(note(' hidden=""'));
    expect(composePage(index, withNote, { offline: false })).toContain(note(' hidden=""'));
    const offline = composePage(index, withNote, { offline: true })!;
    expect(offline).toContain(note(''));
    expect(offline).toContain(copy.html); // nothing else changed
    // Only the `hidden` of what is marked so: a hidden element without the mark stays hidden.
    const other = { ...copy, html: '<p hidden class="a" data-x="offline">Geheim</p>' };
    expect(composePage(index, other, { offline: true })).toContain(other.html);
  });

  it('keeps the title of index.html when the copy has none', () => {
    expect(composePage(index, { ...copy, title: null })).toContain(
      '<title>Kernplein West Betuwe</title>',
    );
  });

  it('refuses a copy of another build, of no known build, or a page without a root', () => {
    expect(
      composePage(index, { ...copy, build: '/assets/index-Older.js /assets/index-XyZ.css' }),
    ).toBeNull();
    expect(
      composePage(index, { ...copy, build: '/assets/index-AbC123.js /assets/index-Old.css' }),
    ).toBeNull();
    expect(composePage(index, { ...copy, build: null })).toBeNull();
    expect(composePage(index.replace('<div id="root"></div>', ''), copy)).toBeNull();
  });

  it('reads the build from the script and stylesheet index.html loads, as the live DOM writes them', () => {
    const build = '/assets/index-AbC123.js /assets/index-XyZ.css';
    expect(buildOf(index)).toBe(build);
    const live =
      '<script type="module" crossorigin="" src="/assets/index-AbC123.js"></script>' +
      '<link rel="stylesheet" crossorigin="" href="/assets/index-XyZ.css">' +
      '<link rel="stylesheet" href="/assets/Later-1.css">';
    expect(buildOf(live)).toBe(build);
    expect(buildOf('<script src="/classic.js"></script>')).toBeNull();
    expect(buildOf('<script type="module" src="/a.js"></script>')).toBeNull();
  });

  it('puts the stylesheet inline in place of its link, named by it, so the build stays known', () => {
    const css = ':root{color:#1a1a1a}.a::after{content:"$&"}';
    expect(stylesheetOf(index)).toBe('/assets/index-XyZ.css');
    const page = composePage(index, copy, { stylesheet: css })!;
    expect(page).toContain(
      `</script><style data-href="/assets/index-XyZ.css">${css}</style></head>`,
    );
    expect(page).not.toContain('<link rel="stylesheet"');
    expect(buildOf(page)).toBe(copy.build);
    // The app may add a stylesheet of its own later: the inline one still names the build.
    expect(
      buildOf(page.replace('</head>', '<link rel="stylesheet" href="/a/Later.css"></head>')),
    ).toBe(copy.build);
  });

  it('keeps the link when the stylesheet would end its own style element', () => {
    const page = composePage(index, copy, {
      stylesheet: 'a{color:red}</STYLE><script>alert(1)</script>',
    })!;
    expect(page).toContain('<link rel="stylesheet" crossorigin href="/assets/index-XyZ.css">');
    expect(page).not.toContain('<style');
  });
});

describe('allowingStylesheet', () => {
  const policy = "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'";

  it('adds the hash to style-src and changes nothing else', () => {
    expect(allowingStylesheet(policy, 'q1w2+/=')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'sha256-q1w2+/='; frame-ancestors 'none'",
    );
  });

  it('adds it to style-src-elem when the policy has one: that governs a style element', () => {
    expect(allowingStylesheet("style-src 'self'; style-src-elem 'self'", 'abc')).toBe(
      "style-src 'self'; style-src-elem 'self' 'sha256-abc'",
    );
  });

  it('refuses a policy without style-src, or with style-src none', () => {
    expect(allowingStylesheet("default-src 'self'", 'abc')).toBeNull();
    expect(allowingStylesheet("default-src 'self'; style-src 'none'", 'abc')).toBeNull();
  });
});

describe('rulesOf', () => {
  it('splits a stylesheet into its rules as written, with their preludes and blocks', () => {
    const css = [
      '@charset "utf-8";',
      ':root{--brand:#1f5f3f}',
      '.a:before{content:"{ } ;"}',
      "/* a { comment } */.b{content:'\\'}'}",
      '@media (min-width:40rem){.c{margin:0}.d{padding:0}}',
    ].join('');
    expect(rulesOf(css)).toEqual([
      { prelude: '@charset "utf-8"', block: null, text: '@charset "utf-8";' },
      { prelude: ':root', block: '--brand:#1f5f3f', text: ':root{--brand:#1f5f3f}' },
      { prelude: '.a:before', block: 'content:"{ } ;"', text: '.a:before{content:"{ } ;"}' },
      {
        prelude: '/* a { comment } */.b',
        block: "content:'\\'}'",
        text: "/* a { comment } */.b{content:'\\'}'}",
      },
      {
        prelude: '@media (min-width:40rem)',
        block: '.c{margin:0}.d{padding:0}',
        text: '@media (min-width:40rem){.c{margin:0}.d{padding:0}}',
      },
    ]);
    expect(rulesOf('.c{margin:0}.d{padding:0}').map((rule) => rule.prelude)).toEqual(['.c', '.d']);
  });
});
