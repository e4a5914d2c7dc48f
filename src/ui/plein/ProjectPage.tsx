/**
 * `/plein/<id>`: one project of the inspiratieplein, for everyone: what it is, its cost and
 * funding, what was needed, the lessons and the contact, and which kernen took it over. A
 * committee of another kern takes it over ("Dit willen wij ook", TakeOver); a committee of
 * the project's own kern and the gemeente change it ("Bewerken"). Works offline with what
 * this device has. Loaded lazily (route-level code splitting).
 */
import { useCallback, useState } from 'react';
import type * as Y from 'yjs';
import { Link } from 'wouter';
import { budgetYearFor } from '../../model/budget';
import {
  findProject,
  takenUpKernen,
  updateProject,
  type Project,
  type ProjectInput,
} from '../../model/inspiration';
import { ValidationError } from '../../model/validation';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';
import { useServices } from '../hooks/useServices';
import { useTitle } from '../hooks/useTitle';
import { useView } from '../hooks/useView';
import { NotFoundPage } from '../shell/NotFoundPage';
import { kernNames } from '../shell/pleinAddresses';
import { ProjectDetails } from './ProjectDetails';
import { ProjectForm } from './ProjectForm';
import { TakeOver } from './TakeOver';
import { usePlein, type Plein } from './usePlein';
import { kernName, statusLine, themeName } from './words';

const editButtonId = 'project-bewerken';

function ProjectScreen({ project, plein }: { project: Project; plein: Plein }) {
  const { config, now } = useServices();
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState('');
  const focusAfterRender = useFocusAfterRender();
  const takenUp = takenUpKernen(project);
  const mayEdit = plein.mayEdit(project);

  const save = (_input: ProjectInput, patch: Partial<ProjectInput>) => {
    try {
      updateProject(plein.room.doc, project.id, patch, {
        actor: plein.writer!.claims.name,
        now: now().toISOString(),
        config,
      });
    } catch (error) {
      if (error instanceof ValidationError) return { ...error.fieldErrors };
      throw error;
    }
    setEditing(false);
    setMessage('Project opgeslagen.');
    focusAfterRender(editButtonId);
    return null;
  };

  return (
    <article className="page project-page" aria-labelledby="project-titel">
      <p>
        <Link href="/plein" className="page-link">
          Alle projecten op het inspiratieplein
        </Link>
      </p>
      <h1 id="project-titel">{project.title}</h1>
      <p className="project-meta">
        Project van {kernName(config, project.kern)} · {themeName(config, project.theme)}
      </p>
      <p className="project-meta">{statusLine(project)}</p>
      {takenUp.length > 0 && (
        <p className="taken-up">Overgenomen door {kernNames(config, takenUp)}.</p>
      )}
      <p role="status" className="done">
        {message}
      </p>
      {!editing && <TakeOver project={project} plein={plein.room} />}
      {mayEdit && !editing && (
        <div className="buttons">
          <button
            type="button"
            id={editButtonId}
            onClick={() => {
              setMessage('');
              setEditing(true);
            }}
          >
            Bewerken<span className="sr-only">: {project.title}</span>
          </button>
        </div>
      )}
      {editing ? (
        <ProjectForm
          project={project}
          kern={project.kern}
          chooseKern={false}
          defaultYear={budgetYearFor(now().toISOString(), config.budget)}
          onSubmit={save}
          onCancel={() => {
            setEditing(false);
            focusAfterRender(editButtonId);
          }}
        />
      ) : (
        <ProjectDetails project={project} />
      )}
    </article>
  );
}

export default function ProjectPage({ id }: { id: string }) {
  const plein = usePlein();
  const read = useCallback((doc: Y.Doc) => findProject(doc, id), [id]);
  const project = useView(plein.room.doc, read);
  useTitle(project ? project.title : 'Project');
  if (!project)
    return plein.known ? (
      <NotFoundPage what="Dit project" />
    ) : (
      <p className="loading">Project laden…</p>
    );
  return <ProjectScreen key={project.id} project={project} plein={plein} />;
}
