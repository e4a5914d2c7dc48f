/**
 * What a project is, read on its page: the description, what it cost and how it was paid,
 * what was needed (a checklist), the lessons, the contact, and the kernagendapunt it came
 * from. Text only: nothing typed is ever read as markup.
 */
import { Fragment, type ReactNode } from 'react';
import { Link } from 'wouter';
import { fundedCents, needKindLabels, type Project } from '../../model/inspiration';
import { formatEuro } from '../../model/money';
import { useServices } from '../hooks/useServices';
import { pointAddress } from '../shell/pleinAddresses';
import { kernName } from './words';

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="project-part" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function ProjectDetails({ project }: { project: Project }) {
  const { config } = useServices();
  const f = project.funding;
  const kern = kernName(config, project.kern);
  const unpaid =
    project.costCents !== null ? Math.max(0, project.costCents - fundedCents(f)) : null;
  return (
    <>
      <Part id="project-wat" title="Wat is het?">
        {project.description ? (
          <p className="project-text">{project.description}</p>
        ) : (
          <p>Er staat nog geen beschrijving bij.</p>
        )}
      </Part>
      <Part id="project-kosten" title="Kosten en betaling">
        <dl className="facts">
          <dt>Kosten</dt>
          <dd>{project.costCents === null ? 'Onbekend' : formatEuro(project.costCents)}</dd>
          <dt>Uit het {config.budget.name}</dt>
          <dd>{formatEuro(f.budgetCents)}</dd>
          <dt>Eigen geld</dt>
          <dd>{formatEuro(f.ownMoneyCents)}</dd>
          <dt>Vrijwilligerswerk</dt>
          <dd>{f.volunteerHours === 1 ? '1 uur' : `${f.volunteerHours} uur`}</dd>
          {f.otherFunds.map((fund, i) => (
            <Fragment key={i}>
              <dt>{fund.name}</dt>
              <dd>{formatEuro(fund.cents)}</dd>
            </Fragment>
          ))}
          {unpaid !== null && unpaid > 0 && (
            <>
              <dt>Niet ingevuld</dt>
              <dd>{formatEuro(unpaid)}</dd>
            </>
          )}
        </dl>
      </Part>
      <Part id="project-nodig" title="Wat was er nodig?">
        {project.needs.length === 0 ? (
          <p>Niets genoemd.</p>
        ) : (
          <ul className="checklist">
            {project.needs.map((need, i) => (
              <li key={i}>
                <strong>{needKindLabels[need.kind]}:</strong> {need.text}
              </li>
            ))}
          </ul>
        )}
      </Part>
      <Part id="project-lessen" title="Wat hebben ze geleerd?">
        {project.lessons ? (
          <p className="project-text">{project.lessons}</p>
        ) : (
          <p>Nog niets opgeschreven.</p>
        )}
      </Part>
      <Part id="project-contact" title="Contact">
        {project.contact.name || project.contact.reach ? (
          <p>
            {[project.contact.name, project.contact.reach].filter(Boolean).join(', ')} ({kern})
          </p>
        ) : (
          <p>Er staat geen contactpersoon bij. Vraag het de commissie van {kern}.</p>
        )}
      </Part>
      {project.source && (
        <p>
          <Link
            href={pointAddress(project.source.kern, project.source.pointId)}
            className="page-link"
          >
            Dit punt op de kernagenda van {kernName(config, project.source.kern)}
          </Link>
        </p>
      )}
    </>
  );
}
