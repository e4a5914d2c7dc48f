/**
 * The HTTP side of the server: static files of the build with their caching rules, the SPA
 * fallback, no path traversal, /api, /healthz (also when the store cannot write), /metrics.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanup,
  connect,
  makeToken,
  rawSocket,
  startServer,
  tempDir,
  until,
  type Client,
  type ServerHandle,
} from '../helpers/server';
import { scrapeMetrics } from '../helpers/metrics';

let server: ServerHandle;
let build: string;

const files: Record<string, string> = {
  'index.html': '<!doctype html><title>Kernplein</title>',
  'assets/index-Bx7f3a.js': 'console.log("app")',
  'assets/index-C9d2e1.css': 'body{}',
  'sw.js': 'self.addEventListener("fetch",()=>{})',
  'registerSW.js': '/* register */',
  'workbox-5a1b2c3d.js': '/* workbox */',
  'manifest.webmanifest': '{"name":"Kernplein"}',
  'icons/icon-192.png': '\x89PNG',
  'robots.txt': 'User-agent: *',
  'preloads.json': JSON.stringify([
    {
      pattern: '^/kern/[^/]+/?$',
      files: ['/assets/index-e5.css', '/assets/KernPage-a1.js', '/assets/room-b2.js'],
    },
    { pattern: '^/plein/?$', files: ['/assets/PleinPage-c3.js', '/../outside.txt'] },
  ]),
};

beforeAll(async () => {
  const dir = tempDir();
  build = join(dir, 'build');
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(join(build, path, '..'), { recursive: true });
    writeFileSync(join(build, path), body);
  }
  writeFileSync(join(dir, 'outside.txt'), 'GEHEIM');
  server = await startServer({ args: ['--static', build] });
});

afterAll(cleanup);

