/**
 * The offline search (src/search/index.ts): Dutch folding, light stemming, entries built
 * from real plein, kernagenda and ideas documents, ranked queries (every word must match,
 * title above text), the same answers from an inverted index and from a plain list (as a
 * Dexie table returns it), and the difference to write when a document changes.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addIdea, readIdeas } from '../../src/model/ideas';
import { addProject, readProjects } from '../../src/model/inspiration';
import {
  addPoint,
  deletePoint,
  readKernagenda,
  updatePoint,
  type PointInput,
} from '../../src/model/kernagenda';
import {
  buildEntries,
  diffEntries,
  foldDutch,
  indexEntries,
  query,
  sourceName,
  stems,
  tokenize,
  type SearchEntry,
} from '../../src/search/index';
import { westBetuwe as config } from './support/config';

const ctx = { actor: 'Piet', now: '2026-03-01T10:00:00.000Z', config };
const resident = { id: 'ans', name: 'Ans', role: 'bewoner', now: ctx.now, config } as const;

const point = (title: string, description = '', theme = 'voorzieningen'): PointInput => ({
  title,
  description,
  theme,
  owner: 'inwoners',
  status: 'idee',
});

function world() {
  const plein = new Y.Doc();
  addProject(
    plein,
    {
      kern: 'beesd',
      title: 'Nieuwe speeltuinen bij de school',
      theme: 'sport-cultuur-en-recreatie',
      status: 'gerealiseerd',
      realisedIn: 2025,
      description: 'Twee speeltoestellen en bankjes.',
      needs: [{ kind: 'vergunning', text: 'Omgevingsvergunning voor het hek' }],
    },
    ctx,
  );
  addProject(
    plein,
    {
      kern: 'tuil',
      title: 'Ĳsbaan op het veld',
      theme: 'sport-cultuur-en-recreatie',
      status: 'gepland',
    },
    { ...ctx, now: '2026-02-01T10:00:00.000Z' },
  );
  const agenda = new Y.Doc();
  const cafe = addPoint(
    agenda,
    point('Dorpscafe open houden', 'Het café is de huiskamer.', 'economie'),
    ctx,
  );
  const playground = addPoint(agenda, point('Speeltuin Heukelum', 'Een plek om te spelen.'), ctx);
  const benches = addPoint(agenda, point('Meer zitplekken', 'Bij de speeltuin en de kerk.'), ctx);
  const ideas = new Y.Doc();
  addIdea(
    ideas,
    {
      title: 'IJsbaan in de winter',
      text: 'Op het grasveld.',
      category: 'sport-cultuur-en-recreatie',
    },
    resident,
  );
  const entries = [
    ...buildEntries({ kind: 'plein', projects: readProjects(plein) }),
    ...buildEntries({ kind: 'agenda', kern: 'heukelum', agenda: readKernagenda(agenda) }),
    ...buildEntries({ kind: 'ideeen', kern: 'asperen', ideas: readIdeas(ideas) }),
  ];
  return { entries, agenda, ids: { cafe, playground, benches } };
}

const titles = (list: { title: string }[]) => list.map((r) => r.title);

describe('Dutch folding and stemming', () => {
  it('folds case, accents and the ĳ ligature, and keeps digits', () => {
    expect(foldDutch('Café')).toBe('cafe');
    expect(foldDutch('Ĳsbaan')).toBe('ijsbaan');
    expect(foldDutch('ĳsbaan')).toBe('ijsbaan');
    expect(foldDutch('Geëvalueerd, naïef, crème')).toBe('geevalueerd, naief, creme');
    expect(foldDutch('Straße 12')).toBe('straße 12');
    expect(tokenize("De auto's van Café-Zaal 2026!")).toEqual([
      'de',
      'autos',
      'van',
      'cafe',
      'zaal',
      '2026',
    ]);
  });

  it('gives plural and diminutive words their stems', () => {
    const has = (word: string, stem: string) => expect(stems(word)).toContain(stem);
    has('speeltuinen', 'speeltuin');
    has('straten', 'straat');
    has('bussen', 'bus');
    has('huizen', 'huis');
    has('kinderen', 'kind');
    has('tafels', 'tafel');
    has('autos', 'auto');
    has('bankjes', 'bank');
    has('tuintje', 'tuin');
    has('kastje', 'kast');
    has('boompje', 'boom');
    has('ideeen', 'idee');
    expect(stems('bus')).toEqual(['bus']);
    expect(stems('2026')).toEqual(['2026']);
  });
});

describe('building and querying the index', () => {
  it('makes one entry per item, with a stable key and its source room', () => {
    const { entries, ids } = world();
    expect(entries.map((e) => [e.kind, e.kern, e.source])).toEqual([
      ['project', 'beesd', 'plein/inspiratie'],
      ['project', 'tuil', 'plein/inspiratie'],
      ['punt', 'heukelum', 'kern/heukelum/agenda'],
      ['punt', 'heukelum', 'kern/heukelum/agenda'],
      ['punt', 'heukelum', 'kern/heukelum/agenda'],
      ['idee', 'asperen', 'kern/asperen/ideeen'],
    ]);
    expect(entries.find((e) => e.id === ids.cafe)!.key).toBe(`punt:heukelum:${ids.cafe}`);
    expect(entries[0]!.terms).toContain('speeltuin');
    expect(entries[0]!.terms).not.toContain('de');
    expect(sourceName({ kind: 'ideeen', kern: 'beesd', ideas: [] })).toBe('kern/beesd/ideeen');
  });

  for (const [how, make] of [
    ['an inverted index', (e: SearchEntry[]) => indexEntries(e)],
    ['a plain list of entries', (e: SearchEntry[]) => e],
  ] as const)
    it(`finds Dutch words by stem and prefix, from ${how}`, () => {
      const source = make(world().entries);
      // Singular finds plural and back; title matches rank above the text match, and
      // equal scores go by title.
      const both = ['Nieuwe speeltuinen bij de school', 'Speeltuin Heukelum', 'Meer zitplekken'];
      expect(titles(query(source, 'Speeltuin'))).toEqual(both);
      expect(titles(query(source, 'speeltuinen'))).toEqual(both);
      expect(titles(query(source, 'speel'))).toHaveLength(3);
      expect(titles(query(source, 'café'))).toEqual(['Dorpscafe open houden']);
      expect(titles(query(source, 'CAFE'))).toEqual(['Dorpscafe open houden']);
      expect(titles(query(source, 'Ĳsbaan'))).toEqual([
        'IJsbaan in de winter',
        'Ĳsbaan op het veld',
      ]);
      expect(titles(query(source, 'ijsbaan'))).toEqual([
        'IJsbaan in de winter',
        'Ĳsbaan op het veld',
      ]);
      expect(titles(query(source, 'bankje'))).toEqual(['Nieuwe speeltuinen bij de school']);
      expect(titles(query(source, 'omgevingsvergunningen'))).toEqual([
        'Nieuwe speeltuinen bij de school',
      ]);
      // Every word must match; common words are ignored.
      expect(titles(query(source, 'speeltuin in beesd'))).toEqual([
        'Nieuwe speeltuinen bij de school',
      ]);
      expect(titles(query(source, 'speeltuin ijsbaan'))).toEqual([]);
      expect(
        query(source, 'speeltuin', { kind: 'punt', kern: 'heukelum' }).map((r) => r.kind),
      ).toEqual(['punt', 'punt']);
      expect(query(source, 'speeltuin', { limit: 1 })).toHaveLength(1);
      expect(query(source, '  ')).toEqual([]);
      expect(query(source, 'zwembad')).toEqual([]);
    });
});

describe('keeping the index up to date', () => {
  it('writes only what changed when a document changes', () => {
    const { agenda, ids } = world();
    const build = () =>
      buildEntries({ kind: 'agenda', kern: 'heukelum', agenda: readKernagenda(agenda) });
    const stored = build();
    expect(diffEntries(stored, build())).toEqual({ put: [], remove: [] });
    updatePoint(agenda, ids.playground, { title: 'Speeltuin en trapveld' }, ctx);
    deletePoint(agenda, ids.cafe, ctx);
    const fresh = build();
    const { put, remove } = diffEntries(stored, fresh);
    expect(put.map((e) => e.title)).toEqual(['Speeltuin en trapveld']);
    expect(remove).toEqual([`punt:heukelum:${ids.cafe}`]);
    // The kept entries now answer the new title, and the deleted point is gone.
    const kept = [
      ...stored.filter((e) => !remove.includes(e.key) && !put.some((p) => p.key === e.key)),
      ...put,
    ];
    expect(titles(query(kept, 'trapveld'))).toEqual(['Speeltuin en trapveld']);
    expect(query(kept, 'cafe')).toEqual([]);
  });
});
