/**
 * Versions of a kernagenda: marking, reading read-only copies, names, the diff between two
 * versions or a version and the live agenda, and versions marked on two offline devices.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPoint,
  clearExample,
  deletePoint,
  descriptionText,
  markExample,
  readKernagenda,
  restorePoint,
  setYearBudget,
  updatePoint,
  ValidationError,
  type EditContext,
  type PointInput,
} from '../../src/model/kernagenda';
import {
  diffVersions,
  listVersions,
  markVersion,
  readVersion,
  validateVersionName,
  versionNameLimit,
} from '../../src/model/versions';
import { budgetFigures } from '../../src/model/budget';
import { createUndo } from '../../src/model/undo';
import { westBetuwe as config } from './support/config';
import { fork, sync } from './support/replicas';

let minute = 0;
const at = (actor = 'Anna', origin?: unknown): EditContext => ({
  actor,
  now: `2026-05-01T10:${String(minute++).padStart(2, '0')}:00.000Z`,
  config,
  origin,
});
const input = (title: string, over: Partial<PointInput> = {}): PointInput => ({
  title,
  theme: 'voorzieningen',
  owner: 'inwoners',
  status: 'idee',
  ...over,
});
const request = (amountCents: number, year = 2026, kind: 'nieuw' | 'bestaand' = 'nieuw') => ({
  budget: { year, amountCents, kind },
});

function refusal(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return { ...(e as ValidationError).fieldErrors };
  }
  throw new Error('expected a ValidationError');
}

/** An agenda with three points (one deleted) and a year budget. */
function agenda() {
  minute = 0;
  const doc = new Y.Doc();
  const bankjes = addPoint(doc, input('Bankjes', request(80000)), at());
  const speeltuin = addPoint(
    doc,
    input('Speeltuin', { description: 'Met een glijbaan', ...request(150000) }),
    at(),
  );
  const weg = addPoint(doc, input('Weg'), at());
  deletePoint(doc, weg, at());
  setYearBudget(doc, 2026, 450000, at());
  return { doc, bankjes, speeltuin, weg };
}

describe('markVersion and listVersions', () => {
  it('stores the live agenda under a name, in one update, and lists versions newest first', () => {
    const { doc } = agenda();
    let updates = 0;
    doc.on('update', () => updates++);
    const first = markVersion(doc, '  Kernagenda Beesd,\n voorjaar 2026 ', at('Anna'));
    const second = markVersion(doc, 'Kernagenda Beesd, najaar 2026', at('Bram'));
    expect(updates).toBe(2);
    expect(listVersions(doc)).toEqual([
      {
        id: second,
        name: 'Kernagenda Beesd, najaar 2026',
        at: '2026-05-01T10:06:00.000Z',
        by: 'Bram',
        pointCount: 2,
      },
      {
        id: first,
        name: 'Kernagenda Beesd, voorjaar 2026',
        at: '2026-05-01T10:05:00.000Z',
        by: 'Anna',
        pointCount: 2,
      },
    ]);
    expect(Object.isFrozen(listVersions(doc))).toBe(true);
    expect(listVersions(new Y.Doc())).toEqual([]);
  });

  it('refuses a bad name with a Dutch message and writes nothing', () => {
    const { doc } = agenda();
    markVersion(doc, 'Voorjaar 2026', at());
    let updates = 0;
    doc.on('update', () => updates++);
    expect(refusal(() => markVersion(doc, '   ', at()))).toEqual({
      name: 'Geef de versie een naam.',
    });
    expect(refusal(() => markVersion(doc, 'x'.repeat(versionNameLimit + 1), at()))).toEqual({
      name: 'Maak de naam korter: ten hoogste 120 tekens.',
    });
    expect(refusal(() => markVersion(doc, ' voorjaar  2026', at()))).toEqual({
      name: 'Er is al een versie met de naam "voorjaar 2026". Kies een andere naam.',
    });
    expect(refusal(() => markVersion(doc, 42 as unknown as string, at()))).toEqual({
      name: 'Geef de versie een naam.',
    });
    expect(() => markVersion(doc, 'Najaar', { ...at(), now: 'vandaag' })).toThrow(TypeError);
    expect(updates).toBe(0);
    expect(validateVersionName('x'.repeat(versionNameLimit))).toEqual({});
    expect(validateVersionName('Najaar 2026', ['Voorjaar 2026'])).toEqual({});
  });
});