/** A raw request, so the path goes out exactly as written (fetch normalises it). */
function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string>; body: string }>(
    (resolve, reject) => {
      const req = request(`${server.url}${path}`, { method, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers as Record<string, string>,
            body,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('static files', () => {
  it.each([
    ['/', 'text/html; charset=utf-8', 'no-cache'],
    ['/index.html', 'text/html; charset=utf-8', 'no-cache'],
    [
      '/assets/index-Bx7f3a.js',
      'text/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
    ],
    ['/assets/index-C9d2e1.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/sw.js', 'text/javascript; charset=utf-8', 'no-cache'],
    ['/registerSW.js', 'text/javascript; charset=utf-8', 'no-cache'],
    ['/workbox-5a1b2c3d.js', 'text/javascript; charset=utf-8', 'no-cache'],
    ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8', 'no-cache'],
    ['/icons/icon-192.png', 'image/png', 'public, max-age=3600'],
    ['/robots.txt', 'text/plain; charset=utf-8', 'public, max-age=3600'],
  ])('%s: %s, %s', async (path, type, cache) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe(cache);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('revalidates with the ETag (304) and answers HEAD without a body', async () => {
    const first = await get('/sw.js');
    const again = await get('/sw.js', { 'If-None-Match': first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    const head = await get('/index.html', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String(files['index.html']!.length));
  });

  it.each(['/kern/beesd', '/kern/beesd/agenda', '/toegankelijkheid'])(
    'serves index.html for the deep link %s',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.body).toBe(files['index.html']);
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it("preloads a route's own code with the page (Link: rel=modulepreload)", async () => {
    expect((await get('/kern/beesd')).headers.link).toBe(
      '</assets/index-e5.css>; rel=preload; as=style; crossorigin, ' +
        '</assets/KernPage-a1.js>; rel=modulepreload, </assets/room-b2.js>; rel=modulepreload',
    );
    // Only asset scripts and stylesheets are ever named.
    expect((await get('/plein')).headers.link).toBe('</assets/PleinPage-c3.js>; rel=modulepreload');
    for (const path of ['/', '/index.html', '/kern/beesd/agenda', '/assets/index-Bx7f3a.js'])
      expect((await get(path)).headers.link, path).toBeUndefined();
  });

  it('serves pages without preloads when preloads.json is broken or gone, and follows a new one', async () => {
    const file = join(build, 'preloads.json');
    try {
      writeFileSync(file, '{ not json');
      const broken = await get('/kern/beesd');
      expect(broken.status).toBe(200);
      expect(broken.headers.link).toBeUndefined();
      writeFileSync(file, JSON.stringify([{ pattern: '^/kern/', files: ['/assets/New-d4.js'] }]));
      expect((await get('/kern/beesd')).headers.link).toBe(
        '</assets/New-d4.js>; rel=modulepreload',
      );
      rmSync(file);
      expect((await get('/kern/beesd')).headers.link).toBeUndefined();
    } finally {
      writeFileSync(file, files['preloads.json']!);
    }
  });

  it.each(['/missing.js', '/assets/gone-123.js', '/healthz/x', '/metrics/x'])(
    'answers 404 for %s (no fallback)',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('<title>');
    },
  );

  it.each([
    '/../outside.txt',
    '/..%2foutside.txt',
    '/%2e%2e/outside.txt',
    '/assets/..%2F..%2Foutside.txt',
    '/%2e%2e%2f%2e%2e%2foutside.txt',
    '/..\\outside.txt',
    '/%00',
    '/%E0%A4%A',
  ])('never serves a file outside the build: %s', async (path) => {
    const res = await get(path);
    expect(res.body).not.toContain('GEHEIM');
    expect(res.status === 200 ? res.body : '').not.toContain('GEHEIM');
    expect([200, 400, 404]).toContain(res.status);
  });

  it('refuses other methods with 405', async () => {
    const res = await get('/index.html', {}, 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('says plainly that the build is missing', async () => {
    const bare = await startServer({ args: ['--static', join(tempDir(), 'nothing')] });
    const res = await fetch(`${bare.url}/kern/beesd`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toContain('npm run build');
    expect(await bare.stop()).toBe(0);
  });
});

describe('compression', () => {
  const big = `/* ${'const kern = "Beesd"; '.repeat(400)} */`;
  const raw = (path: string, acceptEncoding?: string) =>
    new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>(
      (resolve, reject) => {
        const headers: Record<string, string> = acceptEncoding
          ? { 'Accept-Encoding': acceptEncoding }
          : {};
        const req = request(`${server.url}${path}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              headers: res.headers as Record<string, string>,
              body: Buffer.concat(chunks),
            }),
          );
        });
        req.on('error', reject);
        req.end();
      },
    );

  beforeAll(() => {
    writeFileSync(join(build, 'assets', 'groot-A1b2c3.js'), big);
    writeFileSync(join(build, 'assets', 'plaatje-A1b2c3.png'), Buffer.alloc(4096, 7));
  });

  it.each([
    ['br, gzip, deflate', 'br', brotliDecompressSync],
    ['gzip', 'gzip', gunzipSync],
    ['gzip;q=1, br;q=0', 'gzip', gunzipSync],
  ] as const)('Accept-Encoding %s: sends %s, the same bytes', async (accept, encoding, undo) => {
    const res = await raw('/assets/groot-A1b2c3.js', accept);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(big.length / 5);
    expect(undo(res.body).toString()).toBe(big);
    // The variant revalidates with its own ETag.
    const again = await raw('/assets/groot-A1b2c3.js', accept);
    expect(again.headers.etag).toBe(res.headers.etag);
    expect(res.headers.etag).toContain(encoding);
  });

  it('sends the file as it is without Accept-Encoding, for small files, and for images', async () => {
    const plain = await raw('/assets/groot-A1b2c3.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(big);
    const small = await raw('/index.html', 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
    const image = await raw('/assets/plaatje-A1b2c3.png', 'br, gzip');
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.body.length).toBe(4096);
  });
});

describe('server routes', () => {
  it('answers unknown /api paths with JSON 404', async () => {
    const res = await get('/api/onbekend');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual({ error: 'not_found', path: '/api/onbekend' });
  });

  it('answers a plain GET of the relay with 426', async () => {
    expect((await get('/sync/kern/beesd/agenda')).status).toBe(426);
  });

  it('refuses a WebSocket upgrade outside /sync/', async () => {
    const socket = rawSocket(`${server.wsUrl}/elders`);
    expect((await socket.closed).code).toBe(1006);
  });
});

describe('security headers', () => {
  const policy = (host: string) =>
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self' ws://${host} wss://${host}`,
      "manifest-src 'self'",
      "worker-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');

  it.each([
    ['GET', '/'],
    ['GET', '/kern/beesd'],
    ['GET', '/assets/index-Bx7f3a.js'],
    ['GET', '/sw.js'],
    ['GET', '/missing.js'],
    ['POST', '/index.html'],
    ['GET', '/api/onbekend'],
    ['GET', '/healthz'],
    ['GET', '/metrics'],
    ['GET', '/sync/kern/beesd/agenda'],
  ])('%s %s carries the strict policy and the other headers', async (method, path) => {
    const res = await get(path, {}, method);
    const host = new URL(server.url).host;
    expect(res.headers['content-security-policy']).toBe(policy(host));
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cross-origin-opener-policy': 'same-origin',
    });
  });

  it('the refused upgrade outside /sync/ carries them too (404)', async () => {
    const { port, hostname } = new URL(server.url);
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connectTcp(Number(port), hostname, () =>
        socket.write(
          `GET /elders HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: Upgrade\r\n` +
            'Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        ),
      );
      let text = '';
      socket.setEncoding('latin1').on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    const [status, ...lines] = head.split('\r\n\r\n')[0]!.split('\r\n');
    expect(status).toBe('HTTP/1.1 404 Not Found');
    const headers = Object.fromEntries(
      lines.map((line) => [
        line.slice(0, line.indexOf(':')).toLowerCase(),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
    );
    expect(headers['content-security-policy']).toBe(policy(`${hostname}:${port}`));
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
  });

  it('puts only a plain host name into the policy, never a forged Host header', async () => {
    const res = await get('/', { Host: "evil.example'; script-src *" });
    expect(res.headers['content-security-policy']).toMatch(
      /^default-src 'self'; script-src 'self';/,
    );
    expect(res.headers['content-security-policy']).toContain("connect-src 'self';");
    expect(res.headers['content-security-policy']).not.toContain('evil');
  });
});

describe('/healthz and /metrics', () => {
  /** The server's process stands still for `ms`: its event loop cannot turn. */
  async function standStill(ms: number) {
    server.process.kill('SIGSTOP');
    try {
      await new Promise((resolve) => setTimeout(resolve, ms));
    } finally {
      server.process.kill('SIGCONT');
    }
  }

  it('/healthz says ok with figures', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      store: 'ok',
      rooms: expect.any(Number),
    });
  });

  it('/metrics figures move with connections, updates, bytes and rejections', async () => {
    const before = await scrapeMetrics(server);
    expect(before.get('kernplein_connections')).toBe(0);
    const token = await makeToken(server.dataDir, 'gemeente');
    const client = connect(server.url, 'gemeente/berichten', { token });
    await until(() => client.provider.synced);
    client.map.set('bericht', 'Werkzaamheden aan de Dorpsstraat');
    await until(
      async () =>
        (await scrapeMetrics(server)).get('kernplein_updates_accepted_total')! >
        before.get('kernplein_updates_accepted_total')!,
    );
    const refused = rawSocket(`${server.wsUrl}/sync/kern/atlantis/agenda`);
    await refused.closed;
    const after = await scrapeMetrics(server);
    expect(after.get('kernplein_connections')).toBe(1);
    expect(after.get('kernplein_rooms_loaded')).toBeGreaterThanOrEqual(1);
    expect(after.get('kernplein_bytes_received_total')).toBeGreaterThan(
      before.get('kernplein_bytes_received_total')!,
    );
    expect(after.get('kernplein_rejections_total{reason="unknown_room",code="4404"}')).toBe(
      (before.get('kernplein_rejections_total{reason="unknown_room",code="4404"}') ?? 0) + 1,
    );
    const health = await (await fetch(`${server.url}/healthz`)).json();
    expect(health).toMatchObject({ connections: 1 });
    client.destroy();
    await until(async () => (await scrapeMetrics(server)).get('kernplein_connections') === 0);
  });

  it("/metrics reports the event loop's worst delay since the previous scrape", async () => {
    await scrapeMetrics(server); // starts the count over
    await standStill(400);
    // Scraped at once: the scrape may be answered before the loop's timer has fired again.
    const stalled = await scrapeMetrics(server);
    expect(stalled.get('kernplein_event_loop_delay_max_seconds')).toBeGreaterThan(0.3);
    expect(stalled.get('kernplein_event_loop_delay_p99_seconds')).toBeGreaterThan(0.3);
    // The next scrape counts from the previous one: the stall is not in it again.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = await scrapeMetrics(server);
    expect(after.get('kernplein_event_loop_delay_max_seconds')).toBeLessThan(0.3);
  });

  it('/metrics counts every event loop delay in a histogram that each scraper sees whole', async () => {
    // Delays above 0.25 s: the stall's.
    const stalls = (seen: Map<string, number>) =>
      seen.get('kernplein_event_loop_delay_seconds_count')! -
      seen.get('kernplein_event_loop_delay_seconds_bucket{le="0.25"}')!;
    const before = await scrapeMetrics(server);
    expect(before.get('kernplein_event_loop_delay_seconds_bucket{le="+Inf"}')).toBe(
      before.get('kernplein_event_loop_delay_seconds_count'),
    );
    await standStill(400);
    // Two scrapers, one after the other: the first does not take the stall from the second.
    const first = await scrapeMetrics(server);
    const second = await scrapeMetrics(server);
    for (const seen of [first, second]) {
      expect(stalls(seen) - stalls(before)).toBeGreaterThanOrEqual(1);
      expect(seen.get('kernplein_event_loop_delay_seconds_sum')).toBeGreaterThan(
        before.get('kernplein_event_loop_delay_seconds_sum')! + 0.3,
      );
      // Cumulative: each bucket holds at least as many as the one below it.
      const counts = [...seen]
        .filter(([name]) => name.startsWith('kernplein_event_loop_delay_seconds_bucket'))
        .map(([, count]) => count);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
    }
  });

  it('reports 503 while the store cannot write, and stores nothing it broadcast', async () => {
    const token = await makeToken(server.dataDir, 'commissie', 'beesd');
    const room = 'kern/beesd/agenda';
    const writer: Client = connect(server.url, room, { token });
    const observer: Client = connect(server.url, room);
    await until(() => writer.provider.synced && observer.provider.synced);

    // Another process holds the write lock of the database file.
    const db = new Database(join(server.dataDir, 'kernplein.sqlite'));
    db.exec('BEGIN IMMEDIATE');
    try {
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        status: 'error',
        reason: expect.stringMatching(/locked/),
      });

      // The failed check put the store in fault: the edit is held back and the writer told.
      writer.map.set('tijdens-slot', 'bewaard?');
      await until(() => writer.denied.length > 0, { message: 'the writer is told' });
      expect(writer.denied[0]).toMatch(/kan nu niets opslaan/);
      expect(observer.map.has('tijdens-slot')).toBe(false);
    } finally {
      db.exec('COMMIT');
      db.close();
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // The writer reconnects on its own and its edit is stored and relayed now.
    await until(() => observer.map.get('tijdens-slot') === 'bewaard?', {
      message: 'the edit lands after the store recovers',
      timeout: 15_000,
    });
    writer.destroy();
    observer.destroy();
  });
});
