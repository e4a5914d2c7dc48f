/**
 * Working across kernen against the real relay (server/relay/entryCheck.ts with
 * src/model/boardRules.ts), with real y-websocket clients holding tokens from the real CLI:
 * - the inspiratieplein: every committee writes its own kern's projects and take-overs, the
 *   gemeente writes everything, a resident nothing (read-only); a committee that changes
 *   another kern's project or records a take-over for another kern is closed with 4403 and
 *   nothing of it is applied;
 * - a joint project: a committee starts it with the room's first write and invites another
 *   kern, whose committee (connected before the invitation) joins and sets its contribution;
 *   a third kern's committee reads but cannot write (read-only, told once); a kern taking part
 *   that sets another kern's contribution is closed with 4403; a first write that starts a
 *   project for another kern is refused.
 * A fresh client and, at the end, a server killed with SIGKILL and started again show exactly
 * the honest state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, CloseReason, samenReadOnlyReason } from '../../server/relay/protocol';
import type { EditContext } from '../../src/model/agendaDoc';
import type { CommitteeContext } from '../../src/model/committee';
import {
  addProject,
  findProject,
  readProjects,
  takeOversOf,
  updateProject,
  type ProjectInput,
} from '../../src/model/inspiration';
import { readKernagenda } from '../../src/model/kernagenda';
import {
  createSamen,
  inviteKern,
  joinSamen,
  readSamen,
  setContribution,
} from '../../src/model/samen';
import { takeOver } from '../../src/model/takeOver';
import { westBetuwe as config } from '../unit/support/config';
import {
  cleanup,
  connect,
  makeToken,
  startServer,
  until,
  type Client,
  type ServerHandle,
} from '../helpers/server';

const plein = 'plein/inspiratie';
const samen = 'samen/aed-samen-2026';
let server: ServerHandle;
const logs: (() => string)[] = [];
const token: Record<'beesd' | 'heukelum' | 'asperen' | 'gemeente' | 'bewoner', string> = {
  beesd: '',
  heukelum: '',
  asperen: '',
  gemeente: '',
  bewoner: '',
};

const at = () => new Date().toISOString();
const edit = (actor: string): EditContext => ({ actor, now: at(), config });
const committee = (kern: string, actor = `Lid ${kern}`): CommitteeContext => ({
  ...edit(actor),
  kern,
});

async function synced(client: Client) {
  await until(() => client.provider.synced, { message: `${client.provider.roomname} synced` });
  return client;
}

/** What a client that syncs now gets from the server, read by `read`. */
async function fresh<T>(room: string, read: (doc: Y.Doc) => T): Promise<T> {
  const client = await synced(connect(server.url, room));
  try {
    return read(client.doc);
  } finally {
    client.destroy();
  }
}

const speeltuin: ProjectInput = {
  kern: 'beesd',
  title: 'Speeltuin bij de school',
  theme: 'sport-cultuur-en-recreatie',
  description: 'Een speeltuin voor kinderen tot 12 jaar.',
  status: 'gerealiseerd',
  realisedIn: 2025,
  costCents: 150000,
  funding: { budgetCents: 150000 },
  needs: [{ kind: 'vergunning', text: 'Omgevingsvergunning' }],
};

/** The plein as every replica must agree on it: titles per project, and the take-overs. */
const pleinView = (doc: Y.Doc) =>
  JSON.stringify({
    projects: readProjects(doc).map((p) => [p.id, p.kern, p.title, p.lessons]),
    takeOvers: [...takeOversOf(doc).keys()].sort(),
  });

/** The joint project as every replica must agree on it. */
const samenView = (doc: Y.Doc) => JSON.stringify(readSamen(doc, 'aed-samen-2026'));

beforeAll(async () => {
  server = await startServer();
  logs.push(server.stderr);
  const d = server.dataDir;
  [token.beesd, token.heukelum, token.asperen, token.gemeente, token.bewoner] = await Promise.all([
    makeToken(d, 'commissie', 'beesd', 'Dorpsraad Beesd'),
    makeToken(d, 'commissie', 'heukelum', 'Dorpsplatform Heukelum'),
    makeToken(d, 'commissie', 'asperen', 'Dorpsbelangen Asperen'),
    makeToken(d, 'gemeente'),
    makeToken(d, 'bewoner', undefined, 'Anna'),
  ]);
});

afterAll(async () => {
  // Each refusal is logged with its rule, never with content or tokens.
  const log = logs.map((read) => read()).join('\n');
  expect(log.split('edit refused by the per-entry rules').length - 1).toBe(4);
  expect(log).toContain("another kern's project is changed");
  expect(log).toContain("another kern's contribution");
  for (const secret of ['Gekaapt', 'Van Asperen', ...Object.values(token)])
    expect(log).not.toContain(secret);
  await cleanup();
});

