/**
 * `/zoeken`: search, also offline, in every project of the inspiratieplein and in the
 * kernagenda's and ideas boards of the kernen this device follows (and of its committee's
 * kern). The words are looked up in the device's search index (the device db's `search`
 * table, kept by src/sync/searchIndex.ts), so documents that are not open are found too;
 * while this page is open, those rooms are opened in the background (from this device when
 * offline) and indexed, and the results follow as the index changes. The query is kept in
 * the address (`?q=`), so going back returns to the results. Loaded lazily.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { GemeenteConfig } from '../../config/gemeente';
import { query, queryWords, type SearchResult } from '../../search/index';
import { findSearchEntries, watch } from '../../storage/db';
import { useFollows, useTokens } from '../hooks/useDevice';
import { useSearchIndexing, type IndexedRoom } from '../hooks/useSearchIndexing';
import { useServices } from '../hooks/useServices';
import { useTitle } from '../hooks/useTitle';
import {
  ideaOnBoardAddress,
  kernNames,
  pointAddress,
  projectAddress,
} from '../shell/pleinAddresses';

function address(result: SearchResult): string {
  if (result.kind === 'project') return projectAddress(result.id);
  return result.kind === 'punt'
    ? pointAddress(result.kern, result.id)
    : ideaOnBoardAddress(result.kern, result.id);
}

function kindLine(result: SearchResult, config: GemeenteConfig): string {
  const name = config.kern(result.kern)?.name ?? result.kern;
  if (result.kind === 'project') return `Project van ${name} op het inspiratieplein`;
  if (result.kind === 'idee') return `Idee van bewoners van ${name}`;
  const group = config.agendaGroup(result.kern).map((k) => k.slug);
  return `Punt op de kernagenda van ${kernNames(config, group.length ? group : [result.kern])}`;
}

export default function SearchPage() {
  const { config, db } = useServices();
  const [, navigate] = useLocation();
  const search = useSearch();
  const [text, setText] = useState(() => new URLSearchParams(search).get('q') ?? '');
  // Results with the words they were found for (a newer query waits for its own).
  const [found, setFound] = useState<{ key: string; results: SearchResult[] } | null>(null);
  const follows = useFollows();
  const tokens = useTokens();
  const fieldId = useId();
  useTitle('Zoeken');

  // The kernen searched: those followed, and the kern of a committee code on this device.
  const kernen = useMemo(
    () =>
      [
        ...new Set([
          ...(follows ?? []).map((f) => f.kern),
          ...(tokens ?? []).filter((t) => t.role === 'commissie' && t.kern).map((t) => t.kern!),
        ]),
      ].filter((slug) => config.kern(slug)),
    [follows, tokens, config],
  );
  const rooms = useMemo(
    (): IndexedRoom[] => [
      { kind: 'plein' },
      ...kernen.flatMap((kern): IndexedRoom[] => [
        { kind: 'agenda', kern },
        { kind: 'ideeen', kern },
      ]),
    ],
    [kernen],
  );
  useSearchIndexing(rooms, follows !== undefined && tokens !== undefined);

  const scope = kernen.join(' ');
  const key = `${scope}|${text}`;
  useEffect(() => {
    const words = queryWords(text);
    if (words.length === 0) return;
    const kernSet = new Set(scope.split(' '));
    const agendas = new Set([...kernSet].filter(Boolean).map((k) => config.agendaSlug(k)));
    const inScope = (r: SearchResult) =>
      r.kind === 'project' || (r.kind === 'punt' ? agendas.has(r.kern) : kernSet.has(r.kern));
    return watch(
      db,
      () => findSearchEntries(db, words),
      (entries) => setFound({ key, results: query(entries, text).filter(inScope) }),
    );
  }, [db, config, text, scope, key]);
  const results = queryWords(text).length > 0 && found?.key === key ? found.results : null;

  const change = (value: string) => {
    setText(value);
    const q = value.trim();
    navigate(q ? `/zoeken?q=${encodeURIComponent(q)}` : '/zoeken', { replace: true });
  };

  const q = text.trim();
  return (
    <div className="page zoeken">
      <h1>Zoeken</h1>
      <p className="lead">
        Zoek in alle projecten op het inspiratieplein
        {kernen.length > 0
          ? ` en in de kernagenda's en ideeën van ${kernNames(config, kernen)}`
          : ''}
        . Dit werkt ook zonder internet, met wat dit apparaat al heeft.
      </p>
      {follows !== undefined && kernen.length === 0 && (
        <p>
          Je volgt nog geen kern.{' '}
          <Link href="/" className="page-link">
            Kies een kern om te volgen
          </Link>{' '}
        </p>
      )}
      <form className="search" role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={fieldId}>Zoek naar</label>
        <p className="hint" id={`${fieldId}-hint`}>
          Bijvoorbeeld: speeltuin, bankje of verlichting. Een deel van een woord mag ook.
        </p>
        <input
          id={fieldId}
          type="search"
          value={text}
          autoComplete="off"
          aria-describedby={`${fieldId}-hint`}
          onChange={(e) => change(e.target.value)}
        />
      </form>
      <p className="result-count" role="status">
        {results === null || !q
          ? ''
          : results.length === 0
            ? `Niets gevonden voor "${q}". Probeer een ander woord, of een deel ervan.`
            : `${results.length} ${results.length === 1 ? 'resultaat' : 'resultaten'} voor "${q}".`}
      </p>
      {results && results.length > 0 && (
        <ul className="search-results" aria-label="Resultaten">
          {results.map((r) => (
            <li key={r.key}>
              <Link href={address(r)} className="page-link">
                {r.title}
              </Link>
              <p className="result-kind">{kindLine(r, config)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
