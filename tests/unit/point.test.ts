import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readKernagenda, validatePointInput, type PointInput } from '../../src/model/kernagenda';
import { proef, westBetuwe as config } from './support/config';

const input = (over: Partial<PointInput> = {}): PointInput => ({
  title: 'Speeltuin bij de school',
  theme: 'sport-cultuur-en-recreatie',
  owner: 'inwoners',
  status: 'idee',
  ...over,
});

describe('validatePointInput', () => {
  const errors = (over: Partial<PointInput>) => validatePointInput(input(over), config);

  it('accepts a valid point, with or without budget', () => {
    expect(errors({})).toEqual({});
    expect(errors({ budget: null })).toEqual({});
    expect(errors({ budget: { year: 2100, amountCents: 0, kind: 'bestaand' } })).toEqual({});
    expect(errors({ title: 'x'.repeat(120) })).toEqual({});
  });

  it.each<[Partial<PointInput>, string, string]>([
    [{ title: '' }, 'title', 'Vul een titel in.'],
    [{ title: 'x'.repeat(121) }, 'title', 'Maak de titel korter: ten hoogste 120 tekens.'],
    [{ title: 42 as never }, 'title', 'Vul een titel in.'],
    [
      { description: 'x'.repeat(2001) },
      'description',
      'Maak de beschrijving korter: ten hoogste 2000 tekens.',
    ],
    [{ description: 7 as never }, 'description', 'Vul een beschrijving in als tekst.'],
    [
      { contact: 'x'.repeat(101) },
      'contact',
      'Maak de contactpersoon korter: ten hoogste 100 tekens.',
    ],
    [{ contact: {} as never }, 'contact', 'Vul de contactpersoon in als tekst.'],
    [{ theme: '' }, 'theme', 'Kies een thema.'],
    [{ theme: 'groen' }, 'theme', 'Kies een thema uit de lijst.'],
    [{ owner: 'Gemeente' as never }, 'owner', 'Kies wie dit punt oppakt.'],
    [{ status: undefined as never }, 'status', 'Kies een status.'],
    [
      { budget: { year: 2026, amountCents: 10.5, kind: 'nieuw' } },
      'amount',
      'Vul een geldig bedrag in: 0 euro of meer, in hele centen.',
    ],
    [
      { budget: { year: 2026, amountCents: Number.NaN, kind: 'nieuw' } },
      'amount',
      'Vul een geldig bedrag in: 0 euro of meer, in hele centen.',
    ],
    [
      { budget: { year: 2026, amountCents: '100' as never, kind: 'nieuw' } },
      'amount',
      'Vul een geldig bedrag in: 0 euro of meer, in hele centen.',
    ],
    [
      { budget: 'veel' as never },
      'amount',
      'Vul een geldig bedrag in: 0 euro of meer, in hele centen.',
    ],
    [
      { budget: { year: 2101, amountCents: 1, kind: 'nieuw' } },
      'year',
      'Kies een jaar tussen 2000 en 2100.',
    ],
    [
      { budget: { year: 2026.5, amountCents: 1, kind: 'nieuw' } },
      'year',
      'Kies een jaar tussen 2000 en 2100.',
    ],
    [
      { budget: { year: 2026, amountCents: 1, kind: undefined as never } },
      'kind',
      'Kies of het een nieuw initiatief of een bestaande activiteit is.',
    ],
  ])('%j -> %s', (over, field, message) => {
    expect(errors(over)).toEqual({ [field]: message });
  });

  it('uses the themes of the configuration it is given', () => {
    expect(validatePointInput(input({ theme: 'groen' }), proef)).toEqual({});
  });
});

describe('read-time defaults', () => {
  it('reads a point with missing or unknown fields as defaults', () => {
    const doc = new Y.Doc();
    const map = new Y.Map<unknown>();
    doc.getMap('points').set('oud', map);
    map.set('title', 'Van een oudere versie');
    map.set('owner', 'iemand');
    map.set('budgetCents', 100); // half a request: no year, no kind
    expect(readKernagenda(doc).points[0]).toEqual({
      id: 'oud',
      title: 'Van een oudere versie',
      description: '',
      theme: '',
      owner: 'samen',
      status: 'idee',
      contact: '',
      budget: null,
      createdAt: '',
      createdBy: '',
      updatedAt: '',
      updatedBy: '',
    });
  });
});