describe('the inspiratieplein', () => {
  let observer: Client;
  let beesd: Client;
  let beesdProject: string;
  /** The plein the honest writers made. */
  let honest = '';

  beforeAll(async () => {
    observer = await synced(connect(server.url, plein));
    beesd = await synced(connect(server.url, plein, token.beesd));
  });

  it('any committee writes its own projects; the gemeente writes every project', async () => {
    beesdProject = addProject(beesd.doc, speeltuin, edit('Els de Boer'));
    const heukelum = await synced(connect(server.url, plein, token.heukelum));
    const own = addProject(
      heukelum.doc,
      { ...speeltuin, kern: 'heukelum', title: 'Jeu-de-boulesbaan' },
      edit('Kees Jansen'),
    );
    const gemeente = await synced(connect(server.url, plein, token.gemeente));
    await until(() => findProject(gemeente.doc, beesdProject) !== null, {
      message: 'the gemeente sees Beesd’s project',
    });
    updateProject(
      gemeente.doc,
      beesdProject,
      { lessons: 'Vraag de vergunning op tijd aan.' },
      edit('Gemeente'),
    );

    await until(
      () =>
        findProject(observer.doc, own) !== null &&
        findProject(observer.doc, beesdProject)?.lessons === 'Vraag de vergunning op tijd aan.',
      { message: 'both projects and the gemeente’s edit reach another client' },
    );
    for (const client of [beesd, heukelum, gemeente]) {
      expect(client.denied).toEqual([]);
      expect(client.closes).toEqual([]);
    }
    honest = pleinView(observer.doc);
    expect(await fresh(plein, pleinView)).toBe(honest);
    heukelum.destroy();
    gemeente.destroy();
  });

  it('a resident cannot write it: told so, and nothing is applied', async () => {
    const anna = await synced(connect(server.url, plein, token.bewoner));
    addProject(anna.doc, { ...speeltuin, title: 'Van een bewoner' }, edit('Anna'));
    await until(() => anna.denied.length > 0, { message: 'the resident is told' });
    expect(await fresh(plein, pleinView)).toBe(honest);
    expect(pleinView(observer.doc)).toBe(honest);
    anna.destroy();
  });

  it('a committee that changes another kern’s project is closed with 4403; nothing applied', async () => {
    const heukelum = await synced(connect(server.url, plein, token.heukelum));
    // The model would let an app do it (the UI offers it only to the project's own kern).
    updateProject(heukelum.doc, beesdProject, { title: 'Gekaapt' }, edit('Kees Jansen'));
    expect(await heukelum.closed).toEqual({
      code: CloseCode.forbidden,
      reason: CloseReason.kernRefused,
    });
    expect(await fresh(plein, pleinView)).toBe(honest);
    expect(pleinView(observer.doc)).toBe(honest);
    // The honest writers in the room keep going.
    updateProject(beesd.doc, beesdProject, { title: 'Speeltuin De Linde' }, edit('Els de Boer'));
    await until(() => findProject(observer.doc, beesdProject)?.title === 'Speeltuin De Linde', {
      message: 'Beesd’s own edit still arrives',
    });
    honest = pleinView(observer.doc);
    heukelum.destroy();
  });

  it('a committee takes a project over for its own kern, never for another', async () => {
    const heukelum = await synced(connect(server.url, plein, token.heukelum));
    const agenda = await synced(connect(server.url, 'kern/heukelum/agenda', token.heukelum));
    const pointId = takeOver(agenda.doc, heukelum.doc, beesdProject, committee('heukelum'));
    await until(() => takeOversOf(observer.doc).has(`${beesdProject}:heukelum`), {
      message: 'the take-over reaches Beesd',
    });
    expect(findProject(observer.doc, beesdProject)?.takenUpBy.heukelum?.pointId).toBe(pointId);
    expect(
      await fresh('kern/heukelum/agenda', (d) => readKernagenda(d).points.map((p) => p.id)),
    ).toContain(pointId);
    honest = pleinView(observer.doc);

    takeOversOf(heukelum.doc).set(`${beesdProject}:asperen`, { pointId, at: at(), by: 'Kees' });
    expect((await heukelum.closed).code).toBe(CloseCode.forbidden);
    expect(await fresh(plein, pleinView)).toBe(honest);
    for (const c of [heukelum, agenda]) c.destroy();
  });

  afterAll(() => {
    observer.destroy();
    beesd.destroy();
  });
});

