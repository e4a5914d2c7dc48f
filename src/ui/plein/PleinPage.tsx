/**
 * `/plein`: the inspiratieplein, projects of every kern, planned or realised, to learn from
 * and take over. Browse by theme and kern, sort by newest or cost, and search the projects'
 * text (Dutch-aware, offline: src/search/index.ts over what this device has); the search page
 * (`/zoeken`) also searches the kernagenda's and ideas of followed kernen. A committee (or the
 * gemeente) adds a project here. Loaded lazily (route-level code splitting).
 */
import { useId, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { Link, useLocation } from 'wouter';
import { sortedKernen } from '../../config/gemeente';
import { budgetYearFor } from '../../model/budget';
import {
  addProject,
  readProjects,
  type ProjectInput,
  type ReadProjectsOptions,
} from '../../model/inspiration';
import { ValidationError } from '../../model/validation';
import { buildEntries, indexEntries, query } from '../../search/index';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';
import { useServices } from '../hooks/useServices';
import { useTitle } from '../hooks/useTitle';
import { useView } from '../hooks/useView';
import { projectAddress } from '../shell/pleinAddresses';
import { ProjectCard } from './ProjectCard';
import { ProjectForm } from './ProjectForm';
import { usePlein } from './usePlein';

type Sort = NonNullable<ReadProjectsOptions['sort']>;
const sortLabels: Record<Sort, string> = {
  nieuw: 'Nieuwste eerst',
  kosten: 'Laagste kosten eerst',
};
const addButtonId = 'project-toevoegen';

export default function PleinPage() {
  const { config, now } = useServices();
  const plein = usePlein();
  const [, navigate] = useLocation();
  const [theme, setTheme] = useState('');
  const [kern, setKern] = useState('');
  const [sort, setSort] = useState<Sort>('nieuw');
  const [text, setText] = useState('');
  const [adding, setAdding] = useState(false);
  const focusAfterRender = useFocusAfterRender();
  const ids = useId();
  useTitle('Inspiratieplein');

  const read = useMemo(
    () => (doc: Y.Doc) =>
      readProjects(doc, { theme: theme || undefined, kern: kern || undefined, sort }),
    [theme, kern, sort],
  );
  const listed = useView(plein.room.doc, read);
  const projects = useMemo(() => {
    if (!text.trim()) return listed;
    const found = new Set(
      query(indexEntries(buildEntries({ kind: 'plein', projects: listed })), text).map((r) => r.id),
    );
    return listed.filter((p) => found.has(p.id));
  }, [listed, text]);
  const filtered = Boolean(theme || kern || text.trim());

  const writer = plein.writer;
  const ownKern = writer?.claims.role === 'commissie' ? writer.claims.kern : undefined;
  const add = (input: ProjectInput) => {
    try {
      const id = addProject(plein.room.doc, input, {
        actor: writer!.claims.name,
        now: now().toISOString(),
        config,
      });
      navigate(projectAddress(id));
      return null;
    } catch (error) {
      if (error instanceof ValidationError) return { ...error.fieldErrors };
      throw error;
    }
  };

  return (
    <div className="page plein">
      <h1>Inspiratieplein</h1>
      <p className="lead">
        Wat hebben andere kernen gedaan, en wat zijn ze van plan? Laat je inspireren en neem een
        project over in de kernagenda van je eigen kern.
      </p>
      {writer ? (
        adding ? (
          <ProjectForm
            project={null}
            kern={ownKern ?? sortedKernen(config)[0]!.slug}
            chooseKern={!ownKern}
            defaultYear={budgetYearFor(now().toISOString(), config.budget)}
            onSubmit={add}
            onCancel={() => {
              setAdding(false);
              focusAfterRender(addButtonId);
            }}
          />
        ) : (
          <div className="buttons">
            <button
              type="button"
              className="primary"
              id={addButtonId}
              onClick={() => setAdding(true)}
            >
              Project toevoegen
            </button>
          </div>
        )
      ) : (
        <p className="hint">
          Commissies van de kernen zetten hier hun projecten. Heb je een toegangscode van je
          commissie? Vul die in op de pagina van je kern.
        </p>
      )}
      <form className="plein-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field plein-search">
          <label htmlFor={`${ids}-zoek`}>Zoek in de projecten</label>
          <input
            id={`${ids}-zoek`}
            type="search"
            value={text}
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-thema`}>Thema</label>
          <select id={`${ids}-thema`} value={theme} onChange={(e) => setTheme(e.target.value)}>
            <option value="">Alle thema&apos;s</option>
            {config.themes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-kern`}>Kern</label>
          <select id={`${ids}-kern`} value={kern} onChange={(e) => setKern(e.target.value)}>
            <option value="">Alle kernen</option>
            {sortedKernen(config).map((k) => (
              <option key={k.slug} value={k.slug}>
                {k.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-sorteer`}>Sorteren</label>
          <select
            id={`${ids}-sorteer`}
            value={sort}
            onChange={(e) => setSort(e.target.value as Sort)}
          >
            {(Object.keys(sortLabels) as Sort[]).map((s) => (
              <option key={s} value={s}>
                {sortLabels[s]}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p className="result-count" role="status">
        {filtered
          ? projects.length === 0
            ? 'Geen project gevonden.'
            : `${projects.length} ${projects.length === 1 ? 'project' : 'projecten'} gevonden.`
          : ''}
      </p>
      <p>
        <Link
          href={text.trim() ? `/zoeken?q=${encodeURIComponent(text.trim())}` : '/zoeken'}
          className="page-link"
        >
          Zoek ook in de kernagenda&apos;s en ideeën van je kernen
        </Link>
      </p>
      <section aria-labelledby="projecten-title">
        <h2 id="projecten-title">
          Projecten <span className="count">({projects.length})</span>
        </h2>
        {!plein.known && listed.length === 0 ? (
          <p className="loading">Projecten laden…</p>
        ) : projects.length === 0 ? (
          <p>
            {filtered
              ? 'Er zijn geen projecten die hierbij passen.'
              : 'Er staan nog geen projecten op het inspiratieplein.'}
          </p>
        ) : (
          <ul className="project-list">
            {projects.map((p) => (
              <li key={p.id}>
                <ProjectCard project={p} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
