// A kernagenda written by a newer Kernplein opens in this version without losing what it
// cannot show: read-time defaults for unknown values, and unknown fields and maps are kept
// through this version's edits. The fixture (tests/fixtures/kernagenda-newer-version.bin)
// holds one point with an extra field `priority`, an unknown status 'gepauzeerd', an extra
// budget field `budgetCofunding`, and an extra top-level map `ideaLinks`; it is made by
// scripts/make-newer-version-fixture.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseGemeenteConfig } from '../../src/config/gemeente';
import { budgetFigures } from '../../src/model/budget';
import {
  addReaction,
  ideasOf,
  reactionsOf,
  readIdeas,
  setSupport,
  updateIdea,
} from '../../src/model/ideas';
import { deletePoint, readKernagenda, updatePoint } from '../../src/model/kernagenda';

const config = parseGemeenteConfig(
  JSON.parse(
    readFileSync(new URL('../../src/config/gemeenten/west-betuwe.json', import.meta.url), 'utf8'),
  ),
);
const fixture = readFileSync(new URL('../fixtures/kernagenda-newer-version.bin', import.meta.url));
const ctx = { actor: 'Anna', now: '2026-12-04T10:00:00.000Z', config };

function open(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(fixture));
  return doc;
}

const raw = (doc: Y.Doc) => (doc.getMap('points').get('nieuwerpunt01') as Y.Map<unknown>).toJSON();

describe('a document from a newer version', () => {
  it('reads with defaults for what this version does not know', () => {
    const agenda = readKernagenda(open());
    expect(agenda.points).toHaveLength(1);
    expect(agenda.points[0]).toMatchObject({
      title: 'Speelbos bij de school',
      status: 'idee',
      budget: { year: 2027, amountCents: 150000, kind: 'nieuw' },
    });
    expect(budgetFigures(agenda, config, 2027).requestedCents).toBe(150000);
  });

  it('keeps unknown fields, values and maps through edits made here', () => {
    const doc = open();
    updatePoint(doc, 'nieuwerpunt01', { title: 'Speelbos bij de basisschool' }, ctx);
    updatePoint(
      doc,
      'nieuwerpunt01',
      { budget: { year: 2027, amountCents: 175000, kind: 'nieuw' } },
      ctx,
    );
    // What travels to a newer device: everything it wrote is still there.
    const roundTrip = new Y.Doc();
    Y.applyUpdate(roundTrip, Y.encodeStateAsUpdate(doc));
    expect(raw(roundTrip)).toMatchObject({
      title: 'Speelbos bij de basisschool',
      budgetCents: 175000,
      status: 'gepauzeerd',
      priority: 'hoog',
      budgetCofunding: 'provincie',
    });
    expect(roundTrip.getMap('ideaLinks').toJSON()).toEqual({ nieuwerpunt01: 'idee-42' });
  });

  it('a deletion here is a tombstone, so the newer fields stay restorable', () => {
    const doc = open();
    deletePoint(doc, 'nieuwerpunt01', ctx);
    expect(readKernagenda(doc).points).toHaveLength(0);
    expect(raw(doc)).toMatchObject({ priority: 'hoog', status: 'gepauzeerd', deletedBy: 'Anna' });
  });
});

// The ideas board, written by a newer Kernplein (its relay knows the new shapes: the relay and
// the PWA ship together) and opened by a device that still runs this version: an idea with a
// field this version does not know (`photoId`), a category it does not know, a reaction with
// an extra field, and a top-level map it does not know (`polls`). Made here with plain Yjs, as
// a newer version's code would write it.
describe('an ideas board from a newer version', () => {
  const resident = (id: string) => ({
    id,
    name: id,
    role: 'bewoner' as const,
    now: ctx.now,
    config,
  });
  const ans = resident('ans');
  const bram = resident('bram');

  /** A flat Y.Map of `fields`, as the newer version stores an entry. */
  function entry(fields: Record<string, unknown>): Y.Map<unknown> {
    const map = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(fields)) map.set(key, value);
    return map;
  }

  function newerBoard(): Y.Doc {
    const doc = new Y.Doc();
    doc.transact(() => {
      ideasOf(doc).set(
        'idee-nieuw',
        entry({
          authorId: 'ans',
          authorName: 'Ans',
          title: 'Zonnepanelen op het dorpshuis',
          text: 'Samen stroom maken.',
          category: 'energie-en-klimaat',
          createdAt: '2026-11-01T10:00:00.000Z',
          updatedAt: '2026-11-01T10:00:00.000Z',
          photoId: 'foto-7',
        }),
      );
      reactionsOf(doc).set(
        'reactie-nieuw',
        entry({
          ideaId: 'idee-nieuw',
          authorId: 'bram',
          authorName: 'Bram',
          text: 'Goed plan!',
          createdAt: '2026-11-02T10:00:00.000Z',
          mood: 'blij',
        }),
      );
      doc.getMap('polls').set('poll-1', 'Welk dak?');
    });
    // What this device receives: the update, not the newer version's objects.
    const received = new Y.Doc();
    Y.applyUpdate(received, Y.encodeStateAsUpdate(doc));
    return received;
  }

  const rawIdea = (doc: Y.Doc) => (ideasOf(doc).get('idee-nieuw') as Y.Map<unknown>).toJSON();

  it('reads what it knows, with the unknown category as it is', () => {
    const [idea] = readIdeas(newerBoard());
    expect(idea).toMatchObject({
      title: 'Zonnepanelen op het dorpshuis',
      category: 'energie-en-klimaat',
      costCents: null,
      withdrawn: false,
    });
    expect(idea!.reactions.map((r) => r.text)).toEqual(['Goed plan!']);
  });

  it("keeps the newer fields and maps through this version's edits", () => {
    const doc = newerBoard();
    updateIdea(doc, 'idee-nieuw', { title: 'Zonnepanelen op het dak van het dorpshuis' }, ans);
    setSupport(doc, 'idee-nieuw', true, bram);
    addReaction(doc, 'idee-nieuw', 'Ik help mee.', bram);
    const roundTrip = new Y.Doc();
    Y.applyUpdate(roundTrip, Y.encodeStateAsUpdate(doc));
    expect(rawIdea(roundTrip)).toMatchObject({
      title: 'Zonnepanelen op het dak van het dorpshuis',
      category: 'energie-en-klimaat',
      photoId: 'foto-7',
    });
    expect((reactionsOf(roundTrip).get('reactie-nieuw') as Y.Map<unknown>).get('mood')).toBe(
      'blij',
    );
    expect(roundTrip.getMap('polls').toJSON()).toEqual({ 'poll-1': 'Welk dak?' });
    expect(readIdeas(roundTrip)[0]).toMatchObject({ support: 1 });
  });
});
