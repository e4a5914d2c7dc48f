/** Rich descriptions: collaborative Y.Text, minimal edits, legacy strings, concurrent typing. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPoint,
  descriptionText,
  deletePoint,
  readKernagenda,
  updatePoint,
  type EditContext,
} from '../../src/model/kernagenda';
import { textChange } from '../../src/model/description';
import { westBetuwe as config } from './support/config';
import { seeded } from './support/random';
import { fork } from './support/replicas';

const ctx = (actor = 'Ans', now = '2026-03-01T10:00:00.000Z'): EditContext => ({
  actor,
  now,
  config,
});
const base = {
  title: 'Speeltuin',
  theme: 'economie',
  owner: 'inwoners',
  status: 'idee',
} as const;
const raw = (doc: Y.Doc, id: string) =>
  (doc.getMap('points').get(id) as Y.Map<unknown>).get('description');
const description = (doc: Y.Doc) => readKernagenda(doc).points[0]!.description;

describe('descriptions as Y.Text', () => {
  it('stores a new point’s description as a Y.Text and reads it as a string', () => {
    const doc = new Y.Doc();
    const id = addPoint(doc, { ...base, description: ' Met schommel ' }, ctx());
    expect(raw(doc, id)).toBeInstanceOf(Y.Text);
    expect(description(doc)).toBe('Met schommel');
    const empty = addPoint(doc, base, ctx());
    expect(raw(doc, empty)).toBeInstanceOf(Y.Text);
    expect(descriptionText(doc, id)?.toString()).toBe('Met schommel');
  });

  it('applies an edit as one delete and one insert in one update', () => {
    const doc = new Y.Doc();
    const id = addPoint(doc, { ...base, description: 'Een speeltuin bij de school.' }, ctx());
    const deltas: unknown[] = [];
    descriptionText(doc, id)!.observe((e) => deltas.push(e.delta));
    let updates = 0;
    doc.on('update', () => updates++);
    updatePoint(doc, id, { description: 'Een grote speeltuin bij de basisschool.' }, ctx());
    expect(updates).toBe(1);
    expect(description(doc)).toBe('Een grote speeltuin bij de basisschool.');
    // One delete and one insert after the common start; the common end is kept.
    expect(deltas).toHaveLength(1);
    expect(new Set(deltas[0] as object[])).toEqual(
      new Set([{ retain: 4 }, { insert: 'grote speeltuin bij de basis' }, { delete: 17 }]),
    );
    expect(
      textChange('Een speeltuin bij de school.', 'Een grote speeltuin bij de basisschool.'),
    ).toEqual({ index: 4, remove: 17, insert: 'grote speeltuin bij de basis' });
  });

  it('keeps both people’s typing when two edit one description at once', () => {
    const doc = new Y.Doc();
    const id = addPoint(doc, { ...base, description: 'Bankjes en bloembakken.' }, ctx());
    const a = fork(doc);
    const b = fork(doc);
    updatePoint(a, id, { description: 'Twee bankjes en bloembakken.' }, ctx('Ans'));
    updatePoint(b, id, { description: 'Bankjes en bloembakken met water.' }, ctx('Bram'));
    const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(doc));
    const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(doc));
    const ab = fork(doc);
    Y.applyUpdate(ab, fromA);
    Y.applyUpdate(ab, fromB);
    const ba = fork(doc);
    Y.applyUpdate(ba, fromB);
    Y.applyUpdate(ba, fromA);
    expect(description(ab)).toBe('Twee bankjes en bloembakken met water.');
    expect(description(ba)).toBe(description(ab));
  });

  it('reads a legacy string and converts it on the first change of the description only', () => {
    const doc = new Y.Doc();
    const id = addPoint(doc, base, ctx());
    (doc.getMap('points').get(id) as Y.Map<unknown>).set('description', 'Oude tekst');
    expect(description(doc)).toBe('Oude tekst');
    expect(descriptionText(doc, id)).toBeNull();
    updatePoint(doc, id, { status: 'in-voorbereiding' }, ctx());
    updatePoint(doc, id, { description: 'Oude tekst' }, ctx());
    expect(typeof raw(doc, id)).toBe('string');
    updatePoint(doc, id, { description: 'Nieuwe tekst' }, ctx());
    expect(raw(doc, id)).toBeInstanceOf(Y.Text);
    expect(description(doc)).toBe('Nieuwe tekst');
    expect(descriptionText(doc, id)?.toString()).toBe('Nieuwe tekst');
  });

  it('gives no Y.Text for an unknown or deleted point', () => {
    const doc = new Y.Doc();
    const id = addPoint(doc, base, ctx());
    expect(descriptionText(doc, 'bestaat-niet')).toBeNull();
    deletePoint(doc, id, ctx());
    expect(descriptionText(doc, id)).toBeNull();
  });

  it('never splits an emoji (a surrogate pair) and survives the update encoding', () => {
    expect(textChange('a😀b', 'a😃b')).toEqual({ index: 1, remove: 2, insert: '😃' });
    const doc = new Y.Doc();
    const id = addPoint(doc, { ...base, description: 'Feest 😀!' }, ctx());
    updatePoint(doc, id, { description: 'Feest 😃!' }, ctx());
    expect(description(fork(doc))).toBe('Feest 😃!');
  });
});

describe('textChange (seeded)', () => {
  const seed = process.env.SEED ? Number(process.env.SEED) : Math.floor(Math.random() * 2 ** 31);

  it(`turns any text into any other with one delete and one insert (SEED=${seed})`, () => {
    console.log(`textChange: SEED=${seed}`);
    const rnd = seeded(seed);
    const alphabet = ['a', 'b', ' ', '😀', '😃', 'é', '\n'];
    const text = () => Array.from({ length: rnd.int(12) }, () => rnd.pick(alphabet)).join('');
    for (let i = 0; i < 500; i++) {
      const [from, to] = [text(), text()];
      const change = textChange(from, to);
      if (from === to) {
        expect(change).toBeNull();
        continue;
      }
      const { index, remove, insert } = change!;
      expect(from.slice(0, index) + insert + from.slice(index + remove)).toBe(to);
      const prefix = from.slice(0, index);
      expect(prefix.length === 0 || !/[\ud800-\udbff]$/.test(prefix)).toBe(true);
    }
  });
});