describe('readVersion', () => {
  it('reads a version as the agenda was, leaving out deleted points', () => {
    const { doc, weg } = agenda();
    const live = readKernagenda(doc);
    const id = markVersion(doc, 'Voorjaar 2026', at());
    const version = readVersion(doc, id)!;
    expect(version).toEqual({ ...live, example: false });
    expect(version.points.map((p) => p.id)).not.toContain(weg);
    expect(Object.isFrozen(version)).toBe(true);
    expect(Object.isFrozen(version.points[0])).toBe(true);
    expect(budgetFigures(version, config, 2026)).toMatchObject({
      budgetCents: 450000,
      requestedCents: 230000,
    });
    expect(readVersion(doc, 'bestaat-niet')).toBeNull();
  });

  it('keeps the example flag of a demo agenda', () => {
    const { doc } = agenda();
    markExample(doc);
    const id = markVersion(doc, 'Voorbeeld', at());
    clearExample(doc, at());
    expect(readVersion(doc, id)!.example).toBe(true);
    expect(readKernagenda(doc).example).toBe(false);
  });

  it('never changes when the live agenda changes: edits, typing, deletes, undo, budgets', () => {
    const ANNA = { person: 'anna' };
    const { doc, bankjes, speeltuin, weg } = agenda();
    const undo = createUndo(doc, ANNA);
    updatePoint(doc, bankjes, { status: 'in-uitvoering' }, at('Anna', ANNA));
    const id = markVersion(doc, 'Voorjaar 2026', at('Anna', ANNA));
    const before = readVersion(doc, id);
    const stored = JSON.stringify(doc.getMap('versions').toJSON());

    updatePoint(doc, bankjes, { title: 'Bankjes bij de kerk', ...request(90000) }, at());
    descriptionText(doc, speeltuin)!.insert(0, 'Nieuw: ');
    deletePoint(doc, speeltuin, at());
    addPoint(doc, input('Jeu-de-boulesbaan'), at());
    setYearBudget(doc, 2026, 600000, at());
    // Mutating what a read returned cannot reach the version either.
    expect(() => {
      (readVersion(doc, id)!.points as unknown as unknown[]).pop();
    }).toThrow(TypeError);
    undo.undo(); // Anna's last step was the status change, before the version was marked
    expect(readKernagenda(doc).points[0]!.status).toBe('idee');

    expect(readVersion(doc, id)).toEqual(before);
    expect(readVersion(doc, id)!.points.map((p) => [p.title, p.status, p.description])).toEqual([
      ['Bankjes', 'in-uitvoering', ''],
      ['Speeltuin', 'idee', 'Met een glijbaan'],
    ]);
    expect(JSON.stringify(doc.getMap('versions').toJSON())).toBe(stored);
    expect(readVersion(doc, id)!.points.map((p) => p.id)).not.toContain(weg);
    // And on another device that receives the document.
    const other = fork(doc);
    expect(readVersion(other, id)).toEqual(before);
  });

  it('keeps fields of a newer version in the copy and reads bad stored data with defaults', () => {
    const { doc, bankjes } = agenda();
    (doc.getMap('points').get(bankjes) as Y.Map<unknown>).set('priority', 'hoog');
    const id = markVersion(doc, 'Met extra veld', at());
    const raw = doc.getMap('versions').get(id) as { points: Record<string, unknown> };
    expect(raw.points[bankjes]).toMatchObject({ priority: 'hoog', title: 'Bankjes' });

    const versions = doc.getMap<unknown>('versions');
    versions.set('kapot', 'geen versie');
    versions.set('zonder-naam', { at: '2026-01-01T00:00:00.000Z', points: {} });
    versions.set('rommel', {
      name: 'Rommel',
      at: 'gisteren',
      by: 7,
      points: { p1: { title: 'Oud punt', status: 'gepauzeerd', budgetCents: -5 }, p2: 'x' },
      budgets: { 2026: 'veel', '02026': 100, 2027: 300000 },
    });
    expect(listVersions(doc).map((v) => v.name)).toEqual(['Met extra veld', 'Rommel']);
    expect(listVersions(doc)[1]).toMatchObject({ at: '', by: '', pointCount: 2 });
    const rommel = readVersion(doc, 'rommel')!;
    expect(rommel.points.find((p) => p.id === 'p1')).toMatchObject({
      title: 'Oud punt',
      status: 'idee',
      owner: 'samen',
      budget: null,
    });
    expect(rommel.yearBudgets).toEqual({ 2027: 300000 });
    expect(readVersion(doc, 'kapot')).toBeNull();
    expect(readVersion(doc, 'zonder-naam')).toBeNull();
  });
});

