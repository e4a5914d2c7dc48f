/**
 * Resident sessions and the gemeente's notices against the real server process and real
 * y-websocket clients: `POST /api/bewoner` issues a bewoner token (201) that writes the kern's
 * ideas board but not its kernagenda; every bad request is refused with a Dutch message and
 * issues nothing; an address is rate limited (429 with Retry-After, configurable by flags);
 * a resident cannot write `gemeente/berichten` (told so, nothing applied), the gemeente can;
 * and a notice for Beesd is among what a Beesd follower sees, never a Heukelum follower.
 *
 * The server trusts X-Forwarded-For (`--trust-proxy`), so each request speaks from an
 * address of its own and only the rate-limit tests empty a bucket. "Issued" is counted in the
 * server's log (one line per session, with kern and id, never the name or the token).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOnlyReason } from '../../server/relay/protocol';
import type { Role } from '../../src/model/access';
import type { WriterContext } from '../../src/model/boardEntry';
import { addIdea, readIdeas } from '../../src/model/ideas';
import {
  addNotice,
  amsterdamDate,
  noticesFor,
  readNotices,
  type NoticeInput,
  type NoticesFor,
} from '../../src/model/notices';
import { readTokenClaims } from '../../src/storage/accessCode';
import {
  requestResident,
  tokenPayload,
  type ResidentAnswer,
  type ResidentSession,
} from '../helpers/residents';
import {
  cleanup,
  connect,
  makeToken,
  startServer,
  until,
  type Client,
  type ServerHandle,
} from '../helpers/server';
import { westBetuwe as config } from '../unit/support/config';

let server: ServerHandle;
/** The logs of every server process of this file. */
const logs: (() => string)[] = [];
/** Every name and token handed out, to prove none reaches the log. */
const secrets: string[] = [];
let addressCount = 0;
/** A client address of its own (the server trusts X-Forwarded-For). */
const newAddress = () => `203.0.113.${++addressCount}`;
const from = (address: string) => ({ 'X-Forwarded-For': address });

beforeAll(async () => {
  server = await startServer({ args: ['--trust-proxy'], env: { LOG_LEVEL: 'debug' } });
  logs.push(server.stderr);
});

afterAll(async () => {
  const log = logs.map((read) => read()).join('\n');
  expect(log).toContain('resident session started');
  for (const secret of secrets) expect(log).not.toContain(secret);
  await cleanup();
});

/** Sessions the server has logged as started so far. */
const issued = (handle = server) => handle.stderr().split('resident session started').length - 1;

async function ask(body: unknown, address = newAddress(), headers: Record<string, string> = {}) {
  const answer = await requestResident(server.url, body, { ...from(address), ...headers });
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(answer.headers.get('cache-control')).toBe('no-store');
  if (typeof answer.body.token === 'string') secrets.push(answer.body.token);
  return answer;
}

async function session(name: string, kern = 'beesd', address = newAddress()) {
  secrets.push(name);
  const answer = await ask({ name, kern }, address);
  expect(answer.status).toBe(201);
  return answer.body as unknown as ResidentSession;
}

async function synced(client: Client) {
  await until(() => client.provider.synced, { message: `${client.provider.roomname} synced` });
  return client;
}

const ctx = (who: { id: string; name: string }, role: Role): WriterContext => ({
  id: who.id,
  name: who.name,
  role,
  now: new Date().toISOString(),
  config,
});

