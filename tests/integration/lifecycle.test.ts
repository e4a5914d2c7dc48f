/**
 * The server process from start to stop: `npm run serve`, `npm start` and `npm run demo`
 * (built, run by plain Node, stopped by SIGTERM to npm), what it
 * prints, refused start-ups (bad flags, bad configuration), another gemeente's configuration,
 * `--demo`, rooms unloading after `--unload-after-ms` and reloading from the store, and
 * SIGTERM closing clients with 1001.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanup,
  connect,
  makeToken,
  rawSocket,
  repoRoot,
  runServerToExit,
  startServer,
  tempDir,
  until,
  type Client,
} from '../helpers/server';
import { metric } from '../helpers/metrics';

afterEach(cleanup);

async function synced(client: Client) {
  await until(() => client.provider.synced, { message: `${client.provider.roomname} synced` });
  return client;
}

describe('start', () => {
  it('prints where it runs and how to get a committee token', async () => {
    const server = await startServer();
    expect(server.stdout()).toContain(`Kernplein draait op http://localhost:${server.port}\n`);
    expect(server.stdout()).toContain(
      `npm run --silent token -- --data ${server.dataDir} --role commissie --kern beesd`,
    );
    expect(server.stdout() + server.stderr()).not.toMatch(/eyJ/);
  });

  // `start` and `demo` build the PWA first (into dist/, which no integration test serves),
  // then run `serve`, which builds the server and runs it with plain Node. Without the test's
  // NODE_ENV (Vitest's "test"), as from an operator's shell: the build is for production.
  it.each([
    ['serve', /Kernplein draait op/],
    ['start', /Kernplein draait op/],
    ['demo', /Demo: filled the kernagenda of Beesd[\s\S]*Kernplein draait op/],
  ])(
    'runs built with plain Node through `npm run %s`, and stops on SIGTERM to npm',
    async (script, expected) => {
      const dataDir = tempDir();
      const npm = spawn(
        'npm',
        ['run', '--silent', script, '--', '--host', '127.0.0.1', '--port', '0', '--data', dataDir],
        { cwd: repoRoot, env: { ...process.env, NODE_ENV: undefined, LOG_LEVEL: 'info' } },
      );
      let out = '';
      npm.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      npm.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      const exited = new Promise<number | null>((resolve) => npm.once('exit', resolve));
      try {
        await until(() => /Kernplein draait op http:\/\/localhost:\d+/.test(out), {
          timeout: 25_000,
          message: `npm run ${script} starts the server`,
        }).catch((error: Error) => {
          throw new Error(`${error.message}\n${out}`);
        });
        expect(out).toMatch(expected);
        expect(out.includes('built in'), 'the PWA was built first').toBe(script !== 'serve');
        const port = /localhost:(\d+)/.exec(out)![1];
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

        npm.kill('SIGTERM');
        expect(await exited).toBe(0);
        expect(out).toMatch(/"msg":"stopped"/);
        await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      } finally {
        npm.kill('SIGKILL');
      }
    },
  );

  it('takes PORT, HOST, DATA_DIR and ALLOWED_ORIGINS from the environment', async () => {
    const server = await startServer({
      viaEnv: true,
      env: { ALLOWED_ORIGINS: 'https://kernplein.example' },
    });
    expect(existsSync(join(server.dataDir, 'kernplein.sqlite'))).toBe(true);
    expect(existsSync(join(server.dataDir, 'secret.key'))).toBe(true);
    const listed = rawSocket(`${server.wsUrl}/sync/plein/inspiratie`, {
      Origin: 'https://kernplein.example',
    });
    await listed.opened;
    const foreign = rawSocket(`${server.wsUrl}/sync/plein/inspiratie`, {
      Origin: 'https://elders.example',
    });
    expect((await foreign.closed).code).toBe(4403);
    const badPort = await runServerToExit([], { PORT: 'abc', DATA_DIR: tempDir() });
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toMatch(/--port must be a whole number/);
  });

  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be at most 65535/],
    [['--max-message-bytes', '10'], /--max-message-bytes must be a whole number of at least 1024/],
    [['--allowed-origins', 'not an origin'], /is not an origin/],
    [['--unknown-flag'], /unknown-flag/],
  ])('refuses bad flags %j', async (args, message) => {
    const result = await runServerToExit(['--data', tempDir(), ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).not.toContain('Kernplein draait op');
  });

  it('refuses a bad configuration file with the problems, exit 1', async () => {
    const dir = tempDir();
    const broken = join(dir, 'kapot.json');
    writeFileSync(broken, JSON.stringify({ gemeente: { slug: 'X Y', name: '' } }));
    const notJson = join(dir, 'geen.json');
    writeFileSync(notJson, '{ kernen: ');
    for (const [path, message] of [
      [broken, /Invalid gemeente configuration:[\s\S]*gemeente\.slug/],
      [notJson, /is not valid JSON/],
      [join(dir, 'bestaat-niet.json'), /cannot read/],
    ] as const) {
      const result = await runServerToExit(['--data', dir, '--config', path]);
      expect(result.code, path).toBe(1);
      expect(result.stderr).toMatch(message);
    }
    const viaEnv = await runServerToExit(['--data', dir], { KERNPLEIN_CONFIG: broken });
    expect(viaEnv.code).toBe(1);
  });

  it("serves another gemeente's kernen from its configuration file", async () => {
    const config = 'tests/fixtures/gemeente-proef.json';
    const server = await startServer({ env: { KERNPLEIN_CONFIG: config } });
    expect(server.stdout()).toContain('--role commissie --kern noorddorp');
    expect((await rawSocket(`${server.wsUrl}/sync/kern/beesd/agenda`).closed).code).toBe(4404);
    const result = await (
      await import('../helpers/server')
    ).runTokenCli([
      '--data',
      server.dataDir,
      '--config',
      config,
      '--role',
      'commissie',
      '--kern',
      'oostdorp',
    ]);
    expect(result.code).toBe(0);
    // Zuiddorp and Oostdorp share a kernagenda in that configuration.
    const writer = await synced(
      connect(server.url, 'kern/oostdorp/agenda', { token: result.stdout.trim() }),
    );
    const reader = await synced(connect(server.url, 'kern/zuiddorp/agenda'));
    writer.map.set('punt', 'Speeltuin');
    await until(() => reader.map.get('punt') === 'Speeltuin');
  });
});

describe('--demo', () => {
  it('fills the empty pilot kernagenda rooms once, and never again', async () => {
    const first = await startServer({ args: ['--demo'] });
    expect(first.stdout()).toMatch(/Demo: filled the kernagenda of Beesd/);
    expect(first.stdout()).toMatch(/Demo: filled the kernagenda of Heukelum/);
    const beesd = await synced(connect(first.url, 'kern/beesd/agenda'));
    const seeded = Y.encodeStateAsUpdate(beesd.doc);
    expect(seeded.length).toBeGreaterThan(100);
    beesd.destroy();
    const tuil = await synced(connect(first.url, 'kern/tuil/agenda'));
    // Not a pilot: untouched (an empty document encodes as two zero bytes).
    expect(Y.encodeStateAsUpdate(tuil.doc)).toEqual(new Uint8Array([0, 0]));

    const second = await first.restart();
    expect(second.stdout()).toMatch(/nothing added/);
    expect(second.stdout()).not.toMatch(/Demo: filled/);
    const again = await synced(connect(second.url, 'kern/beesd/agenda'));
    expect(Y.encodeStateAsUpdate(again.doc)).toEqual(seeded);
  });
});

describe('rooms in memory', () => {
  it('unload after --unload-after-ms and reload from the store', async () => {
    const server = await startServer({ args: ['--unload-after-ms', '150'] });
    const token = await makeToken(server.dataDir, 'commissie', 'beesd');
    const writer = await synced(connect(server.url, 'kern/beesd/agenda', { token }));
    writer.map.set('punt', 'Bankje bij de kerk');
    for (let i = 0; i < 20; i++) writer.map.set(`stap${i}`, i);
    expect(await metric(server, 'kernplein_rooms_loaded')).toBe(1);
    const reader = await synced(connect(server.url, 'kern/beesd/agenda'));
    await until(() => reader.map.get('stap19') === 19);
    writer.destroy();
    reader.destroy();
    await until(async () => (await metric(server, 'kernplein_rooms_loaded')) === 0, {
      message: 'the room unloads after its last connection',
    });
    expect(await metric(server, 'kernplein_compactions_total')).toBe(1);

    const fresh = await synced(connect(server.url, 'kern/beesd/agenda'));
    expect(await metric(server, 'kernplein_rooms_loaded')).toBe(1);
    expect(fresh.map.get('punt')).toBe('Bankje bij de kerk');
    expect(fresh.map.get('stap19')).toBe(19);
  });

  it('stays loaded while someone reconnects within the delay', async () => {
    const server = await startServer({ args: ['--unload-after-ms', '60000'] });
    const first = await synced(connect(server.url, 'plein/inspiratie'));
    first.destroy();
    await until(async () => (await metric(server, 'kernplein_connections')) === 0);
    expect(await metric(server, 'kernplein_rooms_loaded')).toBe(1);
  });
});

describe('SIGTERM', () => {
  it('closes every client with 1001, stores everything and exits 0', async () => {
    const server = await startServer();
    const token = await makeToken(server.dataDir, 'commissie', 'beesd');
    const writer = await synced(connect(server.url, 'kern/beesd/agenda', { token }));
    const socket = rawSocket(`${server.wsUrl}/sync/kern/beesd/ideeen`);
    await socket.opened;
    writer.map.set('laatste', 'voor het afsluiten');
    await until(async () => (await metric(server, 'kernplein_updates_accepted_total')) === 1);

    expect(await server.stop('SIGTERM')).toBe(0);
    expect(await socket.closed).toEqual({ code: 1001, reason: 'server shutting down' });
    await until(() => writer.closes.includes(1001), { message: 'the provider sees 1001' });
    expect(server.stderr()).toMatch(/"msg":"stopped"/);

    writer.destroy();
    const next = await startServer({ dataDir: server.dataDir });
    const fresh = await synced(connect(next.url, 'kern/beesd/agenda'));
    expect(fresh.map.get('laatste')).toBe('voor het afsluiten');
  });

  it('SIGINT also stops cleanly', async () => {
    const server = await startServer();
    expect(await server.stop('SIGINT')).toBe(0);
  });
});
