/** History: the log written with every write, its sentences, restore, "sinds je laatste bezoek". */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPoint,
  deletePoint,
  readKernagenda,
  restorePoint,
  setYearBudget,
  updatePoint,
  ValidationError,
  type EditContext,
} from '../../src/model/kernagenda';
import {
  activityLimit,
  changedSince,
  noteDescriptionEdit,
  readActivity,
} from '../../src/model/activity';
import { westBetuwe as config } from './support/config';
import { fork, sync } from './support/replicas';

let minute = 0;
const at = (actor: string, origin?: unknown): EditContext => ({
  actor,
  now: `2026-05-01T10:${String(minute++).padStart(2, '0')}:00.000Z`,
  config,
  origin,
});
const speeltuin = {
  title: 'Speeltuin',
  description: 'Een geheime tekst',
  theme: 'sport-cultuur-en-recreatie',
  owner: 'inwoners',
  status: 'idee',
  budget: { year: 2026, amountCents: 120000, kind: 'nieuw' },
} as const;
const sentences = (doc: Y.Doc) => readActivity(doc, { config }).map((e) => e.sentence);

describe('the activity log', () => {
  it('writes one entry per action, in the same update as the change', () => {
    minute = 0;
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    const id = addPoint(doc, speeltuin, at('Anna'));
    expect(updates).toBe(1);
    updatePoint(doc, id, { budget: { ...speeltuin.budget, amountCents: 150000 } }, at('Anna'));
    updatePoint(doc, id, { status: 'in-uitvoering', contact: 'Piet' }, at('Bram'));
    updatePoint(doc, id, { description: 'Een andere tekst' }, at('Bram'));
    updatePoint(doc, id, { theme: 'economie' }, at('Bram'));
    updatePoint(doc, id, { title: 'Speeltuin Beesd' }, at('Bram'));
    updatePoint(doc, id, { status: 'in-uitvoering' }, at('Bram')); // no change: no entry
    deletePoint(doc, id, at('Fatima'));
    restorePoint(doc, id, at('Jan'));
    setYearBudget(doc, 2026, 600000, at('Jan'));
    setYearBudget(doc, 2026, 550000, at('Jan'));
    expect(updates).toBe(10);
    expect(sentences(doc)).toEqual([
      'Jan wijzigde het budget voor 2026: € 6.000 → € 5.500',
      'Jan wijzigde het budget voor 2026: geen → € 6.000',
      'Jan zette "Speeltuin Beesd" terug',
      'Fatima verwijderde "Speeltuin Beesd"',
      'Bram wijzigde de titel: "Speeltuin" → "Speeltuin Beesd"',
      'Bram wijzigde het thema van "Speeltuin": Sport, cultuur en recreatie → Economie',
      'Bram wijzigde de beschrijving van "Speeltuin"',
      'Bram wijzigde "Speeltuin": de status (Idee → In uitvoering) en de contactpersoon (geen → Piet)',
      'Anna wijzigde het bedrag van "Speeltuin": € 1.200 → € 1.500',
      'Anna voegde "Speeltuin" toe',
    ]);
    // Small entries: descriptions are logged as changed, never with their text.
    expect(JSON.stringify(doc.getArray('activity').toJSON())).not.toContain('tekst');
    expect(readActivity(doc)[0]).toMatchObject({
      by: 'Jan',
      action: 'budget',
      point: null,
      year: 2026,
      fields: [{ field: 'yearBudget', from: 600000, to: 550000 }],
    });
    expect(Object.isFrozen(readActivity(doc)[0])).toBe(true);
  });

  it('logs the removal of a request and returns only entries after `since`', () => {
    minute = 0;
    const doc = new Y.Doc();
    const id = addPoint(doc, speeltuin, at('Anna'));
    const since = at('-').now;
    updatePoint(doc, id, { budget: null }, at('Anna'));
    const log = readActivity(doc, { since });
    expect(log).toHaveLength(1);
    expect(log[0]!.fields).toEqual([
      { field: 'budgetCents', from: 120000, to: null },
      { field: 'budgetYear', from: 2026, to: null },
      { field: 'budgetKind', from: 'nieuw', to: null },
    ]);
    expect(log[0]!.sentence).toBe(
      'Anna wijzigde "Speeltuin": het bedrag (€ 1.200 → geen), het jaar van de aanvraag (2026 → geen) en de soort aanvraag (Nieuw initiatief → geen)',
    );
  });

  it('merges the logs of two offline devices, in the same order on both', () => {
    minute = 0;
    const base = new Y.Doc();
    const id = addPoint(base, speeltuin, at('Anna'));
    const [a, b] = [fork(base), fork(base)];
    updatePoint(a, id, { status: 'in-voorbereiding' }, at('Anna'));
    updatePoint(b, id, { contact: 'Bram' }, at('Bram'));
    sync(a, b);
    expect(sentences(a)).toEqual(sentences(b));
    expect(sentences(a)).toHaveLength(3);
  });

  it('skips malformed entries and reads missing fields with defaults', () => {
    const doc = new Y.Doc();
    doc
      .getArray('activity')
      .push([
        'kapot',
        { id: 'x1', action: 'onbekend', point: 'p' },
        { id: 'x2', action: 'toegevoegd' },
        { id: 'x3', action: 'verwijderd', point: 'p', by: 'Oud', at: '2020-01-01T00:00:00.000Z' },
      ]);
    expect(readActivity(doc)).toEqual([
      expect.objectContaining({
        id: 'x3',
        title: '',
        fields: [],
        after: [],
        sentence: 'Oud verwijderde ""',
      }),
    ]);
  });
});

