/**
 * On the kern page: this kern's projects on the inspiratieplein, each with the kernen that
 * took it over ("overgenomen door Heukelum en Asperen"), and the way to the plein. Shown once
 * the plein's content is known (PleinLinks.tsx).
 */
import { Link } from 'wouter';
import { useServices } from '../hooks/useServices';
import { kernNames, projectAddress } from '../shell/pleinAddresses';
import { usePleinLinks } from './PleinLinks';

export function KernOnPlein() {
  const { config } = useServices();
  const links = usePleinLinks();
  if (!links?.known) return null;
  return (
    <section className="kern-plein no-print" aria-labelledby="kern-plein-title">
      <h2 id="kern-plein-title">Op het inspiratieplein</h2>
      {links.projects.length === 0 ? (
        <p>{links.kern.name} heeft nog geen projecten op het inspiratieplein.</p>
      ) : (
        <ul className="kern-plein-list">
          {links.projects.map((p) => (
            <li key={p.id}>
              <Link href={projectAddress(p.id)} className="page-link">
                {p.title}
              </Link>
              {p.takenUpBy.length > 0 && (
                <p className="taken-up">Overgenomen door {kernNames(config, p.takenUpBy)}.</p>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/plein" className="page-link">
          Naar het inspiratieplein: projecten van alle kernen
        </Link>
      </p>
    </section>
  );
}
