/**
 * The offline search index kept up to date (src/sync/searchIndex.ts) with real Y.Docs and the
 * real device db (Dexie over fake-indexeddb): a room is indexed only once its stored copy has
 * loaded, follows every change (new, renamed, removed items; other rooms untouched), turns a
 * burst of edits into one write, leaves out hidden ideas, is shared between holds and writes a
 * pending change on the last release; and a query through the index folds Dutch text.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hideIdea, restoreIdea } from '../../src/model/ideaDecisions';
import { addIdea } from '../../src/model/ideas';
import { addProject, removeProject, updateProject } from '../../src/model/inspiration';
import { addPoint, deletePoint, updatePoint } from '../../src/model/kernagenda';
import { query, queryWords } from '../../src/search/index';
import {
  findSearchEntries,
  openDeviceDb,
  searchEntriesOf,
  type DeviceDb,
} from '../../src/storage/db';
import {
  agendaTarget,
  createSearchIndexer,
  ideasTarget,
  pleinTarget,
  type SearchIndexer,
} from '../../src/sync/searchIndex';
import { until } from '../helpers/until';
import { westBetuwe as config } from './support/config';

const now = '2026-03-01T10:00:00.000Z';
const ctx = { actor: 'Els', now, config };
const writer = { id: 'bewoner-1', name: 'Anna', role: 'bewoner' as const, now, config };

let n = 0;
const open: { db: DeviceDb; indexer: SearchIndexer }[] = [];
function setup() {
  const db = openDeviceDb(`search-index-${n++}`);
  const indexer = createSearchIndexer(db, { delayMs: 30 });
  open.push({ db, indexer });
  return { db, indexer };
}
afterEach(async () => {
  for (const { db, indexer } of open.splice(0)) {
    indexer.stop();
    await (await db.tables()).delete();
  }
});

const loaded = Promise.resolve();
const titles = async (db: DeviceDb, source: string) =>
  (await searchEntriesOf(db, source)).map((e) => e.title).sort();

function playground(doc: Y.Doc, title = 'Speeltuin bij de school') {
  return addProject(
    doc,
    { kern: 'beesd', title, theme: 'sport-cultuur-en-recreatie', status: 'gepland' },
    ctx,
  );
}

const point = (title: string) =>
  ({ title, theme: 'openbare-ruimte-en-groen', owner: 'inwoners', status: 'idee' }) as const;

describe('keeping the search index', () => {
  it('indexes a room only once its stored copy has loaded, then every change', async () => {
    const { db, indexer } = setup();
    const before = new Y.Doc();
    playground(before);
    const release = indexer.keep(pleinTarget(before, loaded));
    await until(async () => (await titles(db, 'plein/inspiratie')).length === 1);
    release();

    // The next session: the document is empty until its stored copy is in.
    const doc = new Y.Doc();
    let load!: () => void;
    const ready = new Promise<void>((resolve) => (load = resolve));
    indexer.keep(pleinTarget(doc, ready));
    await indexer.flush();
    expect(await titles(db, 'plein/inspiratie'), 'nothing wiped before the load').toEqual([
      'Speeltuin bij de school',
    ]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(before));
    load();
    const id = playground(doc, 'Jeu-de-boulesbaan');
    await until(async () => (await titles(db, 'plein/inspiratie')).length === 2, {
      message: 'the new project indexed',
    });
    updateProject(doc, id, { title: 'Jeu de boules bij het dorpshuis' }, ctx);
    await until(async () =>
      (await titles(db, 'plein/inspiratie')).includes('Jeu de boules bij het dorpshuis'),
    );
    removeProject(doc, id, ctx);
    await until(
      async () =>
        JSON.stringify(await titles(db, 'plein/inspiratie')) ===
        JSON.stringify(['Speeltuin bij de school']),
      { message: 'the removed project left the index' },
    );
  });

  it('rewrites one room without touching the others', async () => {
    const { db, indexer } = setup();
    const beesd = new Y.Doc();
    const heukelum = new Y.Doc();
    const bench = addPoint(beesd, point('Bankje bij de kerk'), ctx);
    addPoint(beesd, point('Speeltuin'), ctx);
    addPoint(heukelum, point('Speeltuin aan de Linge'), ctx);
    indexer.keep(agendaTarget('beesd', beesd, loaded));
    indexer.keep(agendaTarget('heukelum', heukelum, loaded));
    await until(async () => (await titles(db, 'kern/beesd/agenda')).length === 2);
    await until(async () => (await titles(db, 'kern/heukelum/agenda')).length === 1);

    updatePoint(beesd, bench, { title: 'Bankje bij de molen' }, ctx);
    const boules = addPoint(beesd, point('Jeu-de-boulesbaan'), ctx);
    deletePoint(beesd, boules, ctx);
    await until(async () =>
      (await titles(db, 'kern/beesd/agenda')).includes('Bankje bij de molen'),
    );
    expect(await titles(db, 'kern/beesd/agenda')).toEqual(['Bankje bij de molen', 'Speeltuin']);
    expect(await titles(db, 'kern/heukelum/agenda')).toEqual(['Speeltuin aan de Linge']);
    const [entry] = await searchEntriesOf(db, 'kern/heukelum/agenda');
    expect(entry).toMatchObject({
      key: `punt:heukelum:${entry!.id}`,
      kind: 'punt',
      kern: 'heukelum',
    });
  });

  it('turns a burst of edits into one write', async () => {
    const { db, indexer } = setup();
    const doc = new Y.Doc();
    const id = addPoint(doc, point('Bankje'), ctx);
    indexer.keep(agendaTarget('beesd', doc, loaded));
    await until(async () => (await titles(db, 'kern/beesd/agenda')).length === 1);
    let writes = 0;
    const count = () => void writes++;
    const { search } = await db.tables();
    search.hook('updating', count);
    search.hook('creating', count);
    for (let i = 1; i <= 20; i++) updatePoint(doc, id, { title: `Bankje ${i}` }, ctx);
    await until(async () => (await titles(db, 'kern/beesd/agenda'))[0] === 'Bankje 20');
    await indexer.flush();
    expect(writes, 'entry writes for 20 quick edits').toBe(1);
  });

  it('leaves out the ideas a committee hid, and takes them back when shown again', async () => {
    const { db, indexer } = setup();
    const board = new Y.Doc();
    const agenda = new Y.Doc();
    const shade = addIdea(
      board,
      {
        title: 'Schaduwdoek bij de speeltuin',
        text: 'Voor warme dagen.',
        category: 'openbare-ruimte-en-groen',
      },
      writer,
    );
    addIdea(board, { title: 'Bloembakken', category: 'openbare-ruimte-en-groen' }, writer);
    indexer.keep(ideasTarget('beesd', board, agenda, loaded));
    await until(async () => (await titles(db, 'kern/beesd/ideeen')).length === 2);

    hideIdea(agenda, { ideaId: shade, kern: 'beesd' }, 'Dubbel ingediend.', ctx);
    await until(async () => (await titles(db, 'kern/beesd/ideeen')).length === 1, {
      message: 'the hidden idea left the index',
    });
    expect(await titles(db, 'kern/beesd/ideeen')).toEqual(['Bloembakken']);
    restoreIdea(agenda, shade, ctx);
    await until(async () => (await titles(db, 'kern/beesd/ideeen')).length === 2, {
      message: 'the idea shown again is back',
    });
  });

  it('keeps a room for as long as anyone holds it, and writes a pending change on the last release', async () => {
    const { db, indexer } = setup();
    const doc = new Y.Doc();
    playground(doc);
    const first = indexer.keep(pleinTarget(doc, loaded));
    const second = indexer.keep(pleinTarget(doc, loaded));
    await until(async () => (await titles(db, 'plein/inspiratie')).length === 1);
    first();
    playground(doc, 'Jeu-de-boulesbaan');
    await until(async () => (await titles(db, 'plein/inspiratie')).length === 2, {
      message: 'still kept by the second hold',
    });
    playground(doc, 'Pluktuin');
    second();
    doc.destroy();
    await until(async () => (await titles(db, 'plein/inspiratie')).includes('Pluktuin'), {
      message: 'the change pending at the last release was written',
    });
    playground(new Y.Doc(), 'Niet gevolgd');
    expect(await titles(db, 'plein/inspiratie')).toHaveLength(3);
  });

  it('follows the new document when a room is opened again', async () => {
    const { db, indexer } = setup();
    const old = new Y.Doc();
    playground(old);
    indexer.keep(pleinTarget(old, loaded));
    await until(async () => (await titles(db, 'plein/inspiratie')).length === 1);
    const reopened = new Y.Doc();
    Y.applyUpdate(reopened, Y.encodeStateAsUpdate(old));
    indexer.keep(pleinTarget(reopened, loaded));
    playground(old, 'Alleen in het oude document');
    playground(reopened, 'Pluktuin');
    await until(async () => (await titles(db, 'plein/inspiratie')).includes('Pluktuin'));
    await indexer.flush();
    expect(await titles(db, 'plein/inspiratie')).toEqual(['Pluktuin', 'Speeltuin bij de school']);
  });
});

describe('searching the index', () => {
  it('finds entries of every room, Dutch-folded, by stems and prefixes, all words matching', async () => {
    const { db, indexer } = setup();
    const plein = new Y.Doc();
    const agenda = new Y.Doc();
    playground(plein, 'Speeltuinen voor de kleintjes');
    addPoint(
      agenda,
      { ...point('Café-avond in het dorpshuis'), description: 'Bij de speeltuin.' },
      ctx,
    );
    addPoint(agenda, point('Bankjes langs de dijk'), ctx);
    indexer.keep(pleinTarget(plein, loaded));
    indexer.keep(agendaTarget('beesd', agenda, loaded));
    await until(async () => (await titles(db, 'kern/beesd/agenda')).length === 2);
    await until(async () => (await titles(db, 'plein/inspiratie')).length === 1);

    const search = async (text: string) =>
      query(await findSearchEntries(db, queryWords(text)), text).map((r) => r.title);
    expect(await search('SPEELTUIN')).toEqual([
      'Speeltuinen voor de kleintjes',
      'Café-avond in het dorpshuis',
    ]);
    expect(await search('cafe')).toEqual(['Café-avond in het dorpshuis']);
    expect(await search('bankje')).toEqual(['Bankjes langs de dijk']);
    expect(await search('speel dorpshuis')).toEqual(['Café-avond in het dorpshuis']);
    expect(await search('speeltuin molen')).toEqual([]);
    expect(await findSearchEntries(db, [])).toEqual([]);
  });
});