describe('restorePoint', () => {
  it('brings a deleted point back with its data and history entry', () => {
    minute = 0;
    const doc = new Y.Doc();
    const id = addPoint(doc, speeltuin, at('Anna'));
    deletePoint(doc, id, at('Bram'));
    expect(readKernagenda(doc).points).toEqual([]);
    restorePoint(doc, id, at('Fatima'));
    expect(readKernagenda(doc).points[0]).toMatchObject({
      id,
      title: 'Speeltuin',
      description: 'Een geheime tekst',
      budget: { amountCents: 120000 },
      updatedBy: 'Fatima',
    });
    let updates = 0;
    doc.on('update', () => updates++);
    restorePoint(doc, id, at('Fatima')); // live already
    expect(updates).toBe(0);
    expect(() => restorePoint(doc, 'bestaat-niet', at('Fatima'))).toThrow(ValidationError);
    expect(() => restorePoint(doc, id, { ...at('Fatima'), now: 'gisteren' })).toThrow(TypeError);
  });
});

describe('changedSince', () => {
  it('names the points changed after a visit, newest first, optionally not one’s own', () => {
    minute = 0;
    const doc = new Y.Doc();
    const old = addPoint(doc, speeltuin, at('Anna'));
    const gone = addPoint(doc, { ...speeltuin, title: 'Weg' }, at('Anna'));
    const visit = at('-').now;
    const fresh = addPoint(doc, { ...speeltuin, title: 'Nieuw' }, at('Bram'));
    deletePoint(doc, gone, at('Anna'));
    expect(changedSince(doc, visit)).toEqual([gone, fresh]);
    expect(changedSince(doc, visit, 'Anna')).toEqual([fresh]);
    expect(changedSince(doc, at('-').now)).toEqual([]);
    noteDescriptionEdit(doc, old, at('Bram'));
    expect(changedSince(doc, visit, 'Anna')).toEqual([old, fresh]);
    expect(readActivity(doc)[0]!.sentence).toBe('Bram wijzigde de beschrijving van "Speeltuin"');
  });

  it('also sees edits from versions that did not log (by updatedAt)', () => {
    minute = 0;
    const doc = new Y.Doc();
    const id = addPoint(doc, speeltuin, at('Anna'));
    const visit = at('-').now;
    doc.getArray('activity').delete(0, doc.getArray('activity').length);
    const map = doc.getMap('points').get(id) as Y.Map<unknown>;
    map.set('updatedAt', '2026-05-01T11:00:00.000Z');
    map.set('updatedBy', 'Oude app');
    expect(changedSince(doc, visit)).toEqual([id]);
    expect(changedSince(doc, visit, 'Oude app')).toEqual([]);
  });
});

describe('a long history', () => {
  const stamp = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
  const write = (doc: Y.Doc, id: string, i: number, actor: string) =>
    updatePoint(doc, id, { title: `Speeltuin ${i}` }, { actor, now: stamp(i), config });

  it(`keeps the latest ${activityLimit} entries, so the log stays small`, () => {
    const doc = new Y.Doc();
    const id = addPoint(doc, speeltuin, { actor: 'Anna', now: stamp(0), config });
    for (let i = 1; i <= activityLimit + 100; i++) write(doc, id, i, 'Anna');
    const log = readActivity(doc, { config });
    expect(log).toHaveLength(activityLimit);
    expect(log.map((e) => e.title)).toContain(`Speeltuin ${activityLimit + 100}`);
    expect(log.map((e) => e.title)).not.toContain('Speeltuin 100');
    // What was trimmed costs almost nothing: well under 200 bytes per remaining entry.
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeLessThan(activityLimit * 400);
  });

  it('converges when two devices trim at the same time', () => {
    const a = new Y.Doc();
    const id = addPoint(a, speeltuin, { actor: 'Anna', now: stamp(0), config });
    for (let i = 1; i < activityLimit; i++) write(a, id, i, 'Anna');
    const b = fork(a);
    for (let i = 0; i < 20; i++) {
      write(a, id, 1000 + i, 'Anna');
      write(b, id, 2000 + i, 'Bram');
    }
    sync(a, b);
    const ids = (doc: Y.Doc) => readActivity(doc, { config }).map((e) => e.id);
    expect(ids(a)).toEqual(ids(b));
    expect(ids(a).length).toBeLessThanOrEqual(activityLimit + 20);
    expect(ids(a).length).toBeGreaterThanOrEqual(activityLimit);
  });
});
