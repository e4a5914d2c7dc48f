/**
 * Comparing two moments of the kernagenda: a version with another version, or with "nu"
 * (the live agenda). The differences come from diffVersions, in plain Dutch, grouped as
 * people ask about them: added, removed, status, amounts, the rest.
 */
import { useCallback } from 'react';
import type * as Y from 'yjs';
import { readKernagenda, type Kernagenda } from '../../model/kernagenda';
import { diffVersions, readVersion, type VersionInfo } from '../../model/versions';
import { useServices } from '../hooks/useServices';
import { useView } from '../hooks/useView';

/** The choice that means the kernagenda as it is now. */
export const now = 'nu';

interface Props {
  doc: Y.Doc;
  versions: readonly VersionInfo[];
  from: string;
  to: string;
  onChoose(from: string, to: string): void;
  onClose(): void;
}

export const compareTitleId = 'versies-vergelijken-title';

function useAgenda(doc: Y.Doc, id: string): Kernagenda | null {
  const read = useCallback(
    (d: Y.Doc) => (id === now ? readKernagenda(d) : readVersion(d, id)),
    [id],
  );
  return useView(doc, read);
}

export function VersionCompare({ doc, versions, from, to, onChoose, onClose }: Props) {
  const { config } = useServices();
  const a = useAgenda(doc, from);
  const b = useAgenda(doc, to);
  const nameOf = (id: string) =>
    id === now ? 'nu' : `‘${versions.find((v) => v.id === id)?.name ?? 'onbekende versie'}’`;
  const options = [
    ...versions.map((v) => (
      <option key={v.id} value={v.id}>
        {v.name}
      </option>
    )),
    <option key={now} value={now}>
      Nu (de kernagenda zoals hij nu is)
    </option>,
  ];
  const diff = a && b ? diffVersions(a, b, config) : null;
  const groups = diff
    ? ([
        ['Toegevoegd', diff.added],
        ['Verwijderd', diff.removed],
        ['Andere status', diff.statusChanges],
        ['Ander bedrag', diff.amountChanges],
        ['Verder veranderd', [...diff.fieldChanges, ...diff.budgetChanges]],
      ] as const)
    : [];

  return (
    <section className="panel version-compare" aria-labelledby={compareTitleId}>
      <h3 id={compareTitleId} tabIndex={-1}>
        Versies vergelijken
      </h3>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="vergelijk-van">Van</label>
          <select id="vergelijk-van" value={from} onChange={(e) => onChoose(e.target.value, to)}>
            {options}
          </select>
        </div>
        <div className="field">
          <label htmlFor="vergelijk-tot">Tot</label>
          <select id="vergelijk-tot" value={to} onChange={(e) => onChoose(from, e.target.value)}>
            {options}
          </select>
        </div>
      </div>
      <h4 id="verschillen-title">
        Wat is er veranderd van {nameOf(from)} tot {nameOf(to)}
      </h4>
      {!diff ? (
        <p>Deze versie is niet gevonden.</p>
      ) : from === to ? (
        <p>Kies twee verschillende versies om te vergelijken.</p>
      ) : diff.messages.length === 0 ? (
        <p>Er is niets veranderd.</p>
      ) : (
        groups
          .filter(([, changes]) => changes.length > 0)
          .map(([title, changes]) => (
            <div key={title} className="version-changes">
              <h5>
                {title} <span className="count">({changes.length})</span>
              </h5>
              <ul>
                {changes.map((c, i) => (
                  <li key={i}>{c.message}</li>
                ))}
              </ul>
            </div>
          ))
      )}
      <button type="button" onClick={onClose}>
        Vergelijking sluiten
      </button>
    </section>
  );
}