describe('POST /api/bewoner', () => {
  it('issues a bewoner token for a year that writes the kern’s ideas, not its kernagenda', async () => {
    secrets.push('Anna Jansen');
    const before = issued();
    const answer = await ask({ name: '  Anna \n  Jansen ', kern: 'beesd' });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      token: expect.any(String),
      id: expect.stringMatching(/^[\w-]{21}$/),
      name: 'Anna Jansen',
      kern: 'beesd',
    });
    const anna = answer.body as unknown as ResidentSession;
    const claims = tokenPayload(anna.token);
    expect(claims).toMatchObject({ role: 'bewoner', sub: anna.id, name: 'Anna Jansen' });
    expect(claims.kern).toBe('beesd');
    expect((claims.exp as number) - (claims.iat as number)).toBe(365 * 24 * 60 * 60);
    // The PWA reads the same claims from it (src/storage/accessCode.ts).
    expect(readTokenClaims(anna.token)).toMatchObject({
      id: anna.id,
      role: 'bewoner',
      kern: 'beesd',
      name: 'Anna Jansen',
      expiresAt: expect.any(String),
    });
    await until(() => issued() === before + 1, { message: 'the session is logged' });

    // A second session with the same name is another person: another id.
    const again = await session('Anna Jansen');
    expect(again.id).not.toBe(anna.id);

    const writer = await synced(connect(server.url, 'kern/beesd/ideeen', anna.token));
    const reader = await synced(connect(server.url, 'kern/beesd/ideeen'));
    const id = addIdea(
      writer.doc,
      { title: 'Bankje bij de kerk', text: 'Om even uit te rusten.', category: 'voorzieningen' },
      ctx(anna, 'bewoner'),
    );
    await until(() => readIdeas(reader.doc).some((idea) => idea.id === id), {
      message: 'the idea reaches another client',
    });
    expect(readIdeas(reader.doc).find((idea) => idea.id === id)).toMatchObject({
      authorId: anna.id,
      authorName: 'Anna Jansen',
      title: 'Bankje bij de kerk',
    });
    expect(writer.denied).toEqual([]);

    const agenda = await synced(connect(server.url, 'kern/beesd/agenda', anna.token));
    const watcher = await synced(connect(server.url, 'kern/beesd/agenda'));
    agenda.map.set('van-anna', 'een punt');
    await until(() => agenda.denied.length > 0, { message: 'the agenda edit is refused' });
    expect(agenda.denied).toEqual([readOnlyReason]);
    const fresh = await synced(connect(server.url, 'kern/beesd/agenda'));
    expect(watcher.map.has('van-anna')).toBe(false);
    expect(fresh.map.has('van-anna')).toBe(false);
    for (const c of [writer, reader, agenda, watcher, fresh]) c.destroy();
  });

  it('refuses bad requests with a clear status and Dutch message, and issues nothing', async () => {
    const cases: [unknown, number, string, Record<string, string>?][] = [
      [{ kern: 'beesd' }, 400, 'no_name'],
      [{ name: ' \n\t ', kern: 'beesd' }, 400, 'no_name'],
      [{ name: 'A'.repeat(61), kern: 'beesd' }, 400, 'long_name'],
      [{ name: 'Bert', kern: 'atlantis' }, 400, 'unknown_kern'],
      [{ name: 'Bert', kern: 'Beesd' }, 400, 'unknown_kern'],
      [{ name: 'Bert', kern: '' }, 400, 'unknown_kern'],
      [{ name: 'Bert' }, 400, 'bad_request'],
      [{ name: 42, kern: 'beesd' }, 400, 'bad_request'],
      [{ name: 'Bert', kern: ['beesd'] }, 400, 'bad_request'],
      ['{"name":', 400, 'bad_request'],
      ['["Bert","beesd"]', 400, 'bad_request'],
      ['', 400, 'bad_request'],
      [{ name: 'Bert', kern: 'beesd' }, 415, 'not_json', { 'Content-Type': 'text/plain' }],
      [{ name: 'Bert', kern: 'beesd', pad: 'x'.repeat(5000) }, 413, 'too_big'],
    ];
    const before = issued();
    for (const [body, status, error, headers] of cases) {
      const refused = await ask(body, newAddress(), headers);
      expect({ body, status: refused.status, error: refused.body.error }).toEqual({
        body,
        status,
        error,
      });
      expect(refused.body.message).toEqual(expect.any(String));
      expect(refused.body.token).toBeUndefined();
    }
    expect((await ask({ name: '', kern: 'beesd' })).body.message).toBe('Vul je naam in.');
    expect((await ask({ name: 'A'.repeat(61), kern: 'beesd' })).body.message).toBe(
      'Je naam is te lang. Gebruik hoogstens 60 tekens.',
    );
    expect((await ask({ name: 'Bert', kern: 'atlantis' })).body.message).toBe(
      'Deze kern kennen we niet. Kies je kern uit de lijst.',
    );
    const wrongMethod = await fetch(`${server.url}/api/bewoner`, { headers: from(newAddress()) });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');

    // 60 characters is a name; the log is in order, so nothing before it was issued.
    const long = await session('B'.repeat(60), 'heukelum');
    expect(long).toMatchObject({ name: 'B'.repeat(60), kern: 'heukelum' });
    await until(() => issued() >= before + 1, { message: 'the session is logged' });
    expect(issued()).toBe(before + 1);
  });

  it('rate limits an address: 5 at once, then 429 with Retry-After; others go on', async () => {
    const flooder = newAddress();
    const before = issued();
    for (let i = 1; i <= 5; i++) await session(`Bewoner ${i}`, 'beesd', flooder);
    const refused: ResidentAnswer = await ask({ name: 'Bewoner 6', kern: 'beesd' }, flooder);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: 'rate_limited',
      message: 'Te veel pogingen vanaf dit adres. Wacht een minuut en probeer het dan opnieuw.',
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // A bad body from that address is not even read.
    expect((await ask('{', flooder)).status).toBe(429);
    // Another address is not affected.
    await session('Bewoner 7', 'beesd', newAddress());
    await until(() => issued() >= before + 6, { message: 'the sessions are logged' });
    expect(issued()).toBe(before + 6);
  });

  it('takes its rate from --resident-burst and --resident-every-seconds', async () => {
    const limited = await startServer({
      args: ['--trust-proxy', '--resident-burst', '2', '--resident-every-seconds', '1'],
    });
    logs.push(limited.stderr);
    const address = newAddress();
    const post = (name: string) => {
      secrets.push(name);
      return requestResident(limited.url, { name, kern: 'tuil' }, from(address));
    };
    expect((await post('Carla Smit')).status).toBe(201);
    expect((await post('Dirk Bosman')).status).toBe(201);
    const refused = await post('Eva Peeters');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    // What Retry-After promises: one more after a second.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const later = await post('Eva Peeters');
    expect(later.status).toBe(201);
    secrets.push(later.body.token as string);
    await until(() => issued(limited) === 3, { message: 'three sessions are logged' });
    await limited.stop();
  });
});

