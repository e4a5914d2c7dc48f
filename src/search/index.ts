/**
 * Dutch-aware text search over the inspiratieplein's projects, kernagendapunten and ideas,
 * pure (no storage), so it runs offline over whatever the device has.
 *
 * Folding (`foldDutch`): compatibility decomposition (NFKD) with the accents dropped and
 * lower case, so "Café" is "cafe", "geëvalueerd" is "geevalueerd", and the Dutch ĳ ligature
 * is "ij" ("Ĳsbaan" = "ijsbaan"). ß and letters without a decomposition (ø, æ) stay as they
 * are; digits stay. Apostrophes are dropped inside a word ("auto's" = "autos"); anything else
 * that is no letter or digit separates words.
 *
 * Matching: a light Dutch stemmer plus prefix matching, both ways. Every word is indexed
 * with its stems (`stems`): plural -en (with the doubled consonant undone, "bussen" -> "bus",
 * the open vowel doubled again, "straten" -> "straat", and v/z back to f/s, "huizen" ->
 * "huis"), -eren ("kinderen" -> "kind"), -s ("tafels" -> "tafel"), and the diminutives
 * -(e)tje(s), -pje(s), -je(s) ("bankjes" -> "bank", "tuintje" -> "tuin"). Without a word
 * list a stemmer cannot tell "kastje" (kast) from "tuintje" (tuin), so a word gets every
 * candidate stem: a wrong one only adds a near match, it never loses one. A query word
 * matches an entry when one of its stems is a prefix of one of the entry's terms: "speeltuin"
 * finds "speeltuinen", "speeltuinen" finds "speeltuin", and "speel" finds both, as someone
 * typing expects. Every query word must match (common words like "de", "in" are ignored);
 * title matches rank above text matches, whole-word matches above prefixes. Not handled:
 * the end of a compound ("tuin" does not find "speeltuin"), irregular plurals ("steden").
 *
 * Storage: an entry has a stable `key` per item and the `source` room it came from, so a
 * Dexie table can hold them with a multiEntry index on the terms:
 *   search: 'key, source, kind, kern, *terms'
 * A query there is, per query word, `where('terms').startsWithAnyOf(stems(word))`, the keys
 * intersected, then ranked with `matchEntry`. When a document changes, rebuild its entries
 * (`buildEntries`) and write only the difference (`diffEntries` against what is stored for
 * that source: entries to put, keys to delete).
 */
import type { Idea } from '../model/idea';
import type { Kernagenda } from '../model/kernagenda';
import type { Project } from '../model/project';

export type SearchKind = 'project' | 'punt' | 'idee';

export interface SearchEntry {
  /** 'project:<id>', 'punt:<agenda slug>:<point id>', 'idee:<kern>:<idea id>'. */
  key: string;
  /** The room the item lives in: 'plein/inspiratie', 'kern/<slug>/agenda', 'kern/<slug>/ideeen'. */
  source: string;
  kind: SearchKind;
  kern: string;
  /** The item's id in its document. */
  id: string;
  title: string;
  /** Every word of the item and its stems, folded, unique, sorted. */
  terms: string[];
  /** The same for the title only (for ranking). */
  titleTerms: string[];
}

export type SearchSource =
  | { kind: 'plein'; projects: readonly Project[] }
  | { kind: 'agenda'; kern: string; agenda: Kernagenda }
  | {
      kind: 'ideeen';
      kern: string;
      /** The ideas residents see (leave out what the committee hid). */
      ideas: readonly Pick<Idea, 'id' | 'title' | 'text' | 'category'>[];
    };

export interface SearchResult {
  key: string;
  kind: SearchKind;
  kern: string;
  id: string;
  title: string;
  score: number;
}