describe('a joint project', () => {
  let observer: Client;
  let beesd: Client;
  let heukelum: Client;
  let asperen: Client;
  let honest = '';

  beforeAll(async () => {
    observer = await synced(connect(server.url, samen));
    // Heukelum and Asperen have the (still empty) room open before anything happens.
    heukelum = await synced(connect(server.url, samen, token.heukelum));
    asperen = await synced(connect(server.url, samen, token.asperen));
    beesd = await synced(connect(server.url, samen, token.beesd));
  });

  it('a committee starts it with the first write and invites another kern', async () => {
    createSamen(beesd.doc, { title: "AED's voor de dorpen" }, committee('beesd', 'Els de Boer'));
    inviteKern(beesd.doc, 'heukelum', committee('beesd', 'Els de Boer'));
    await until(() => readSamen(observer.doc, 'x')?.invited.heukelum !== undefined, {
      message: 'the project and the invitation reach another client',
    });
    expect(readSamen(observer.doc, 'x')).toMatchObject({
      kern: 'beesd',
      participants: { beesd: expect.anything() },
    });
    await until(() => readSamen(heukelum.doc, 'x') !== null, { message: 'Heukelum sees it' });
    expect(beesd.denied).toEqual([]);
    honest = samenView(observer.doc);
  });

  it('the invited kern’s committee joins and sets its contribution', async () => {
    // Connected before the invitation: the relay judges each edit against the document now.
    joinSamen(heukelum.doc, committee('heukelum', 'Kees Jansen'));
    setContribution(heukelum.doc, 2026, 120000, committee('heukelum', 'Kees Jansen'));
    setContribution(beesd.doc, 2026, 180000, committee('beesd', 'Els de Boer'));
    await until(() => readSamen(observer.doc, 'x')?.contributions.length === 2, {
      message: 'both contributions reach another client',
    });
    const project = readSamen(observer.doc, 'x')!;
    expect(Object.keys(project.participants).sort()).toEqual(['beesd', 'heukelum']);
    expect(project.contributions.map((c) => [c.kern, c.year, c.cents])).toEqual([
      ['beesd', 2026, 180000],
      ['heukelum', 2026, 120000],
    ]);
    await until(() => samenView(heukelum.doc) === samenView(observer.doc), {
      message: 'Heukelum has the same project',
    });
    expect(heukelum.denied).toEqual([]);
    expect(heukelum.closes).toEqual([]);
    honest = samenView(observer.doc);
    expect(await fresh(samen, samenView)).toBe(honest);
  });

  it('a third kern’s committee reads it but cannot write it (read-only, told once)', async () => {
    await until(() => samenView(asperen.doc) === honest, { message: 'Asperen reads it' });
    joinSamen(asperen.doc, committee('asperen', 'Van Asperen'));
    await until(() => asperen.denied.length > 0, { message: 'Asperen is told' });
    expect(asperen.denied).toEqual([samenReadOnlyReason]);
    // The connection stays open for reading.
    setContribution(beesd.doc, 2027, 50000, committee('beesd', 'Els de Boer'));
    await until(() => readSamen(asperen.doc, 'x')?.contributions.length === 3, {
      message: 'Asperen still receives edits',
    });
    expect(asperen.closes).toEqual([]);
    await until(() => readSamen(observer.doc, 'x')?.contributions.length === 3, {
      message: 'the observer has Beesd’s edit',
    });
    honest = samenView(observer.doc);
    expect(await fresh(samen, samenView)).toBe(honest);
    expect(readSamen(observer.doc, 'x')?.participants.asperen).toBeUndefined();
  });

  it('a resident and the gemeente cannot write it', async () => {
    for (const who of [token.bewoner, token.gemeente]) {
      const client = await synced(connect(server.url, samen, who));
      client.doc.getMap('meta').set('title', 'Overgenomen');
      await until(() => client.denied.length > 0, { message: 'told it may not edit' });
      client.destroy();
    }
    expect(await fresh(samen, samenView)).toBe(honest);
  });

  it('a kern that takes part cannot set another kern’s contribution: 4403, nothing applied', async () => {
    const evil = await synced(connect(server.url, samen, token.heukelum));
    evil.doc.getMap('contributions').set('beesd:2026', { cents: 100, at: at(), by: 'Kees Jansen' });
    expect(await evil.closed).toEqual({
      code: CloseCode.forbidden,
      reason: CloseReason.kernRefused,
    });
    expect(await fresh(samen, samenView)).toBe(honest);
    expect(samenView(observer.doc)).toBe(honest);
    evil.destroy();
  });

  it('the first write of an empty room cannot start a project for another kern', async () => {
    const other = 'samen/nog-leeg-project';
    const evil = await synced(connect(server.url, other, token.asperen));
    createSamen(evil.doc, { title: 'Namens Beesd' }, committee('beesd'));
    expect((await evil.closed).code).toBe(CloseCode.forbidden);
    expect(await fresh(other, (d) => readSamen(d, 'x'))).toBeNull();
    evil.destroy();
  });

  afterAll(() => {
    for (const c of [observer, beesd, heukelum, asperen]) c.destroy();
  });
});

describe('after a SIGKILL and a restart', () => {
  it('the store holds exactly the honest plein and joint project', async () => {
    const before = { plein: await fresh(plein, pleinView), samen: await fresh(samen, samenView) };
    await server.kill();
    server = await startServer({ dataDir: server.dataDir, port: server.port });
    logs.push(server.stderr);
    expect(await fresh(plein, pleinView)).toBe(before.plein);
    expect(await fresh(samen, samenView)).toBe(before.samen);
    const project = JSON.parse(before.samen) as { participants: Record<string, unknown> };
    expect(Object.keys(project.participants).sort()).toEqual(['beesd', 'heukelum']);
    expect(before.plein).not.toContain('Gekaapt');
    expect(before.plein).not.toContain('asperen');
  });
});