describe('gemeente/berichten', () => {
  const today = amsterdamDate(new Date().toISOString());
  const plusDays = (days: number) =>
    new Date(Date.parse(`${today}T12:00:00Z`) + days * 864e5).toISOString().slice(0, 10);
  const notice = (input: Partial<NoticeInput>): NoticeInput => ({
    kind: 'werkzaamheden',
    title: 'Rioolwerk',
    text: 'De straat is dicht voor verkeer.',
    kernen: ['beesd'],
    from: today,
    until: plusDays(14),
    place: 'Dorpsstraat',
    ...input,
  });
  const ids = (seen: NoticesFor) =>
    [...seen.current, ...seen.coming, ...seen.archive].map((n) => n.id);

  it('a resident cannot write it (told so, nothing applied); the gemeente can', async () => {
    const bram = await session('Bram de Wit');
    const gemeente = await makeToken(server.dataDir, 'gemeente');
    secrets.push(gemeente);
    const resident = await synced(connect(server.url, 'gemeente/berichten', bram.token));
    const official = await synced(connect(server.url, 'gemeente/berichten', gemeente));
    const observer = await synced(connect(server.url, 'gemeente/berichten'));

    // The resident's own model would write it; the relay does not apply it.
    const forged = addNotice(
      resident.doc,
      notice({ title: 'Nep-afsluiting' }),
      ctx(bram, 'bewoner'),
    );
    await until(() => resident.denied.length > 0, { message: 'the resident is told' });
    expect(resident.denied).toEqual([readOnlyReason]);
    // Read-only handling: told once, the connection stays open (it still reads).
    const real = addNotice(
      official.doc,
      notice({ title: 'Asfalt Dorpsstraat' }),
      ctx({ id: 'gemeente', name: 'Gemeente' }, 'gemeente'),
    );
    await until(() => readNotices(observer.doc).some((n) => n.id === real), {
      message: 'the gemeente’s notice reaches another client',
    });
    await until(() => readNotices(resident.doc).some((n) => n.id === real), {
      message: 'the resident still reads',
    });
    expect(official.denied).toEqual([]);
    expect(resident.closes).toEqual([]);
    expect(resident.provider.wsconnected).toBe(true);

    const fresh = await synced(connect(server.url, 'gemeente/berichten'));
    const stored = readNotices(fresh.doc).map((n) => n.id);
    expect(stored).toContain(real);
    expect(stored).not.toContain(forged);
    expect(readNotices(observer.doc).map((n) => n.id)).not.toContain(forged);
    for (const c of [resident, official, observer, fresh]) c.destroy();
  });

  it('a notice for Beesd shows for Beesd, never for Heukelum; one for all shows for both', async () => {
    const gemeente = await makeToken(server.dataDir, 'gemeente', undefined, 'Gemeente West Betuwe');
    secrets.push(gemeente);
    const official = await synced(connect(server.url, 'gemeente/berichten', gemeente));
    const writer = ctx({ id: 'gemeente-wb', name: 'Gemeente West Betuwe' }, 'gemeente');
    const beesdNow = addNotice(official.doc, notice({ title: 'Weg dicht in Beesd' }), writer);
    const beesdLater = addNotice(
      official.doc,
      notice({ kind: 'afsluiting', title: 'Brug dicht', from: plusDays(3), until: plusDays(5) }),
      writer,
    );
    const heukelum = addNotice(
      official.doc,
      notice({ title: 'Markt', kernen: ['heukelum'] }),
      writer,
    );
    const everyone = addNotice(
      official.doc,
      notice({ kind: 'algemeen', title: 'Nieuwe afvalkalender', kernen: 'alle', until: null }),
      writer,
    );

    // Read from a second client's synced doc, as a resident's device does.
    const reader = await synced(connect(server.url, 'gemeente/berichten'));
    await until(() => readNotices(reader.doc).some((n) => n.id === everyone), {
      message: 'the notices reach the reader',
    });
    const now = new Date().toISOString();
    const forBeesd = noticesFor(readNotices(reader.doc), ['beesd'], now);
    const forHeukelum = noticesFor(readNotices(reader.doc), ['heukelum'], now);
    expect(forBeesd.current.map((n) => n.id)).toEqual(expect.arrayContaining([beesdNow, everyone]));
    // Works first while they run.
    expect(forBeesd.current.findIndex((n) => n.id === beesdNow)).toBeLessThan(
      forBeesd.current.findIndex((n) => n.id === everyone),
    );
    expect(forBeesd.coming.map((n) => n.id)).toEqual([beesdLater]);
    expect(ids(forBeesd)).not.toContain(heukelum);
    expect(ids(forHeukelum)).not.toContain(beesdNow);
    expect(ids(forHeukelum)).not.toContain(beesdLater);
    expect(ids(forHeukelum)).toEqual(expect.arrayContaining([heukelum, everyone]));
    // Following both kernen shows both, each once.
    const both = ids(noticesFor(readNotices(reader.doc), ['beesd', 'heukelum'], now));
    expect(both.filter((id) => id === beesdNow)).toHaveLength(1);
    expect(both).toEqual(expect.arrayContaining([beesdNow, beesdLater, heukelum, everyone]));
    official.destroy();
    reader.destroy();
  });
});
