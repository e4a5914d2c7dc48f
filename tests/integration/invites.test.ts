/**
 * Invites, joining and revocation against the real server process and real y-websocket
 * clients: the invite CLI (one link line, its refusals, codes stored only hashed); the join
 * API (a valid code gives a token that writes that kern's agenda; expired, used-up and
 * unknown codes, bad bodies and a flooding address are refused with a Dutch message and
 * consume nothing); the revoke CLI, another process, dropping a live connection of the
 * revoked token with 4401 within about two seconds and refusing its next connection, while
 * other members keep syncing (also after a restart).
 *
 * The server trusts X-Forwarded-For (`--trust-proxy`), so each test speaks from an address
 * of its own and only the rate-limit test empties a bucket. An expired invite is made the
 * way time makes one: its expiry is moved into the past in the database file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join as path } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanup,
  connect,
  makeToken,
  rawSocket,
  runCli,
  startServer,
  tempDir,
  until,
  type Client,
  type ServerHandle,
} from '../helpers/server';

let server: ServerHandle;
/** The logs of every server process of this file (one restarts). */
const logs: (() => string)[] = [];
/** Every code and token handed out, to prove none reaches the log. */
const secrets: string[] = [];
let addressCount = 0;
/** A client address of its own (the server trusts X-Forwarded-For). */
const newAddress = () => `198.51.100.${++addressCount}`;

beforeAll(async () => {
  server = await startServer({ args: ['--trust-proxy'], env: { LOG_LEVEL: 'debug' } });
  logs.push(server.stderr);
});

afterAll(async () => {
  // Nothing secret in the log: not a code (also not from GET /api/join/<code> or the page
  // /join/<code>), not a token.
  const log = logs.map((read) => read()).join('\n');
  expect(log).toContain('member joined with an invite');
  for (const secret of secrets) expect(log).not.toContain(secret);
  await cleanup();
});

const payload = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function database() {
  return new Database(path(server.dataDir, 'kernplein.sqlite'));
}

/** Runs the invite CLI for `kern` on the test server's data dir; returns link and code. */
async function invite(kern: string, ...args: string[]) {
  const result = await runCli('invite', [
    '--data',
    server.dataDir,
    '--kern',
    kern,
    '--url',
    server.url,
    ...args,
  ]);
  expect(result.stderr).not.toMatch(/^invite:/m);
  expect(result.code).toBe(0);
  const link = result.stdout.trim();
  const code = new URL(link).pathname.split('/').pop()!;
  secrets.push(code);
  return { link, code, result };
}

function usesLeft(code: string): number {
  const db = database();
  try {
    const row = db
      .prepare<[string], { uses_left: number }>('SELECT uses_left FROM invites WHERE code_hash = ?')
      .get(sha256(code));
    return row?.uses_left ?? -1;
  } finally {
    db.close();
  }
}

/** What the passing of time does: the invite's expiry lies in the past. */
function expire(code: string) {
  const db = database();
  try {
    const changed = db
      .prepare('UPDATE invites SET expires_at = ? WHERE code_hash = ?')
      .run(new Date(Date.now() - 60_000).toISOString(), sha256(code)).changes;
    expect(changed).toBe(1);
  } finally {
    db.close();
  }
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('no-store');
  return {
    status: res.status,
    body: JSON.parse(text) as Record<string, unknown>,
    headers: res.headers,
  };
}

/** POST /api/join from `address` with a raw body (a string) or JSON. */
async function post(
  body: unknown,
  address: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const result = await answer(res);
  if (typeof result.body.token === 'string') secrets.push(result.body.token);
  return result;
}

async function preview(code: string, address: string): Promise<Answer> {
  return answer(
    await fetch(`${server.url}/api/join/${code}`, { headers: { 'X-Forwarded-For': address } }),
  );
}

async function join(code: string, name: string, address = newAddress()) {
  const res = await post({ code, name }, address);
  expect(res.status).toBe(200);
  return res.body as { token: string; kern: string; name: string };
}

