import { describe, expect, it } from 'vitest';
import { ConfigError, parseGemeenteConfig, sortedKernen } from '../../src/config/gemeente';
import { proef, proefRaw, westBetuwe, westBetuweRaw } from './support/config';

type RawConfig = {
  kernen: { slug: string; name: string; pilot: boolean }[];
  sharedAgendas?: string[][];
  [key: string]: unknown;
};

function problems(mutate: (raw: RawConfig) => void): string[] {
  const raw = westBetuweRaw() as RawConfig;
  mutate(raw);
  try {
    parseGemeenteConfig(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('the West Betuwe configuration', () => {
  it('has 26 kernen with unique slugs, two pilots and seven themes', () => {
    expect(westBetuwe.kernen).toHaveLength(26);
    expect(new Set(westBetuwe.kernen.map((k) => k.slug)).size).toBe(26);
    expect(westBetuwe.kernen.filter((k) => k.pilot).map((k) => k.slug)).toEqual([
      'beesd',
      'heukelum',
    ]);
    expect(westBetuwe.themes).toHaveLength(7);
    expect(westBetuwe.budget).toMatchObject({
      perKernPerYearCents: 500000,
      maxPerInitiativeCents: 200000,
      minNewInitiativeShare: 0.75,
      lastRequestDay: '12-01',
    });
  });

  it('lets Varik and Heesselt share one agenda, named after Varik', () => {
    expect(westBetuwe.agendaGroup('heesselt').map((k) => k.slug)).toEqual(['varik', 'heesselt']);
    expect(westBetuwe.agendaSlug('heesselt')).toBe('varik');
    expect(westBetuwe.agendaSlug('varik')).toBe('varik');
    expect(westBetuwe.agendaGroup('beesd').map((k) => k.slug)).toEqual(['beesd']);
    expect(westBetuwe.agendaSlug('beesd')).toBe('beesd');
    expect(westBetuwe.agendaGroup('nergensdorp')).toEqual([]);
  });

  it('looks up kernen and themes', () => {
    expect(westBetuwe.kern('beesd')?.name).toBe('Beesd');
    expect(westBetuwe.kern('Beesd')).toBeUndefined();
    expect(westBetuwe.theme('economie')?.name).toBe('Economie');
    expect(westBetuwe.theme('groen')).toBeUndefined();
  });
});

describe('the fixture gemeente', () => {
  it('parses, with its own kernen, themes, rules and shared agenda', () => {
    expect(proef.gemeente.name).toBe('Proefgemeente');
    expect(proef.kernen.map((k) => k.slug)).toEqual(['noorddorp', 'zuiddorp', 'oostdorp']);
    expect(proef.themes.map((t) => t.id)).toEqual(['groen', 'spelen']);
    expect(proef.budget.lastRequestDay).toBe('10-31');
    expect(proef.agendaSlug('oostdorp')).toBe('zuiddorp');
    expect(parseGemeenteConfig(proefRaw()).kern('noorddorp')?.pilot).toBe(true);
  });

  it('treats a missing sharedAgendas as none', () => {
    const raw = proefRaw() as RawConfig;
    delete raw.sharedAgendas;
    const config = parseGemeenteConfig(raw);
    expect(config.sharedAgendas).toEqual([]);
    expect(config.agendaSlug('oostdorp')).toBe('oostdorp');
  });
});

describe('broken configurations give clear errors', () => {
  it('a duplicate slug', () => {
    expect(
      problems((raw) => raw.kernen.push({ slug: 'beesd', name: 'Beesd 2', pilot: false })),
    ).toEqual(['kernen: slug "beesd" appears more than once']);
  });

  it('an unknown kern in sharedAgendas', () => {
    expect(problems((raw) => (raw.sharedAgendas = [['varik', 'atlantis']]))).toEqual([
      'sharedAgendas: unknown kern "atlantis"',
    ]);
  });

  it('a kern in two groups', () => {
    expect(
      problems(
        (raw) =>
          (raw.sharedAgendas = [
            ['varik', 'heesselt'],
            ['tuil', 'heesselt'],
          ]),
      ),
    ).toEqual(['sharedAgendas: kern "heesselt" is in more than one group']);
  });

  it('a bad colour', () => {
    expect(problems((raw) => ((raw.app as Record<string, unknown>).themeColor = 'green'))).toEqual([
      'app.themeColor: must be a colour like #1f5f3f',
    ]);
  });

  it('a missing field', () => {
    const found = problems((raw) => delete (raw.budget as Record<string, unknown>).lastRequestDay);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^budget\.lastRequestDay: .*"lastRequestDay"/);
  });

  it('a bad slug, bad cents, a bad closing day, a duplicate theme, an empty list', () => {
    expect(problems((raw) => (raw.kernen[0]!.slug = 'Acquoy'))).toEqual([
      'kernen.0.slug: must be lower-case letters, digits and dashes',
    ]);
    expect(
      problems((raw) => ((raw.budget as Record<string, unknown>).maxPerInitiativeCents = 12.5)),
    ).toEqual(['budget.maxPerInitiativeCents: must be whole euro cents']);
    expect(
      problems((raw) => ((raw.budget as Record<string, unknown>).lastRequestDay = '1 december')),
    ).toEqual(['budget.lastRequestDay: must be MM-DD, like 12-01']);
    expect(
      problems((raw) =>
        (raw.themes as unknown[]).push({ id: 'economie', name: 'Nog eens economie' }),
      ),
    ).toEqual(['themes: id "economie" appears more than once']);
    expect(problems((raw) => (raw.kernen = []))).toEqual(['kernen: at least one kern']);
  });

  it('a maximum per initiative above the yearly budget', () => {
    expect(
      problems((raw) => ((raw.budget as Record<string, unknown>).maxPerInitiativeCents = 600000)),
    ).toEqual(['budget: maxPerInitiativeCents is larger than perKernPerYearCents']);
  });

  it('something that is not a configuration at all', () => {
    expect(() => parseGemeenteConfig(null)).toThrow(ConfigError);
    expect(() => parseGemeenteConfig('west-betuwe')).toThrow(/Invalid gemeente configuration/);
  });
});

describe('sortedKernen', () => {
  it('puts pilots first, then sorts by name', () => {
    const sorted = sortedKernen(westBetuwe).map((k) => k.slug);
    expect(sorted.slice(0, 3)).toEqual(['beesd', 'heukelum', 'acquoy']);
    expect(sorted.at(-1)).toBe('waardenburg');
    expect(sorted).toHaveLength(26);
    expect(westBetuwe.kernen[0]!.slug).toBe('acquoy'); // the configuration itself is not reordered
  });

  it('uses Dutch collation', () => {
    const raw = proefRaw() as RawConfig;
    raw.kernen = [
      { slug: 'zee', name: 'Zee', pilot: false },
      { slug: 'ij', name: 'IJsselmonde', pilot: false },
      { slug: 'a', name: 'Aalst', pilot: false },
      { slug: 'ee', name: 'Ééndorp', pilot: false },
    ];
    delete raw.sharedAgendas;
    expect(sortedKernen(parseGemeenteConfig(raw)).map((k) => k.name)).toEqual([
      'Aalst',
      'Ééndorp',
      'IJsselmonde',
      'Zee',
    ]);
  });
});
