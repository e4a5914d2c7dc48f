/**
 * A Vite plugin that writes `preloads.json` next to the build: for each route whose page is
 * its own chunk (route-level code splitting, src/ui/App.tsx), what index.html loads (its
 * stylesheet and the main bundle) and then the page's chunk and the chunks it imports
 * statically. The server sends them as `Link` headers with the page (server/static.ts), so a
 * first visit to a kern fetches the kern page's code alongside the main bundle instead of
 * after it has run: on a slow connection that is one round trip and a few hundred
 * milliseconds less before the kernagenda shows. The main bundle and stylesheet come first:
 * over HTTP/1.1 a browser fetches six files at a time, in the order it is given them, and
 * the page's code named before them held up the first paint.
 *
 * The routes are listed here, with the page module each one loads; a page that is missing
 * from the build fails it (a renamed page would otherwise lose its preload silently).
 */
import type { Plugin } from 'vite';

/** Path pattern (matched against the whole path) → the page module it loads lazily. */
export const routePages: Record<string, string> = {
  '^/kern/[^/]+/?$': 'src/ui/kern/KernPage.tsx',
  '^/kern/[^/]+/ideeen/?$': 'src/ui/ideas/IdeasPage.tsx',
  '^/join/[^/]+/?$': 'src/ui/join/JoinPage.tsx',
  '^/plein/?$': 'src/ui/plein/PleinPage.tsx',
  '^/plein/[^/]+/?$': 'src/ui/plein/ProjectPage.tsx',
  '^/samen/[^/]+/?$': 'src/ui/samen/SamenPage.tsx',
  '^/berichten/?$': 'src/ui/berichten/BerichtenPage.tsx',
  '^/gemeente/?$': 'src/ui/gemeente/GemeentePage.tsx',
};

export const preloadsFile = 'preloads.json';

/** What `preloads.json` holds: per route pattern, the asset paths to preload, in order. */
export type RoutePreloads = { pattern: string; files: string[] }[];

interface ChunkInfo {
  type: 'chunk' | 'asset';
  fileName: string;
  imports?: string[];
  isEntry?: boolean;
  facadeModuleId?: string | null;
  viteMetadata?: { importedCss: Set<string> };
}

/** The chunk and everything it imports statically, depth first, each once. */
function closure(bundle: Record<string, ChunkInfo>, fileName: string, into = new Set<string>()) {
  if (into.has(fileName)) return into;
  into.add(fileName);
  for (const dep of bundle[fileName]?.imports ?? []) closure(bundle, dep, into);
  return into;
}

export function routePreloads(): Plugin {
  return {
    name: 'kernplein-route-preloads',
    apply: 'build',
    generateBundle(_, output) {
      const bundle = output as unknown as Record<string, ChunkInfo>;
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const entry = chunks.find((c) => c.isEntry);
      if (!entry) this.error('route preloads: the build has no entry chunk');
      const loaded = closure(bundle, entry.fileName);
      const first = [
        ...[...loaded].flatMap((f) => [...(bundle[f]?.viteMetadata?.importedCss ?? [])]),
        ...loaded,
      ];
      const preloads: RoutePreloads = Object.entries(routePages).map(([pattern, page]) => {
        const chunk = chunks.find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(page));
        if (!chunk) this.error(`route preloads: no chunk for ${page} (route ${pattern})`);
        const own = [...closure(bundle, chunk.fileName)].filter((f) => !loaded.has(f));
        return { pattern, files: [...first, ...own].map((f) => `/${f}`) };
      });
      this.emitFile({
        type: 'asset',
        fileName: preloadsFile,
        source: `${JSON.stringify(preloads, null, 2)}\n`,
      });
    },
  };
}
