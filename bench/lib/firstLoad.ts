/**
 * What a first visit downloads, measured from a build folder (`dist/`).
 *
 * First load: what `index.html` references with `<script src>`, `<link rel=stylesheet>` and
 * `<link rel=modulepreload>`, plus every chunk a JS file imports statically (followed
 * transitively); `import()` (lazy routes) is not followed. Each file is gzipped with node's
 * zlib at level 9 (a little smaller than the level 6 most servers use). Precache: the entries
 * of the workbox manifest in `sw.js`, summed as stored bytes (Cache Storage keeps them
 * uncompressed) and as gzip bytes.
 *
 * A first visit to a page other than the home page (a link to a kern shared in the village
 * app group) also loads that page's code: the server preloads it with the page, from the
 * build's `preloads.json` (scripts/routePreloads.ts). `pages` sums those files per route, and
 * the same budget holds for each.
 *
 * KB here is 1024 bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { preloadsFile, type RoutePreloads } from '../../scripts/routePreloads';

export const firstLoadBudget = 160 * 1024;
export const precacheBudget = 1.5 * 1024 * 1024;
export const gzipLevel = 9;

export interface SizedFile {
  path: string;
  bytes: number;
  gzip: number;
}

export interface FirstLoad {
  files: SizedFile[];
  /** gzip bytes of the JS and CSS of the first load. */
  total: number;
  /** Per route with its own page chunk: gzip bytes of what a first visit to it loads. */
  pages: { route: string; total: number }[];
  precache: { files: SizedFile[]; bytes: number; gzip: number };
}

const gzipSize = (data: Buffer) => gzipSync(data, { level: gzipLevel }).byteLength;

function sized(dist: string, path: string): SizedFile {
  const data = readFileSync(join(dist, path));
  return { path, bytes: data.byteLength, gzip: gzipSize(data) };
}

/** `/assets/x.js` or `assets/x.js` -> `assets/x.js`; null for other origins. */
function local(href: string): string | null {
  if (/^[a-z]+:/i.test(href) || href.startsWith('//')) return null;
  return posix.normalize(href.replace(/^\//, '').split(/[?#]/)[0]!);
}

/** Files `index.html` pulls in itself. */
function htmlReferences(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) =>
      new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
    const value = (name: string) => {
      const m = attr(name);
      return m ? (m[2] ?? m[3] ?? m[4] ?? '') : null;
    };
    if (/^<script/i.test(tag)) {
      const src = value('src');
      if (src) found.push(src);
      continue;
    }
    const rel = (value('rel') ?? '').toLowerCase().split(/\s+/);
    const href = value('href');
    if (href && (rel.includes('stylesheet') || rel.includes('modulepreload'))) found.push(href);
  }
  return found;
}

// Static `import … from "x"`, `import "x"` and `export … from "x"` (not `import(`).
const staticImport =
  /\b(?:import\s*(?:[\w$*{}\s,]+?\s*from\s*)?|export\s*(?:\*|\{[^}]*\})\s*from\s*)(["'`])([^"'`\n]+?)\1/g;

function staticImports(code: string, from: string, dist: string): string[] {
  const out: string[] = [];
  for (const match of code.matchAll(staticImport)) {
    const spec = match[2]!;
    if (!spec.startsWith('.') && !spec.startsWith('/')) continue;
    const path = spec.startsWith('/')
      ? local(spec)
      : posix.normalize(posix.join(posix.dirname(from), spec));
    if (path && existsSync(join(dist, path))) out.push(path);
  }
  return out;
}

export interface PrecacheEntry {
  url: string;
  revision: string | null;
}

/** An entry of the list the build put in sw.js (JSON; a hashed file has no revision). */
const entryPattern = /\{(?:"revision":(null|"[0-9a-f]+"),)?"url":"([^"]+)"\}/g;

/** The precache list in the build's `sw.js` (what workbox precaches on install). */
export function precacheEntries(dist: string): PrecacheEntry[] {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const entries = [...sw.matchAll(entryPattern)].map(([, revision, url]) => ({
    url: url!,
    revision: revision === undefined || revision === 'null' ? null : JSON.parse(revision),
  }));
  if (entries.length === 0) throw new Error(`no precache list found in ${join(dist, 'sw.js')}`);
  return entries;
}

/** What a first visit to each route with its own page chunk loads (`preloads.json`). */
function pageLoads(dist: string): FirstLoad['pages'] {
  const path = join(dist, preloadsFile);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\``);
  const routes = JSON.parse(readFileSync(path, 'utf8')) as RoutePreloads;
  return routes.map(({ pattern, files }) => ({
    route: pattern,
    total: files.reduce((sum, file) => sum + sized(dist, local(file)!).gzip, 0),
  }));
}

export function measureFirstLoad(dist: string): FirstLoad {
  const indexPath = join(dist, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`${indexPath} is missing: run \`npm run build\``);
  const queue = htmlReferences(readFileSync(indexPath, 'utf8'))
    .map(local)
    .filter((p): p is string => p !== null && /\.(m?js|css)$/.test(p));
  const seen = new Set<string>();
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.has(path) || !existsSync(join(dist, path))) continue;
    seen.add(path);
    if (/\.m?js$/.test(path))
      queue.push(...staticImports(readFileSync(join(dist, path), 'utf8'), path, dist));
  }
  const files = [...seen].map((p) => sized(dist, p));
  const precacheFiles = precacheEntries(dist)
    .map((entry) => local(entry.url))
    .filter((p): p is string => p !== null && existsSync(join(dist, p)))
    .map((p) => sized(dist, p));
  return {
    files,
    total: files.reduce((sum, f) => sum + f.gzip, 0),
    pages: pageLoads(dist),
    precache: {
      files: precacheFiles,
      bytes: precacheFiles.reduce((sum, f) => sum + f.bytes, 0),
      gzip: precacheFiles.reduce((sum, f) => sum + f.gzip, 0),
    },
  };
}

export const defaultDist = fileURLToPath(new URL('../../dist', import.meta.url));