/** Lower case, accents and ligatures folded (see above); everything else kept. */
export function foldDutch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The folded words of a text. */
export function tokenize(text: string): string[] {
  return foldDutch(text)
    .replace(/['’‘`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Words too common to search for. */
const stopwords = new Set(
  (
    'de het een en of van in op te voor met aan bij om naar uit tot door over als ook dan ' +
    'is zijn was er dat die dit deze wat wie we wij ze zij je jij u ik hij ons onze hun niet'
  ).split(' '),
);

const vowels = 'aeiouy';
const isVowel = (c: string | undefined) => c !== undefined && vowels.includes(c);
const isConsonant = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c) && !isVowel(c);

/** Forms of a stem left after removing -en: undoubled, vowel doubled, v/z -> f/s. */
function afterEn(stem: string): string[] {
  const forms = [stem];
  const [a, b, c] = [stem.at(-3), stem.at(-2), stem.at(-1)];
  if (isConsonant(c) && c === b) forms.push(stem.slice(0, -1));
  if (isConsonant(c) && isVowel(b) && b !== 'i' && !isVowel(a))
    forms.push(stem.slice(0, -1) + b + c);
  for (const form of [...forms])
    if (form.endsWith('v') || form.endsWith('z'))
      forms.push(form.slice(0, -1) + (form.endsWith('v') ? 'f' : 's'));
  return forms;
}

const diminutives = ['etjes', 'etje', 'tjes', 'tje', 'pjes', 'pje', 'jes', 'je'];

/** The word and its candidate stems (see above); short words and numbers as they are. */
export function stems(word: string): string[] {
  const forms = new Set([word]);
  if (word.length < 4 || /\p{N}/u.test(word)) return [...forms];
  const keep = (stem: string) => stem.length >= 3 && forms.add(stem);
  for (const suffix of diminutives) if (word.endsWith(suffix)) keep(word.slice(0, -suffix.length));
  if (word.endsWith('eren')) keep(word.slice(0, -4));
  if (word.endsWith('en') && word.length >= 5) afterEn(word.slice(0, -2)).forEach(keep);
  if (word.endsWith('s') && !word.endsWith('ss') && word.length >= 5) keep(word.slice(0, -1));
  return [...forms];
}

/** The unique, sorted terms of some texts: every word that is no stopword, with its stems. */
export function termsOf(...texts: string[]): string[] {
  const terms = new Set<string>();
  for (const text of texts)
    for (const word of tokenize(text))
      if (!stopwords.has(word)) for (const stem of stems(word)) terms.add(stem);
  return [...terms].sort();
}

const slugWords = (slug: string) => slug.replace(/-/g, ' ');

/** The room a source's items live in. */
export function sourceName(source: SearchSource): string {
  if (source.kind === 'plein') return 'plein/inspiratie';
  return source.kind === 'agenda' ? `kern/${source.kern}/agenda` : `kern/${source.kern}/ideeen`;
}

function entry(
  kind: SearchKind,
  key: string,
  source: string,
  item: { kern: string; id: string; title: string },
  texts: string[],
): SearchEntry {
  return {
    key,
    source,
    kind,
    kern: item.kern,
    id: item.id,
    title: item.title,
    terms: termsOf(item.title, ...texts),
    titleTerms: termsOf(item.title),
  };
}

/** One entry per item of a document (its live items, as its read function returns them). */
export function buildEntries(source: SearchSource): SearchEntry[] {
  const room = sourceName(source);
  switch (source.kind) {
    case 'plein':
      return source.projects.map((p) =>
        entry('project', `project:${p.id}`, room, p, [
          p.description,
          p.lessons,
          slugWords(p.theme),
          slugWords(p.kern),
          ...p.needs.map((n) => n.text),
          ...p.funding.otherFunds.map((f) => f.name),
        ]),
      );
    case 'agenda':
      return source.agenda.points.map((p) =>
        entry(
          'punt',
          `punt:${source.kern}:${p.id}`,
          room,
          { kern: source.kern, id: p.id, title: p.title },
          [p.description, slugWords(p.theme), slugWords(source.kern)],
        ),
      );
    case 'ideeen':
      return source.ideas.map((i) =>
        entry(
          'idee',
          `idee:${source.kern}:${i.id}`,
          room,
          { kern: source.kern, id: i.id, title: i.title },
          [i.text, slugWords(i.category), slugWords(source.kern)],
        ),
      );
  }
}

/**
 * What to write when a source document changed: `stored` are the entries kept for that
 * source, `fresh` its entries now. Returns the entries that are new or changed and the keys
 * of entries whose item is gone.
 */
export function diffEntries(
  stored: readonly SearchEntry[],
  fresh: readonly SearchEntry[],
): { put: SearchEntry[]; remove: string[] } {
  const before = new Map(stored.map((e) => [e.key, JSON.stringify(e)]));
  const keys = new Set(fresh.map((e) => e.key));
  return {
    put: fresh.filter((e) => before.get(e.key) !== JSON.stringify(e)),
    remove: [...before.keys()].filter((key) => !keys.has(key)),
  };
}

/** The stems of each query word (stopwords left out unless the query has nothing else). */
export function queryWords(text: string): string[][] {
  const words = tokenize(text).filter((w) => w.length >= 2 || /\p{N}/u.test(w));
  const meaningful = words.filter((w) => !stopwords.has(w));
  return [...new Set(meaningful.length ? meaningful : words)].map(stems);
}

/** How well an entry matches the query words (all must match), or null. */
export function matchEntry(entry: SearchEntry, words: readonly string[][]): number | null {
  if (words.length === 0) return null;
  let score = 0;
  for (const forms of words) {
    let best = 0;
    for (const term of entry.terms)
      for (const form of forms)
        if (term.startsWith(form)) {
          const whole = term === form ? 1 : 0;
          const inTitle = entry.titleTerms.includes(term) ? 3 : 1;
          best = Math.max(best, inTitle + whole);
        }
    if (best === 0) return null;
    score += best;
  }
  return score;
}

export interface SearchIndex {
  entries: ReadonlyMap<string, SearchEntry>;
  /** Every term, sorted, for prefix lookups. */
  terms: readonly string[];
  postings: ReadonlyMap<string, readonly string[]>;
}

/** An inverted index of entries (term -> keys), for querying many entries in memory. */
export function indexEntries(entries: readonly SearchEntry[]): SearchIndex {
  const postings = new Map<string, string[]>();
  for (const e of entries)
    for (const term of e.terms) {
      const keys = postings.get(term) ?? [];
      keys.push(e.key);
      postings.set(term, keys);
    }
  return {
    entries: new Map(entries.map((e) => [e.key, e])),
    terms: [...postings.keys()].sort(),
    postings,
  };
}

/** Keys of entries with a term that starts with `prefix` (binary search in sorted terms). */
function keysWithPrefix(index: SearchIndex, prefix: string, into: Set<string>) {
  let lo = 0;
  let hi = index.terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index.terms[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < index.terms.length && index.terms[i]!.startsWith(prefix); i++)
    for (const key of index.postings.get(index.terms[i]!) ?? []) into.add(key);
}

export interface QueryOptions {
  kind?: SearchKind;
  kern?: string;
  limit?: number;
}

/**
 * Entries matching every word of `text`, best first (score, then title in Dutch order).
 * Takes an index (`indexEntries`) or a plain list of entries (e.g. read from Dexie).
 */
export function query(
  source: SearchIndex | readonly SearchEntry[],
  text: string,
  options: QueryOptions = {},
): SearchResult[] {
  const words = queryWords(text);
  if (words.length === 0) return [];
  let candidates: Iterable<SearchEntry>;
  if (Array.isArray(source)) candidates = source as readonly SearchEntry[];
  else {
    const index = source as SearchIndex;
    const perWord = words.map((forms) => {
      const found = new Set<string>();
      for (const form of forms) keysWithPrefix(index, form, found);
      return found;
    });
    const keys = [...perWord[0]!].filter((key) => perWord.every((found) => found.has(key)));
    candidates = keys.map((key) => index.entries.get(key)!);
  }
  const results: SearchResult[] = [];
  for (const e of candidates) {
    if (options.kind && e.kind !== options.kind) continue;
    if (options.kern && e.kern !== options.kern) continue;
    const score = matchEntry(e, words);
    if (score !== null)
      results.push({ key: e.key, kind: e.kind, kern: e.kern, id: e.id, title: e.title, score });
  }
  results.sort(
    (a, b) => b.score - a.score || a.title.localeCompare(b.title, 'nl') || (a.key < b.key ? -1 : 1),
  );
  return options.limit === undefined ? results : results.slice(0, options.limit);
}
