/**
 * The PWA's client for resident sessions (src/sync/resident.ts) against the real server
 * process: a name and a home kern give a bewoner token whose claims the device reads; the
 * server's refusals arrive as values with its Dutch message (unknown kern, too many sessions
 * from one address); a name the server would refuse is refused before any request; and with
 * the server gone the answer is the Dutch offline message. The server trusts
 * X-Forwarded-For, so each test speaks from an address of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTokenClaims } from '../../src/storage/accessCode';
import { joinMessages } from '../../src/sync/join';
import { joinAsResident } from '../../src/sync/resident';
import { cleanup, startServer, type ServerHandle } from '../helpers/server';

let server: ServerHandle;
let addressCount = 0;

beforeAll(async () => {
  server = await startServer({ args: ['--trust-proxy'] });
});

afterAll(cleanup);

/** `fetch` as the page does it (relative URLs), from an address of its own; counts requests. */
function browserFetch() {
  const address = `198.51.100.${++addressCount}`;
  const calls: string[] = [];
  const fetcher = ((url: string, init: RequestInit = {}) => {
    calls.push(url);
    return fetch(`${server.url}${url}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), 'X-Forwarded-For': address },
    });
  }) as typeof fetch;
  return { fetcher, calls };
}

describe('joinAsResident', () => {
  it('gets a bewoner token for the name and home kern, which the device can read', async () => {
    const { fetcher } = browserFetch();
    const joined = await joinAsResident('  Anna de Vries ', 'heukelum', fetcher);
    if (!joined.ok) throw new Error(`refused: ${joined.message}`);
    expect(joined).toMatchObject({ name: 'Anna de Vries', kern: 'heukelum' });
    const claims = readTokenClaims(joined.token);
    expect(claims).toMatchObject({
      id: joined.id,
      role: 'bewoner',
      name: 'Anna de Vries',
      kern: 'heukelum',
    });
    const days = (Date.parse(claims!.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(360);
    expect(days).toBeLessThan(370);

    // Another session is another person: a new id.
    const again = await joinAsResident('Anna de Vries', 'heukelum', fetcher);
    expect(again.ok && again.id).not.toBe(joined.id);
  });

  it("passes on the server's Dutch refusal of an unknown kern", async () => {
    const joined = await joinAsResident('Anna', 'atlantis', browserFetch().fetcher);
    expect(joined).toMatchObject({ ok: false, status: 400, error: 'unknown_kern' });
    expect(!joined.ok && joined.message).toMatch(/kern/i);
    expect(!joined.ok && joined.message).not.toBe(joinMessages.server);
  });

  it('refuses an empty or too long name without asking the server', async () => {
    const { fetcher, calls } = browserFetch();
    expect(await joinAsResident('   ', 'beesd', fetcher)).toMatchObject({
      ok: false,
      error: 'no_name',
      message: 'Vul je naam in.',
    });
    expect(await joinAsResident('a'.repeat(61), 'beesd', fetcher)).toMatchObject({
      ok: false,
      error: 'long_name',
    });
    expect(calls).toEqual([]);
  });

  it('says in Dutch when one address starts too many sessions', async () => {
    const { fetcher } = browserFetch();
    for (let i = 0; i < 5; i++)
      expect((await joinAsResident(`Bewoner ${i}`, 'beesd', fetcher)).ok).toBe(true);
    const refused = await joinAsResident('Nog een', 'beesd', fetcher);
    expect(refused).toMatchObject({ ok: false, status: 429, error: 'rate_limited' });
    expect(!refused.ok && refused.message).toMatch(/^Te veel pogingen/);
  });

  it('says in Dutch that there is no connection when the server is gone', async () => {
    const { fetcher } = browserFetch();
    await server.stop();
    expect(await joinAsResident('Anna', 'beesd', fetcher)).toEqual({
      ok: false,
      status: 0,
      error: 'network',
      message: joinMessages.offline,
    });
  });
});