describe('diffVersions', () => {
  it('names what was added, removed, and what changed in status, amounts and fields', () => {
    const { doc, bankjes, speeltuin } = agenda();
    const gratis = addPoint(doc, input('Gratis', { contact: 'Piet' }), at());
    const voorjaar = markVersion(doc, 'Voorjaar 2026', at());
    updatePoint(doc, bankjes, { status: 'gerealiseerd', ...request(95000) }, at());
    updatePoint(doc, speeltuin, { budget: null, owner: 'gemeente' }, at());
    updatePoint(
      doc,
      gratis,
      { title: 'Bijna gratis', contact: '', theme: 'economie', ...request(5000, 2027) },
      at(),
    );
    deletePoint(doc, speeltuin, at());
    const nieuw = addPoint(doc, input('Jeu-de-boulesbaan', request(20000)), at());
    setYearBudget(doc, 2026, 500000, at());
    setYearBudget(doc, 2027, 400000, at());
    const najaar = markVersion(doc, 'Najaar 2026', at());

    const diff = diffVersions(readVersion(doc, voorjaar)!, readVersion(doc, najaar)!, config);
    expect(diff.added.map((c) => [c.id, c.point.title])).toEqual([[nieuw, 'Jeu-de-boulesbaan']]);
    expect(diff.removed.map((c) => [c.id, c.point.budget?.amountCents])).toEqual([
      [speeltuin, 150000],
    ]);
    expect(diff.statusChanges).toEqual([
      expect.objectContaining({ id: bankjes, from: 'idee', to: 'gerealiseerd' }),
    ]);
    expect(diff.amountChanges.map((c) => [c.id, c.from, c.to])).toEqual([
      [bankjes, 80000, 95000],
      [gratis, null, 5000],
    ]);
    expect(diff.fieldChanges.map((c) => [c.field, c.from, c.to])).toEqual([
      ['title', 'Gratis', 'Bijna gratis'],
      ['theme', 'voorzieningen', 'economie'],
      ['contact', 'Piet', ''],
    ]);
    expect(diff.budgetChanges.map((c) => [c.year, c.from, c.to])).toEqual([
      [2026, 450000, 500000],
      [2027, null, 400000],
    ]);
    expect(diff.messages).toEqual([
      '"Jeu-de-boulesbaan" is toegevoegd.',
      '"Speeltuin" is verwijderd.',
      'De status van "Bankjes" is nu Gerealiseerd (was Idee).',
      'Het bedrag van "Bankjes" is nu € 950 (was € 800).',
      '"Bijna gratis" vraagt nu € 50 uit het budget.',
      'De titel "Gratis" is nu "Bijna gratis".',
      'Het thema van "Bijna gratis" is nu Economie (was Voorzieningen).',
      'De contactpersoon van "Bijna gratis" is nu geen (was Piet).',
      'Het budget voor 2026 is nu € 5.000 (was € 4.500).',
      'Het budget voor 2027 is nu € 4.000.',
    ]);
    expect(Object.isFrozen(diff.amountChanges)).toBe(true);
    expect(Object.isFrozen(diff.amountChanges[0])).toBe(true);
    expect(diffVersions(readVersion(doc, najaar)!, readVersion(doc, najaar)!).messages).toEqual([]);
  });

  it('compares a version with the live agenda: removed requests, year and kind, descriptions', () => {
    const { doc, bankjes, speeltuin } = agenda();
    const id = markVersion(doc, 'Voorjaar 2026', at());
    updatePoint(doc, bankjes, { budget: null }, at());
    updatePoint(doc, speeltuin, { ...request(150000, 2027, 'bestaand') }, at());
    descriptionText(doc, speeltuin)!.insert(0, 'Groot: ');
    const diff = diffVersions(readVersion(doc, id)!, readKernagenda(doc), config);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.messages).toEqual([
      '"Bankjes" vraagt geen geld meer (was € 800).',
      'De beschrijving van "Speeltuin" is veranderd.',
      'Het jaar van de aanvraag van "Speeltuin" is nu 2027 (was 2026).',
      'De soort aanvraag van "Speeltuin" is nu Bestaande activiteit (was Nieuw initiatief).',
    ]);
    // The other way round reads as undoing it all.
    expect(diffVersions(readKernagenda(doc), readVersion(doc, id)!).amountChanges).toEqual([
      expect.objectContaining({ id: bankjes, from: null, to: 80000 }),
    ]);
  });

  it('sees a point deleted and restored in between as unchanged, and a budget no longer set', () => {
    const { doc, bankjes } = agenda();
    const id = markVersion(doc, 'Voorjaar 2026', at());
    deletePoint(doc, bankjes, at());
    const deleted = readKernagenda(doc);
    expect(diffVersions(readVersion(doc, id)!, deleted).messages).toEqual([
      '"Bankjes" is verwijderd.',
    ]);
    restorePoint(doc, bankjes, at());
    expect(diffVersions(readVersion(doc, id)!, readKernagenda(doc)).messages).toEqual([]);
    const older = { ...deleted, yearBudgets: {} };
    expect(diffVersions(readVersion(doc, id)!, older).budgetChanges).toEqual([
      {
        year: 2026,
        from: 450000,
        to: null,
        message: 'Het budget voor 2026 is niet meer vastgesteld (was € 4.500).',
      },
    ]);
  });
});

