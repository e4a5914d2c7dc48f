/**
 * The built PWA as static files, with the caching rules a service-worker app needs.
 *
 * Owns: mapping a request path to a file under the build directory (never outside it),
 * content types, Cache-Control, ETag revalidation, and the SPA fallback.
 * - `/assets/*` are content-hashed: cached for a year, immutable.
 * - `index.html`, `sw.js`, `registerSW.js`, `workbox-*.js`, `manifest.webmanifest` must be
 *   revalidated every time (`no-cache`), or an update of the app is never seen.
 * - Other files get a short max-age.
 * - A path without an extension outside the server's own routes serves `index.html` (deep
 *   links before the service worker is installed).
 * - Without a build every page says plainly how to make one.
 * - Text files over 1 KB go compressed when the browser accepts it (brotli, else gzip): on a
 *   village-hall connection the app's JavaScript is a third of its size that way. Each file is
 *   compressed once, off the event loop (zlib's thread pool), and kept in memory while its
 *   ETag holds; the variants carry their own ETag and `Vary: Accept-Encoding`.
 * - A page of a route with its own code (a kern, a joint project…) goes with a `Link` header
 *   that preloads that code (`rel=modulepreload`), from the build's `preloads.json`
 *   (scripts/routePreloads.ts): the browser fetches it alongside the main bundle. A build
 *   without the file, or with a broken one, serves pages without the header.
 */
import { createReadStream, existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, extname, join, relative, resolve, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

type Encoding = 'br' | 'gzip';
const compressors: Record<Encoding, (data: Buffer) => Promise<Buffer>> = {
  br: (data) =>
    promisify(brotliCompress)(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  gzip: (data) => promisify(gzip)(data, { level: 9 }),
};
const compressible = /^(text\/|application\/(json|manifest\+json|xml|wasm)|image\/svg)/;
const minCompressBytes = 1024;

/** The best encoding the request accepts (q=0 refuses one), or null for none. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name!.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (name: Encoding) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

/** Paths the server answers itself; they never fall back to the app. */
export const serverRoutes = ['/api', '/sync', '/healthz', '/metrics'];

const isServerRoute = (path: string) =>
  serverRoutes.some((route) => path === route || path.startsWith(route + '/'));

function cacheControl(path: string): string {
  const name = basename(path);
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  if (
    ['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest'].includes(name) ||
    /^workbox-[\w-]+\.js$/.test(name)
  )
    return 'no-cache';
  return 'public, max-age=3600';
}

function text(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

const missingBuild =
  'Kernplein is not built yet: run `npm run build` (or `npm start`), then reload this page.\n' +
  'De app is nog niet klaargezet. Vraag de beheerder om hem te bouwen.\n';

/**
 * The `Link` header for a page path, from the build's `preloads.json` (re-read when it
 * changes): asset scripts as `modulepreload`, asset stylesheets as `preload` (with
 * `crossorigin`, as index.html loads them, or the browser fetches them twice); nothing else.
 */
function routeLinks(root: string): (path: string) => string | null {
  const file = join(root, 'preloads.json');
  let version = '';
  let routes: { pattern: RegExp; link: string }[] = [];
  return (path) => {
    let stats: Stats;
    try {
      stats = statSync(file);
    } catch {
      return null;
    }
    const current = `${stats.size}-${stats.mtimeMs}`;
    if (current !== version) {
      version = current;
      try {
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
          pattern: string;
          files: string[];
        }[];
        routes = parsed.map(({ pattern, files }) => ({
          pattern: new RegExp(pattern),
          link: files
            .map((f) =>
              /^\/assets\/[\w.-]+\.js$/.test(f)
                ? `<${f}>; rel=modulepreload`
                : /^\/assets\/[\w.-]+\.css$/.test(f)
                  ? `<${f}>; rel=preload; as=style; crossorigin`
                  : null,
            )
            .filter(Boolean)
            .join(', '),
        }));
      } catch {
        routes = [];
      }
    }
    return routes.find((route) => route.pattern.test(path))?.link || null;
  };
}

export function createStatic(rootDir: string) {
  const root = resolve(rootDir);
  const linksFor = routeLinks(root);
  /** Compressed bodies by file, encoding and ETag (a rebuilt file gets a new ETag). */
  const compressed = new Map<string, Promise<Buffer>>();

  function compressedBody(file: string, encoding: Encoding, etag: string): Promise<Buffer> {
    const key = `${encoding} ${etag} ${file}`;
    let body = compressed.get(key);
    if (!body) {
      for (const old of compressed.keys())
        if (old.startsWith(`${encoding} `) && old.endsWith(` ${file}`)) compressed.delete(old);
      body = compressors[encoding](readFileSync(file));
      body.catch(() => compressed.delete(key));
      compressed.set(key, body);
    }
    return body;
  }

  function fileFor(path: string): { file: string; stats: Stats } | null {
    const file = join(root, path);
    if (file !== root && !file.startsWith(root + sep)) return null;
    try {
      const stats = statSync(file);
      if (stats.isFile()) return { file, stats };
      if (stats.isDirectory()) return fileFor(join(path, 'index.html'));
    } catch {
      // not there: the caller decides between fallback and 404
    }
    return null;
  }

  return function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return text(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    let path: string;
    try {
      path = decodeURIComponent(pathname);
    } catch {
      return text(res, 400, 'Bad request\n');
    }
    if (path.includes('\0')) return text(res, 400, 'Bad request\n');
    if (!existsSync(join(root, 'index.html'))) return text(res, 503, missingBuild);

    let found = isServerRoute(path) ? null : fileFor(path);
    let links: string | null = null;
    if (!found && extname(path) === '' && !isServerRoute(path)) {
      found = fileFor('/index.html');
      links = linksFor(path);
    }
    if (!found) return text(res, 404, 'Niet gevonden.\n');

    const { file, stats } = found;
    const servedPath = '/' + relative(root, file).split(sep).join('/');
    const type = types[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const encoding =
      compressible.test(type) && stats.size >= minCompressBytes
        ? chooseEncoding(req.headers['accept-encoding'])
        : null;
    const version = `${stats.size.toString(16)}-${Math.trunc(stats.mtimeMs).toString(16)}`;
    const etag = `W/"${version}${encoding ? `-${encoding}` : ''}"`;
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Cache-Control': cacheControl(servedPath),
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (compressible.test(type)) headers.Vary = 'Accept-Encoding';
    if (links) headers.Link = links;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      return res.end();
    }
    if (encoding) {
      compressedBody(file, encoding, etag).then(
        (body) => {
          res.writeHead(200, {
            ...headers,
            'Content-Encoding': encoding,
            'Content-Length': String(body.length),
          });
          res.end(req.method === 'HEAD' ? undefined : body);
        },
        () => res.destroy(),
      );
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': String(stats.size) });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}