async function synced(client: Client) {
  await until(() => client.provider.synced, { message: `${client.provider.roomname} synced` });
  return client;
}

/** An edit of `writer` reaches `reader` (both in the same room). */
async function reaches(writer: Client, reader: Client, key: string) {
  writer.map.set(key, key);
  await until(() => reader.map.get(key) === key, { message: `${key} reaches the reader` });
}

describe('invite CLI', () => {
  it('prints one join link line; the database keeps only the hash of the code', async () => {
    const { link, code, result } = await invite('beesd', '--uses', '3', '--days', '14');
    expect(result.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/join\/[\w-]{24}\n$/);
    expect(link).toBe(`${server.url}/join/${code}`);
    expect(result.stderr).toMatch(/committee of Beesd: 3 uses, valid until \S+/);

    const db = database();
    const rows = db.prepare('SELECT * FROM invites').all() as Record<string, unknown>[];
    db.close();
    const row = rows.find((r) => r.code_hash === sha256(code))!;
    expect(row).toMatchObject({ kern: 'beesd', uses: 3, uses_left: 3 });
    const days =
      (Date.parse(row.expires_at as string) - Date.parse(row.created_at as string)) / 864e5;
    expect(days).toBe(14);
    for (const value of Object.values(row)) expect(String(value)).not.toContain(code);
    const files = ['kernplein.sqlite', 'kernplein.sqlite-wal'].map((f) => path(server.dataDir, f));
    for (const file of files.filter((f) => existsSync(f)))
      expect(readFileSync(file).includes(Buffer.from(code))).toBe(false);
  });

  it('defaults to one use for seven days, and a name hint rides along in the link', async () => {
    const { link, code, result } = await invite('heukelum', '--name-hint', 'Fatima El Amrani');
    expect(result.stderr).toMatch(/committee of Heukelum: 1 use,/);
    expect(new URL(link).searchParams.get('naam')).toBe('Fatima El Amrani');
    expect(usesLeft(code)).toBe(1);
    const { body } = await preview(code, newAddress());
    const days = (Date.parse(body.expiresAt as string) - Date.now()) / 864e5;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
  });

  it('uses --url for the link, whatever the address of the server', async () => {
    const result = await runCli('invite', [
      '--data',
      server.dataDir,
      '--kern',
      'tuil',
      '--url',
      'https://kernplein.westbetuwe.nl/',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^https:\/\/kernplein\.westbetuwe\.nl\/join\/[\w-]{24}\n$/);
    secrets.push(result.stdout.trim().split('/').pop()!);
  });

  it.each([
    [['--kern', 'atlantis'], 'unknown kern "atlantis"'],
    [['--kern', 'Beesd'], 'unknown kern "Beesd"'],
    [[], '--kern is required'],
    [['--kern', 'beesd', '--uses', '0'], '--uses must be a whole number from 1 to 100, got "0"'],
    [['--kern', 'beesd', '--uses', 'drie'], '--uses must be a whole number'],
    [['--kern', 'beesd', '--uses', '101'], '--uses must be a whole number from 1 to 100'],
    [['--kern', 'beesd', '--uses=-1'], '--uses must be a whole number'],
    [['--kern', 'beesd', '--days', '0'], '--days must be a whole number from 1 to 90, got "0"'],
    [['--kern', 'beesd', '--days', '1.5'], '--days must be a whole number'],
    [['--kern', 'beesd', '--days', '91'], '--days must be a whole number from 1 to 90'],
    [['--kern', 'beesd', '--url', 'kernplein.nl'], "--url must be the server's address"],
    [['--kern', 'beesd', '--url', 'ftp://kernplein.nl'], '--url must start with https://'],
    [['--kern', 'beesd', '--name-hint', ' '], '--name-hint must not be empty'],
    [['--kern', 'beesd', '--dagen', '3'], "Unknown option '--dagen'"],
  ])('refuses %j', async (args, message) => {
    const db = database();
    const before = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM invites').get()!.n;
    db.close();
    const result = await runCli('invite', ['--data', server.dataDir, ...args]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    const after = database();
    expect(after.prepare<[], { n: number }>('SELECT count(*) AS n FROM invites').get()!.n).toBe(
      before,
    );
    after.close();
  });

  it('refuses a data directory without Kernplein data, and makes none there', async () => {
    const dir = path(tempDir(), 'typo');
    const result = await runCli('invite', ['--data', dir, '--kern', 'beesd']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('holds no Kernplein data');
    expect(existsSync(dir)).toBe(false);
  });
});

describe('joining with an invite', () => {
  it('gives a commissie token with the typed name that writes that kern’s agenda only', async () => {
    const { code } = await invite('beesd');
    const address = newAddress();
    const seen = await preview(code, address);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({ kern: 'beesd', expiresAt: expect.any(String) });
    expect(usesLeft(code)).toBe(1);

    const joined = await post({ code, name: '  Anna   de Vries ' }, address);
    expect(joined.status).toBe(200);
    expect(joined.body).toEqual({
      token: expect.any(String),
      kern: 'beesd',
      name: 'Anna de Vries',
    });
    const token = joined.body.token as string;
    expect(payload(token)).toMatchObject({
      role: 'commissie',
      kern: 'beesd',
      name: 'Anna de Vries',
      sub: expect.stringMatching(/^[\w-]{21}$/),
    });
    expect(usesLeft(code)).toBe(0);

    const writer = await synced(connect(server.url, 'kern/beesd/agenda', token));
    const reader = await synced(connect(server.url, 'kern/beesd/agenda'));
    await reaches(writer, reader, 'punt-van-anna');
    expect(writer.denied).toEqual([]);

    // The committee of Beesd does not write Heukelum's kernagenda.
    const elsewhere = await synced(connect(server.url, 'kern/heukelum/agenda', token));
    const watcher = await synced(connect(server.url, 'kern/heukelum/agenda'));
    elsewhere.map.set('niet-van-beesd', 1);
    await until(() => elsewhere.denied.length > 0, { message: 'the edit is refused' });
    expect(watcher.map.has('niet-van-beesd')).toBe(false);
    for (const c of [writer, reader, elsewhere, watcher]) c.destroy();
  });

  it('lets a committee of a shared kernagenda write it under either name', async () => {
    const { code } = await invite('heesselt');
    const { token } = await join(code, 'Kees');
    const writer = await synced(connect(server.url, 'kern/varik/agenda', token));
    const reader = await synced(connect(server.url, 'kern/heesselt/agenda'));
    await reaches(writer, reader, 'gedeeld-punt');
    expect(writer.denied).toEqual([]);
    writer.destroy();
    reader.destroy();
  });

  it('counts uses: an invite for two joins two members, the third is told it is used', async () => {
    const { code } = await invite('heukelum', '--uses', '2');
    const first = await join(code, 'Bert');
    const second = await join(code, 'Carla');
    expect(payload(first.token).sub).not.toBe(payload(second.token).sub);
    expect(usesLeft(code)).toBe(0);

    const third = await post({ code, name: 'Dirk' }, newAddress());
    expect(third.status).toBe(410);
    expect(third.body).toEqual({
      error: 'used_up',
      message: expect.stringMatching(/^Deze uitnodiging is al gebruikt\./),
    });
    expect((await preview(code, newAddress())).status).toBe(410);
    expect(usesLeft(code)).toBe(0);
  });

  it('refuses the second join of a one-use invite with 410', async () => {
    const { code } = await invite('beesd', '--uses', '1');
    await join(code, 'Eva');
    const again = await post({ code, name: 'Eva' }, newAddress());
    expect(again.status).toBe(410);
    expect(again.body.error).toBe('used_up');
  });

  it('refuses an expired invite with 410, and uses nothing', async () => {
    const { code } = await invite('beesd', '--uses', '5');
    expire(code);
    const address = newAddress();
    const seen = await preview(code, address);
    expect(seen.status).toBe(410);
    expect(seen.body).toEqual({
      error: 'expired',
      message: 'Deze uitnodiging is verlopen. Vraag de beheerder om een nieuwe uitnodiging.',
    });
    const refused = await post({ code, name: 'Frits' }, address);
    expect(refused.status).toBe(410);
    expect(refused.body.error).toBe('expired');
    expect(usesLeft(code)).toBe(5);
  });

  it.each([
    ['a code nobody made', 'Qm9lcmVuZ2VkcmFnLWluLWJlZXNk'],
    ['a code of the wrong shape', 'niet een code!'],
    ['a short code', 'abc'],
  ])('refuses %s with 404', async (_name, code) => {
    const address = newAddress();
    const refused = await post({ code, name: 'Gert' }, address);
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual({
      error: 'unknown',
      message: expect.stringMatching(/^Deze uitnodiging kennen we niet\./),
    });
    const seen = await fetch(`${server.url}/api/join/${encodeURIComponent(code)}`, {
      headers: { 'X-Forwarded-For': address },
    });
    expect(seen.status).toBe(404);
  });

  it('refuses bad requests with a clear status and message, and uses nothing', async () => {
    const { code } = await invite('beesd', '--uses', '1');
    const cases: [unknown, number, string, Record<string, string>?][] = [
      ['{"code":', 400, 'bad_request'],
      ['', 400, 'bad_request'],
      [[code, 'Hans'], 400, 'bad_request'],
      ['"Hans"', 400, 'bad_request'],
      [{ name: 'Hans' }, 400, 'bad_request'],
      [{ code: 42, name: 'Hans' }, 400, 'bad_request'],
      [{ code }, 400, 'no_name'],
      [{ code, name: ' \n\t ' }, 400, 'no_name'],
      [{ code, name: 12 }, 400, 'bad_request'],
      [{ code, name: 'H'.repeat(61) }, 400, 'long_name'],
      [{ code, name: 'Hans' }, 415, 'not_json', { 'Content-Type': 'text/plain' }],
      [{ code, name: 'Hans', pad: 'x'.repeat(5000) }, 413, 'too_big'],
    ];
    for (const [body, status, error, headers] of cases) {
      const refused = await post(body, newAddress(), headers);
      expect({ body, status: refused.status, error: refused.body.error }).toEqual({
        body,
        status,
        error,
      });
      expect(refused.body.message).toEqual(expect.any(String));
    }
    const noName = await post({ code, name: '' }, newAddress());
    expect(noName.body.message).toBe('Vul je naam in.');
    const wrongMethod = await fetch(`${server.url}/api/join`, {
      headers: { 'X-Forwarded-For': newAddress() },
    });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');

    // Nothing was used: the one use is still there, and 60 characters is a name.
    expect(usesLeft(code)).toBe(1);
    const joined = await join(code, 'H'.repeat(60));
    expect(joined.name).toBe('H'.repeat(60));
  });

  it('rate limits an address (429, Retry-After) and uses nothing; other addresses go on', async () => {
    const { code } = await invite('beesd', '--uses', '1');
    const flooder = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push(
        (await post({ code: `onbekende-code-${i}-xxxxxx`, name: 'X' }, flooder)).status,
      );
    expect(statuses).toEqual(Array(10).fill(404));

    const limited = await post({ code, name: 'Ingrid' }, flooder);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      error: 'rate_limited',
      message: expect.stringMatching(/^Te veel pogingen vanaf dit adres\./),
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await preview(code, flooder)).status).toBe(429);
    expect(usesLeft(code)).toBe(1);

    const joined = await join(code, 'Ingrid', newAddress());
    expect(joined.kern).toBe('beesd');
  });

  it('answers other /api paths as before', async () => {
    const res = await fetch(`${server.url}/api/onbekend`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found', path: '/api/onbekend' });
  });
});

describe('revoking tokens', () => {
  /** Runs the revoke CLI; returns when it has exited (the server may not know yet). */
  async function revoke(...args: string[]) {
    const result = await runCli('revoke', ['--data', server.dataDir, ...args]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return { ...result, at: Date.now() };
  }

  /** Waits for `client`'s connection to be closed with 4401; returns when that happened. */
  async function droppedWith4401(client: Client): Promise<number> {
    await until(() => client.closes.includes(4401), {
      timeout: 5000,
      message: 'the live connection is closed with 4401',
    });
    return Date.now();
  }

  /** A new connection with `token` is refused with 4401. */
  async function refused(token: string) {
    const socket = rawSocket(`${server.wsUrl}/sync/kern/beesd/agenda?token=${token}`);
    const closed = await socket.closed;
    expect(closed).toEqual({ code: 4401, reason: 'token revoked' });
  }

  it('drops the live connection of a revoked member (4401, within 2 s), refuses the next; others go on', async () => {
    const { code } = await invite('beesd', '--uses', '2');
    const anna = await join(code, 'Anna');
    const bert = await join(code, 'Bert');
    const room = 'kern/beesd/agenda';
    const annaClient = await synced(connect(server.url, room, anna.token));
    const bertClient = await synced(connect(server.url, room, bert.token));
    const reader = await synced(connect(server.url, room));
    await reaches(annaClient, reader, 'anna-voor');

    // The beheerder finds Anna's id in the list of members, and revokes it.
    const list = await revoke('--kern', 'beesd', '--list');
    const annaId = payload(anna.token).sub as string;
    expect(list.stdout).toMatch(new RegExp(`^${annaId}\\t\\S+\\tAnna$`, 'm'));
    const done = await revoke('--id', annaId);
    expect(done.stdout).toBe(`Revoked the token with id ${annaId}.\n`);
    const droppedAt = await droppedWith4401(annaClient);
    expect(droppedAt - done.at).toBeLessThan(2500);
    // y-websocket does not retry after a 44xx close.
    expect((await annaClient.closed).code).toBe(4401);
    expect(annaClient.provider.shouldConnect).toBe(false);
    await refused(anna.token);
    expect((await revoke('--kern', 'beesd', '--list')).stdout).toMatch(
      new RegExp(`^${annaId}\\t\\S+\\tAnna\\t\\(revoked\\)$`, 'm'),
    );

    // Bert and the reader are not touched.
    await reaches(bertClient, reader, 'bert-na');
    expect(bertClient.closes).toEqual([]);
    expect(bertClient.denied).toEqual([]);
    for (const c of [annaClient, bertClient, reader]) c.destroy();
  });

  it('revokes by the token itself, also for a token made with the token CLI', async () => {
    const token = await makeToken(server.dataDir, 'commissie', 'beesd', 'Joke');
    secrets.push(token);
    const client = await synced(connect(server.url, 'kern/beesd/agenda', token));
    const done = await revoke('--token', token);
    expect(done.stdout).toMatch(
      /^Revoked the token with id [\w-]{21} \(Joke, commissie beesd\)\.\n$/,
    );
    await droppedWith4401(client);
    await refused(token);
    client.destroy();
  });

  it('revokes every commissie token of a kern and withdraws its open invites; a new invite works', async () => {
    const { code: used } = await invite('meteren', '--uses', '1');
    const member = await join(used, 'Karel');
    const cliToken = await makeToken(server.dataDir, 'commissie', 'meteren', 'Lies');
    const otherKern = await makeToken(server.dataDir, 'commissie', 'beesd', 'Mo');
    const resident = await makeToken(server.dataDir, 'bewoner', 'meteren', 'Nel');
    secrets.push(cliToken, otherKern, resident);
    const { code: open } = await invite('meteren', '--uses', '3');

    const room = 'kern/meteren/agenda';
    const karel = await synced(connect(server.url, room, member.token));
    const lies = await synced(connect(server.url, room, cliToken));
    const mo = await synced(connect(server.url, 'kern/beesd/agenda', otherKern));
    const nel = await synced(connect(server.url, 'kern/meteren/ideeen', resident));
    const reader = await synced(connect(server.url, room));

    const done = await revoke('--kern', 'meteren', '--all');
    expect(done.stdout).toMatch(
      /^Revoked every commissie token of Meteren issued until \S+; 1 open invite withdrawn\.\n$/,
    );
    await Promise.all([droppedWith4401(karel), droppedWith4401(lies)]);
    const refusedHere = rawSocket(`${server.wsUrl}/sync/${room}?token=${member.token}`);
    expect((await refusedHere.closed).code).toBe(4401);

    // The open invite is withdrawn, so an old link cannot bring a revoked member back.
    const old = await post({ code: open, name: 'Karel' }, newAddress());
    expect(old.status).toBe(410);

    // Another kern's committee and a resident of the kern are not touched.
    // (The sweep that closed Karel's and Lies's connections has passed over theirs.)
    const moReader = await synced(connect(server.url, 'kern/beesd/agenda'));
    await reaches(mo, moReader, 'mo-na');
    expect(nel.closes).toEqual([]);
    expect(mo.closes).toEqual([]);

    // A new committee member joins with a new invite (the CLI waited out its second).
    const { code: fresh } = await invite('meteren');
    const newMember = await join(fresh, 'Olga');
    const olga = await synced(connect(server.url, room, newMember.token));
    await reaches(olga, reader, 'olga-na');
    expect(olga.denied).toEqual([]);
    for (const c of [karel, lies, mo, nel, reader, moReader, olga]) c.destroy();
  });

  it('keeps refusing a revoked token after a restart', async () => {
    const { code } = await invite('tuil');
    const { token } = await join(code, 'Piet');
    await revoke('--token', token);
    server = await server.restart();
    logs.push(server.stderr);
    const socket = rawSocket(`${server.wsUrl}/sync/kern/tuil/agenda?token=${token}`);
    expect((await socket.closed).code).toBe(4401);
    const { code: next } = await invite('tuil');
    const other = await join(next, 'Ria');
    const client = await synced(connect(server.url, 'kern/tuil/agenda', other.token));
    const reader = await synced(connect(server.url, 'kern/tuil/agenda'));
    await reaches(client, reader, 'ria-na-herstart');
    client.destroy();
    reader.destroy();
  });

  it.each([
    [[], 'name exactly one of --token, --id, --kern'],
    [['--id', 'a', '--kern', 'beesd', '--all'], 'name exactly one of'],
    [['--kern', 'beesd'], '--kern needs --all (revoke) or --list'],
    [['--kern', 'atlantis', '--all'], 'unknown kern "atlantis"'],
    [['--id', 'a b'], '--id must be a token subject'],
    // A subject given out before 5 December 2026 may begin with "-": `--id=-…` takes it.
    [['--id', '-old_subject'], "use '--id=-XYZ'"],
    [['--token', 'not-a-token'], 'not a token of'],
    [['--all'], 'name exactly one of'],
  ])('refuses %j', async (args, message) => {
    const result = await runCli('revoke', ['--data', server.dataDir, ...args]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });

  it('revokes a subject that begins with "-" given as --id=…', async () => {
    const done = await revoke('--id=-old_subject');
    expect(done.stdout).toBe('Revoked the token with id -old_subject.\n');
  });

  it('refuses a token of another data directory and a directory without data', async () => {
    const foreign = await makeToken(tempDir(), 'commissie', 'beesd');
    const result = await runCli('revoke', ['--data', server.dataDir, '--token', foreign]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not a token of');
    const dir = path(tempDir(), 'typo');
    const none = await runCli('revoke', ['--data', dir, '--id', 'abc']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('holds no Kernplein data');
    expect(existsSync(dir)).toBe(false);
  });
});
