/**
 * The token CLI (`npm run --silent token -- ...`): one token line on stdout, refusals on
 * stderr with exit 1, the secret created once with mode 0600 and shared with the server.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, connect, runTokenCli, startServer, tempDir, until } from '../helpers/server';

afterAll(cleanup);

const payload = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

describe('token CLI', () => {
  it.each([
    [['--role', 'burgemeester'], 'unknown role "burgemeester"'],
    [['--role', 'commissie'], 'a commissie token needs a kern'],
    [['--role', 'commissie', '--kern', 'atlantis'], 'unknown kern "atlantis"'],
    [['--role', 'bewoner', '--kern', 'Beesd'], 'unknown kern "Beesd"'],
    [['--role', 'gemeente', '--name', ' '], 'name must be a non-empty string'],
    [[], '--role is required'],
    [['--role', 'gemeente', '--rol', 'x'], "Unknown option '--rol'"],
  ])('refuses %j', async (args, message) => {
    const data = join(tempDir(), 'data');
    const result = await runTokenCli(['--data', data, ...args]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(existsSync(data)).toBe(false);
  });

  it('prints exactly one token line with the claims and default names', async () => {
    const data = tempDir();
    for (const [args, expected] of [
      [
        ['--role', 'commissie', '--kern', 'heesselt'],
        { role: 'commissie', kern: 'heesselt', name: 'Commissielid' },
      ],
      [
        ['--role', 'bewoner', '--name', 'Anna de Vries'],
        { role: 'bewoner', name: 'Anna de Vries' },
      ],
      [['--role', 'gemeente'], { role: 'gemeente', name: 'Gemeente' }],
      [['--role', 'beheerder'], { role: 'beheerder', name: 'Beheerder' }],
    ] as const) {
      const result = await runTokenCli(['--data', data, ...args]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      const claims = payload(result.stdout.trim());
      expect(claims).toMatchObject(expected);
      expect(claims.sub).toEqual(expect.stringMatching(/^[\w-]{21}$/));
    }
    const secret = join(data, 'secret.key');
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    expect(readFileSync(secret)).toHaveLength(32);
  });

  it('makes the secret when the server has not run yet; the server then accepts the token', async () => {
    const data = tempDir();
    const made = await runTokenCli(['--data', data, '--role', 'commissie', '--kern', 'beesd']);
    expect(made.code).toBe(0);
    const server = await startServer({ dataDir: data });
    const writer = connect(server.url, 'kern/beesd/agenda', { token: made.stdout.trim() });
    const reader = connect(server.url, 'kern/beesd/agenda');
    await until(() => writer.provider.synced && reader.provider.synced);
    writer.map.set('punt', 'Jeu de boules-baan');
    await until(() => reader.map.get('punt') === 'Jeu de boules-baan');
    expect(writer.denied).toEqual([]);
  });
});
