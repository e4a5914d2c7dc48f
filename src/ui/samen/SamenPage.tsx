/**
 * The page of a joint project (`/samen/<id>`, room `samen/<id>`): what it is and which kernen
 * take part (SamenKernen), who you are here (SamenAccess: edit, join when invited, or read),
 * who does what (SamenTasks), what each kern contributes per year (SamenContributions) and
 * the shared order list with its totals (SamenOrder). Works offline with what this device
 * has; an address that names no joint project says so once the room's content is known.
 * Loaded lazily (route-level code splitting).
 */
import { Link } from 'wouter';
import { parseRoom } from '../../model/rooms';
import { useServices } from '../hooks/useServices';
import { useTitle } from '../hooks/useTitle';
import { NotFoundPage } from '../shell/NotFoundPage';
import { SamenAccess } from './SamenAccess';
import { SamenContributions } from './SamenContributions';
import { SamenKernen } from './SamenKernen';
import { SamenOrder } from './SamenOrder';
import { SamenTasks } from './SamenTasks';
import { useSamen } from './useSamen';
import { byKernName, formatDay, kernName, kernNames } from './words';

function SamenScreen({ id }: { id: string }) {
  const { config } = useServices();
  const samen = useSamen(id);
  const { project, known } = samen;
  useTitle(project?.title ?? 'Samenproject');

  return (
    <div className="page samen-page">
      <p className="samen-kind">Samenproject</p>
      <h1>{project?.title ?? 'Samenproject'}</h1>
      {!project ? (
        known ? (
          <div className="notice">
            <p>
              Dit samenproject is niet gevonden. Misschien is de link niet compleet. Vraag de kern
              die je uitnodigde om de link nog eens te sturen.
            </p>
            <p>
              <Link href="/">Naar alle kernen</Link>
            </p>
          </div>
        ) : (
          <p className="loading">Samenproject laden…</p>
        )
      ) : (
        <>
          <p className="lead">
            Een samenproject van{' '}
            {kernNames(config, byKernName(config, Object.keys(project.participants)))}. Gestart door{' '}
            {kernName(config, project.kern)} op {formatDay(project.createdAt)}.
          </p>
          {project.description && <p className="samen-description">{project.description}</p>}
          <SamenAccess samen={samen} />
          <SamenKernen samen={samen} />
          <SamenTasks samen={samen} />
          <SamenContributions samen={samen} />
          <SamenOrder samen={samen} />
        </>
      )}
    </div>
  );
}

export default function SamenPage({ id }: { id: string }) {
  const { config } = useServices();
  if (parseRoom(`samen/${id}`, config)?.kind !== 'samen')
    return <NotFoundPage what="Dit samenproject" />;
  return <SamenScreen key={id} id={id} />;
}
