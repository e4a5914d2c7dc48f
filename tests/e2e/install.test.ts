/**
 * The PWA is installable, as Chromium itself judges it: a linked Dutch web manifest with the
 * gemeente's names, standalone display, a start URL and 192/512/maskable icons that really
 * are PNGs of their stated size; a service worker that activates and precaches the whole
 * shell (so the app starts offline); and no installability errors from the DevTools protocol.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { cleanup, repoRoot, startServer, type ServerHandle } from '../helpers/server';
import { copyBuild, precacheEntries } from './build';
import { HomePage, shown } from './pages/app';
import { launchProfileDevice } from './profile';
import { activatedServiceWorker } from './serviceWorker';

interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}
interface Manifest {
  name: string;
  short_name: string;
  lang: string;
  start_url: string;
  scope: string;
  display: string;
  icons: ManifestIcon[];
}

const config = JSON.parse(
  readFileSync(join(repoRoot, 'src/config/gemeenten/west-betuwe.json'), 'utf8'),
) as { app: { name: string; shortName: string } };

let server: ServerHandle;
let build: string;
let device: BrowserContext;
let page: Page;
let manifestUrl: string;
let manifest: Manifest;

beforeAll(async () => {
  build = copyBuild();
  server = await startServer({ args: ['--static', build] });
  device = await launchProfileDevice(server.url);
  page = device.pages()[0] ?? (await device.newPage());
  await new HomePage(page).open();
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  if (!href) throw new Error('index.html links no web manifest');
  manifestUrl = new URL(href, server.url).href;
  const response = await page.request.get(manifestUrl);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
  manifest = (await response.json()) as Manifest;
});

afterAll(async () => {
  await device?.close();
  await cleanup();
});

/** What the browser makes of an image URL: content type, PNG signature and decoded size. */
function loadImage(page: Page, src: string) {
  return page.evaluate(async (src) => {
    const response = await fetch(src, { cache: 'no-store' });
    const blob = await response.blob();
    const bytes = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
    const bitmap = await createImageBitmap(blob);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      signature: Array.from(bytes),
      width: bitmap.width,
      height: bitmap.height,
    };
  }, src);
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('installing Kernplein', () => {
  it('links a Dutch manifest with the names from the configuration', () => {
    expect(manifest.lang).toBe('nl');
    expect(manifest.name).toBe(config.app.name);
    expect(manifest.short_name).toBe(config.app.shortName);
    expect(manifest.display).toBe('standalone');
    expect(manifest.start_url).toBe('/');
    expect(manifest.scope).toBe('/');
  });

  it('has 192, 512 and maskable icons that load as PNGs of their stated size', async () => {
    const sizes = manifest.icons.map((icon) => icon.sizes);
    expect(sizes).toContain('192x192');
    expect(sizes).toContain('512x512');
    expect(manifest.icons.some((icon) => icon.purpose?.split(' ').includes('maskable'))).toBe(true);
    for (const icon of manifest.icons) {
      const image = await loadImage(page, new URL(icon.src, manifestUrl).href);
      const [width, height] = icon.sizes.split('x').map(Number);
      expect({ src: icon.src, ...image }).toEqual({
        src: icon.src,
        status: 200,
        type: 'image/png',
        signature: pngSignature,
        width,
        height,
      });
    }
  });

  it('activates a service worker that precaches the whole shell', async () => {
    const active = await activatedServiceWorker(page);
    expect(active).toMatchObject({ scope: `${server.url}/`, active: 'activated' });

    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls: string[] = [];
      for (const name of names.filter((n) => n.includes('precache'))) {
        for (const request of await (await caches.open(name)).keys()) {
          const url = new URL(request.url);
          url.searchParams.delete('__WB_REVISION__');
          urls.push(url.pathname);
        }
      }
      return urls;
    });
    const expected = precacheEntries(build).map((entry) => `/${entry.url}`);
    expect([...cached].sort()).toEqual([...expected].sort());
    // The shell: the page, the manifest, its icons and every built script and style (the
    // lazily loaded kern page included).
    const assets = readdirSync(join(build, 'assets')).map((file) => `/assets/${file}`);
    for (const url of [
      '/index.html',
      '/manifest.webmanifest',
      ...manifest.icons.map((i) => i.src),
      ...assets,
    ])
      expect(cached).toContain(url);
  });

  it('starts offline from the service worker', async () => {
    const offline = await device.newPage();
    await device.setOffline(true);
    try {
      await offline.goto('/toegankelijkheid');
      await offline.getByRole('heading', { level: 1, name: 'Toegankelijkheid' }).waitFor(shown);
    } finally {
      await device.setOffline(false);
      await offline.close();
    }
  });

  it('is reported installable by Chromium', async () => {
    const cdp = await device.newCDPSession(page);
    const app = (await cdp.send('Page.getAppManifest')) as {
      url: string;
      errors: { message: string }[];
    };
    expect(app.url).toBe(manifestUrl);
    expect(app.errors).toEqual([]);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    await cdp.detach();
  });
});
