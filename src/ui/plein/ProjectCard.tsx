/**
 * One project in the plein's list: its title (the link to the project), kern and theme,
 * status, cost, and the kernen that took it over.
 */
import { Link } from 'wouter';
import { takenUpKernen, type Project } from '../../model/inspiration';
import { useServices } from '../hooks/useServices';
import { kernNames, projectAddress } from '../shell/pleinAddresses';
import { costLine, kernName, statusLine, themeName } from './words';

export function ProjectCard({ project }: { project: Project }) {
  const { config } = useServices();
  const titleId = `project-${project.id}`;
  const takenUp = takenUpKernen(project);
  return (
    <article className="project" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <Link href={projectAddress(project.id)}>{project.title}</Link>
      </h3>
      <p className="project-meta">
        {kernName(config, project.kern)} · {themeName(config, project.theme)}
      </p>
      <p className="project-meta">
        {statusLine(project)} · {costLine(project)}
      </p>
      {takenUp.length > 0 && (
        <p className="taken-up">Overgenomen door {kernNames(config, takenUp)}.</p>
      )}
    </article>
  );
}
