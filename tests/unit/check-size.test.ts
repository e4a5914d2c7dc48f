/**
 * The size check `npm test` runs on the build (scripts/check-size.ts), on small builds made
 * here: it passes within the budgets and prints the figures, and fails with the figure when
 * the home page's first load, a first visit to another page, or the precache is over.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, runScript, tempDir } from '../helpers/server';

afterAll(cleanup);

/** Random bytes do not compress: `kb` of them weigh about `kb` KB gzipped. */
const incompressible = (kb: number) => `//${randomBytes(kb * 1024).toString('base64')}`;

/** A build folder: a main bundle, a kern page chunk, and `extra` precached bytes. */
function build({
  main = 10,
  page = 10,
  extra = 0,
}: {
  main?: number;
  page?: number;
  extra?: number;
}) {
  const dist = tempDir('kernplein-size-');
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><link rel="stylesheet" href="/assets/index.css">' +
      '<script type="module" src="/assets/index.js"></script>',
  );
  writeFileSync(join(dist, 'assets/index.css'), 'body{margin:0}');
  writeFileSync(join(dist, 'assets/index.js'), `import "./shared.js";${incompressible(main)}`);
  writeFileSync(join(dist, 'assets/shared.js'), 'export const x = 1;');
  writeFileSync(join(dist, 'assets/KernPage.js'), incompressible(page));
  writeFileSync(join(dist, 'assets/extra.png'), randomBytes(extra * 1024));
  writeFileSync(
    join(dist, 'preloads.json'),
    JSON.stringify([
      {
        pattern: '^/kern/[^/]+/?$',
        files: ['/assets/index.css', '/assets/index.js', '/assets/KernPage.js'],
      },
    ]),
  );
  const entries = ['index.html', 'assets/index.js', 'assets/index.css', 'assets/KernPage.js']
    .concat(extra ? ['assets/extra.png'] : [])
    .map((url) => `{"revision":null,"url":"${url}"}`);
  writeFileSync(join(dist, 'sw.js'), `self.__WB_MANIFEST=[${entries.join(',')}];`);
  return dist;
}

async function checkSize(dist: string) {
  const { code, stdout, stderr } = await runScript('scripts/check-size.ts', ['--dist', dist]);
  return { code, out: stdout + stderr };
}

// Each case runs the script through tsx: about a second on a busy machine.
describe('check-size', { timeout: 30_000 }, () => {
  it('passes a build within the budgets and prints its figures', async () => {
    const { code, out } = await checkSize(build({}));
    expect(code).toBe(0);
    expect(out).toMatch(/check-size: ok, first load 1\d\.\d KB gzipped/);
    expect(out).toMatch(/a first visit to \^\/kern\/\[\^\/\]\+\/\?\$ 2\d\.\d KB/);
  });

  it('fails when the home page loads more than 160 KB gzipped, with the figure', async () => {
    const { code, out } = await checkSize(build({ main: 170 }));
    expect(code).toBe(1);
    expect(out).toMatch(/first load 1[7-9]\d\.\d KB gzipped is over the budget of 160\.0 KB/);
  });

  it('fails when a first visit to a kern page loads more, though the home page is within', async () => {
    const { code, out } = await checkSize(build({ main: 80, page: 90 }));
    expect(code).toBe(1);
    expect(out).toMatch(
      /a first visit to \^\/kern\/\[\^\/\]\+\/\?\$ loads 1[7-9]\d\.\d KB gzipped, over/,
    );
    expect(out).not.toMatch(/first load [\d.]+ KB gzipped is over/);
  });

  it('fails with a clear message when the build has no preloads.json', async () => {
    const dist = build({});
    rmSync(join(dist, 'preloads.json'));
    const { code, out } = await checkSize(dist);
    expect(code).toBe(1);
    expect(out).toMatch(/check-size: .*preloads\.json is missing: run `npm run build`/);
  });

  it('passes a build without pages of their own, and says so', async () => {
    const dist = build({});
    writeFileSync(join(dist, 'preloads.json'), '[]');
    const { code, out } = await checkSize(dist);
    expect(code).toBe(0);
    expect(out).toMatch(/no page with code of its own/);
  });

  it('fails when the precache is over 1.5 MB', async () => {
    const { code, out } = await checkSize(build({ extra: 1600 }));
    expect(code).toBe(1);
    expect(out).toMatch(/precache 16\d\d\.\d KB is over the budget of 1536\.0 KB/);
  });
});