describe('versions on two offline devices', () => {
  it('keeps both versions, each with its own device’s agenda, in both merge orders', () => {
    const { doc: base, bankjes } = agenda();
    const [a, b] = [fork(base), fork(base)];
    updatePoint(a, bankjes, { status: 'in-uitvoering' }, at('Anna'));
    const fromA = markVersion(a, 'Voorjaar 2026', at('Anna'));
    addPoint(b, input('Jeu-de-boulesbaan'), at('Bram'));
    const fromB = markVersion(b, 'Voorjaar 2026', at('Bram')); // same name: both are kept
    const stateBefore = Y.encodeStateVector(base);
    const updates = [a, b].map((d) => Y.encodeStateAsUpdate(d, stateBefore));
    const [ab, ba] = [fork(base), fork(base)];
    Y.applyUpdate(ab, updates[0]!);
    Y.applyUpdate(ab, updates[1]!);
    Y.applyUpdate(ba, updates[1]!);
    Y.applyUpdate(ba, updates[0]!);
    sync(a, b);
    for (const doc of [ab, ba, a, b]) {
      expect(listVersions(doc)).toEqual(listVersions(ab));
      expect(listVersions(doc).map((v) => [v.id, v.by])).toEqual([
        [fromB, 'Bram'],
        [fromA, 'Anna'],
      ]);
      expect(readVersion(doc, fromA)!.points.map((p) => p.status)).toEqual([
        'in-uitvoering',
        'idee',
      ]);
      expect(readVersion(doc, fromB)!.points.map((p) => p.title)).toEqual([
        'Bankjes',
        'Speeltuin',
        'Jeu-de-boulesbaan',
      ]);
    }
    const diff = diffVersions(readVersion(ab, fromA)!, readVersion(ab, fromB)!);
    expect(diff.messages).toEqual([
      '"Jeu-de-boulesbaan" is toegevoegd.',
      'De status van "Bankjes" is nu Idee (was In uitvoering).',
    ]);
  });
});
