/**
 * DESIGN.md's permission table, row by row, against the real relay: for every room kind and
 * every kind of client, whether its edit reaches a second client and the store (after a
 * restart), and that a refused writer is told so and its edit goes nowhere. On the shared
 * boards (ideas, questions) a writer adds an entry under its own id through the model, as the
 * relay's per-entry check allows nothing else there (tests/integration/entry-rules.test.ts);
 * on the plein and a joint project, an entry of its own kern (plein-samen.test.ts). The joint
 * project was started by Beesd's committee, which invited Heukelum.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { CommitteeContext } from '../../src/model/committee';
import { addIdea, readIdeas } from '../../src/model/ideas';
import { addProject, readProjects } from '../../src/model/inspiration';
import { addTask, createSamen, inviteKern, joinSamen, readSamen } from '../../src/model/samen';
import { addQuestion, readQuestions } from '../../src/model/questions';
import { tokenPayload } from '../helpers/residents';
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

const who = [
  'geen token',
  'bewoner',
  'commissie beesd',
  'commissie heukelum',
  'commissie heesselt',
  'gemeente',
  'beheerder',
] as const;
type Who = (typeof who)[number];

const committees: Who[] = ['commissie beesd', 'commissie heukelum', 'commissie heesselt'];

/** Written out from DESIGN.md (not computed with canWrite, which is what is under test). */
const table: { room: string; observeAs?: string; writers: Who[] }[] = [
  { room: 'kern/beesd/agenda', writers: ['commissie beesd', 'beheerder'] },
  // Varik and Heesselt share one kernagenda: heesselt's commissie writes varik's agenda and
  // both names open the same document.
  {
    room: 'kern/varik/agenda',
    observeAs: 'kern/heesselt/agenda',
    writers: ['commissie heesselt', 'beheerder'],
  },
  { room: 'kern/beesd/ideeen', writers: ['bewoner', ...committees, 'gemeente'] },
  { room: 'gemeente/berichten', writers: ['gemeente'] },
  { room: 'gemeente/vragen', writers: ['bewoner', ...committees, 'gemeente'] },
  { room: 'plein/inspiratie', writers: [...committees, 'gemeente'] },
  // Started by Beesd, Heukelum invited (beforeAll): Heesselt's committee does not write it.
  { room: 'samen/proef-project', writers: ['commissie beesd', 'commissie heukelum'] },
];

let server: ServerHandle;
const tokens = new Map<Who, string | undefined>();

/** `who`'s edit of `room`: an entry under its own id on a shared board, else a map key. */
function write(room: string, client: Client, w: Who) {
  const token = tokens.get(w);
  const ctx = {
    id: token ? String(tokenPayload(token).sub) : 'zonder-token',
    name: w,
    role: 'bewoner' as const,
    now: new Date().toISOString(),
    config,
  };
  const kern = w.startsWith('commissie ') ? w.slice('commissie '.length) : 'beesd';
  const committee: CommitteeContext = { actor: w, now: ctx.now, config, kern };
  if (room.endsWith('/ideeen')) addIdea(client.doc, { title: w, category: 'economie' }, ctx);
  else if (room === 'gemeente/vragen') addQuestion(client.doc, 'bericht-1', `vraag van ${w}`, ctx);
  else if (room === 'plein/inspiratie')
    addProject(client.doc, { kern, title: w, theme: 'economie', status: 'gepland' }, committee);
  else if (room.startsWith('samen/') && (w === 'commissie beesd' || w === 'commissie heukelum')) {
    joinSamen(client.doc, committee);
    addTask(client.doc, { title: w, kern }, committee);
  } else client.map.set(w, `edit by ${w}`);
}

/** Whose edits `doc` (of `room`) holds. */
function writersIn(room: string, doc: Y.Doc): string[] {
  if (room.endsWith('/ideeen')) return readIdeas(doc).map((idea) => idea.authorName);
  if (room === 'gemeente/vragen')
    return readQuestions(doc, 'bericht-1').map((question) => question.authorName);
  if (room === 'plein/inspiratie') return readProjects(doc).map((project) => project.title);
  if (room.startsWith('samen/'))
    return [
      ...(readSamen(doc, room)?.tasks.map((task) => task.title) ?? []),
      ...doc.getMap('test').keys(),
    ];
  return [...doc.getMap('test').keys()];
}

beforeAll(async () => {
  server = await startServer();
  const d = server.dataDir;
  const made = await Promise.all([
    makeToken(d, 'bewoner', undefined, 'Anna'),
    makeToken(d, 'commissie', 'beesd'),
    makeToken(d, 'commissie', 'heukelum'),
    makeToken(d, 'commissie', 'heesselt'),
    makeToken(d, 'gemeente'),
    makeToken(d, 'beheerder'),
  ]);
  tokens.set('geen token', undefined);
  who.slice(1).forEach((w, i) => tokens.set(w, made[i]));
  // The joint project exists before the table is tried on it.
  const starter = await synced(connect(server.url, 'samen/proef-project', made[1]));
  const beesd: CommitteeContext = {
    actor: 'Els',
    now: new Date().toISOString(),
    config,
    kern: 'beesd',
  };
  createSamen(starter.doc, { title: 'Proefproject' }, beesd);
  inviteKern(starter.doc, 'heukelum', beesd);
  const observer = await synced(connect(server.url, 'samen/proef-project'));
  await until(() => readSamen(observer.doc, 'x')?.invited.heukelum !== undefined, {
    message: 'the joint project is on the server',
  });
  starter.destroy();
  observer.destroy();
});

afterAll(cleanup);

async function synced(client: Client) {
  await until(() => client.provider.synced, { message: `${client.provider.roomname} synced` });
  return client;
}

describe.each(table)('$room', ({ room, observeAs, writers }) => {
  it('lets exactly its writers edit; refused writers are told and go nowhere', async () => {
    const observer = await synced(connect(server.url, observeAs ?? room));
    const clients = await Promise.all(
      who.map(async (w) => ({
        w,
        client: await synced(connect(server.url, room, { token: tokens.get(w) })),
      })),
    );
    for (const { w, client } of clients) write(room, client, w);

    for (const { w, client } of clients) {
      if (writers.includes(w)) {
        await until(() => writersIn(room, observer.doc).includes(w), {
          message: `${w}'s edit of ${room} reaches another client`,
        });
        expect(client.denied).toEqual([]);
      } else {
        await until(() => client.denied.length > 0, {
          message: `${w} is told it may not edit ${room}`,
        });
      }
    }
    // A client that syncs now gets the server's whole document: only the writers' edits.
    const fresh = await synced(connect(server.url, room));
    expect(writersIn(room, fresh.doc).sort()).toEqual([...writers].sort());
    expect(writersIn(room, observer.doc).sort()).toEqual([...writers].sort());
    for (const c of [observer, fresh, ...clients.map((x) => x.client)]) c.destroy();
  });
});

describe('after a restart', () => {
  it('the store holds exactly the accepted edits of every room', async () => {
    server = await server.restart();
    for (const { room, observeAs, writers } of table) {
      const fresh = await synced(connect(server.url, observeAs ?? room));
      expect(writersIn(room, fresh.doc).sort(), room).toEqual([...writers].sort());
      fresh.destroy();
    }
  });
});
