/**
 * Build of the PWA. The gemeente's configuration is chosen here, once, at build time:
 * KERNPLEIN_CONFIG (a path) or West Betuwe's file. It is validated with the same parser the
 * app and server use (a bad file fails the build with the ConfigError), exposed to the app
 * as the module `@gemeente`, and turned into the Dutch web manifest.
 *
 * The service worker is src/sw.ts (vite-plugin-pwa's injectManifest: the build adds the
 * precache list): it precaches the app shell and answers every navigation with index.html,
 * except the server's own paths. It is registered from React (`useRegisterSW`, prompt on
 * update), never by an inline script, so a strict CSP holds.
 *
 * The version the footer shows is KERNPLEIN_VERSION (say a release name or commit, set by
 * the deploy) or package.json's: whoever helps a resident on the phone can ask which one runs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { parseGemeenteConfig } from './src/config/gemeente.ts';
import { appVersion } from './scripts/appVersion.ts';
import { routePreloads } from './scripts/routePreloads.ts';

const configPath = resolve(process.env.KERNPLEIN_CONFIG ?? 'src/config/gemeenten/west-betuwe.json');
const gemeente = parseGemeenteConfig(JSON.parse(readFileSync(configPath, 'utf8')));
const backend = 'http://localhost:8080';

type ModuleInfo = { isEntry: boolean; importers: readonly string[] } | null;
type Chunking = { getModuleInfo: (id: string) => ModuleInfo };

/** Whether `root` holds for the module or for one that imports it statically, directly or not. */
function reachedFrom(
  root: (id: string, module: NonNullable<ModuleInfo>) => boolean,
  id: string,
  ctx: Chunking,
  seen = new Set<string>(),
): boolean {
  if (seen.has(id)) return false;
  seen.add(id);
  const module = ctx.getModuleInfo(id);
  if (!module) return false;
  return (
    root(id, module) || module.importers.some((importer) => reachedFrom(root, importer, ctx, seen))
  );
}

/** Whether a module is in the main bundle's static graph (what index.html loads). */
const initial = (id: string, ctx: Chunking) => reachedFrom((_, module) => module.isEntry, id, ctx);

/** Whether a module is in the kern page's static graph (what a first visit to a kern loads). */
const kernPageNeeds = (id: string, ctx: Chunking) =>
  reachedFrom((path) => path.endsWith('/src/ui/kern/KernPage.tsx'), id, ctx);

/**
 * Chunks (rolldown's code splitting groups). The automatic splitting made a small chunk of
 * each combination of lazily loaded pages and sections that share code: a kern page
 * fetched 18 files before it could show, and over HTTP/1.1 a phone fetches six at a time.
 * - `shared`: what two or more lazily loaded pages and sections share (Yjs, the models…) and
 *   the kern page needs, in one chunk; the kern page is its own chunk and this one. A first
 *   visit to a kern is the one most people make (a link in the village app group).
 * - `shared-more`: what they share that the kern page does not need at first (the plein's
 *   and joint projects' models, the notices' screens…): the kern page's later sections and
 *   the other pages load it too (4 KB gzipped less for a first visit to a kern).
 * - What the main bundle loads stays in it: named after its chunk (`index`, after
 *   index.html), so rolldown keeps it there instead of splitting out what the shared chunk
 *   needs of it too.
 */
const chunkGroups = [
  {
    name: (id: string, ctx: Chunking) =>
      initial(id, ctx) ? null : kernPageNeeds(id, ctx) ? 'shared' : 'shared-more',
    minShareCount: 2,
    includeDependenciesRecursively: false,
  },
  { name: (id: string, ctx: Chunking) => (initial(id, ctx) ? 'index' : null) },
];

export default defineConfig({
  resolve: { alias: { '@gemeente': configPath } },
  define: { __KERNPLEIN_VERSION__: JSON.stringify(appVersion()) },
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: { output: { codeSplitting: { groups: chunkGroups } } },
  },
  server: {
    proxy: {
      '/sync': { target: backend, ws: true },
      '/api': { target: backend },
      '/healthz': { target: backend },
    },
  },
  plugins: [
    react(),
    routePreloads(),
    {
      // The page title and description come from the configuration, like the manifest.
      name: 'kernplein-html',
      transformIndexHtml: (html) =>
        html
          .replaceAll('%APP_NAME%', gemeente.app.name)
          .replaceAll('%GEMEENTE_NAME%', gemeente.gemeente.name)
          .replaceAll('%THEME_COLOR%', gemeente.app.themeColor),
    },
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      includeManifestIcons: false, // globPatterns below already precaches public/icons
      manifest: {
        id: '/',
        name: gemeente.app.name,
        short_name: gemeente.app.shortName,
        description: `Het digitale ontmoetingsplatform van de kernen van ${gemeente.gemeente.name}.`,
        lang: 'nl',
        dir: 'ltr',
        theme_color: gemeente.app.themeColor,
        background_color: gemeente.app.backgroundColor,
        start_url: '/',
        scope: '/',
        display: 'standalone',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      injectManifest: {
        // The plugin adds the web manifest itself; public/ icons are in dist/ and match here.
        globPatterns: ['**/*.{js,css,html,png,svg}'],
        rollupFormat: 'iife',
      },
    }),
  ],
});
