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
