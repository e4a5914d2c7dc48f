/**
 * "Samen met andere kernen" on the kern page: the joint projects this kern takes part in
 * (from its own kernagenda, JointLinks), each with the other kernen and this kern's
 * contribution this year; and for the committee the way to start one ("Samen met andere
 * kernen iets oppakken": a new id, the project and its record in this kernagenda written on
 * this device, then its page). Joining goes by the link another kern shares: there is no way
 * for one kern to write an invitation into another kern's kernagenda.
 */
import { useState } from 'react';
import { useLocation, Link } from 'wouter';
import type { Kern } from '../../config/gemeente';
import { budgetYearFor } from '../../model/budget';
import { formatEuro } from '../../model/money';
import { roomName } from '../../model/rooms';
import { newSamenId, type SamenInput } from '../../model/samen';
import { startSamen } from '../../model/samenLinks';
import { ValidationError } from '../../model/validation';
import type { Room } from '../../sync/room';
import type { DeviceToken } from '../../sync/tokens';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';
import { byKernName, kernName, kernNames } from '../shell/kernNames';
import { useServices } from '../hooks/useServices';
import { JointStartForm } from './JointStartForm';
import { samenAddress, useJointLinks, type JointProject } from './JointLinks';

interface Props {
  kern: Kern;
  agenda: Room;
  /** This device's committee code for the kernagenda (null: read-only). */
  writer: DeviceToken | null;
}

const startId = 'samen-starten';

export function JointProjects({ kern, agenda, writer }: Props) {
  const { config, registry, now } = useServices();
  const joint = useJointLinks();
  const [, navigate] = useLocation();
  const [starting, setStarting] = useState(false);
  const focusAfterRender = useFocusAfterRender();
  const year = budgetYearFor(now().toISOString(), config.budget);
  const own = new Set(joint?.group ?? [kern.slug]);
  const committee =
    writer?.claims.role === 'commissie' && writer.claims.kern ? writer.claims.kern : null;
  const names = (slugs: readonly string[]) => kernNames(config, slugs);

  const start = async (input: SamenInput): Promise<Record<string, string> | null> => {
    if (!writer || !committee)
      return { samen: 'Alleen de commissie kan een samenproject starten.' };
    const id = newSamenId();
    const lease = registry.open(roomName({ kind: 'samen', id }));
    try {
      await lease.room.ready;
      startSamen(lease.room.doc, agenda.doc, id, input, {
        actor: writer.claims.name,
        now: now().toISOString(),
        config,
        kern: committee,
      });
    } catch (error) {
      if (error instanceof ValidationError) return { ...error.fieldErrors };
      throw error;
    } finally {
      // The room lingers a while after this (and the page opens it again), so it is stored and sent.
      lease.release();
    }
    navigate(samenAddress(id));
    return null;
  };

  const item = ({ link, project, known }: JointProject) => {
    const others = project
      ? byKernName(config, Object.keys(project.participants)).filter((k) => !own.has(k))
      : [];
    const given = (project?.contributions ?? []).filter((c) => own.has(c.kern) && c.year === year);
    return (
      <li key={link.id}>
        <Link href={samenAddress(link.id)} className="page-link">
          {project?.title ?? (known ? 'Samenproject (niet gevonden)' : 'Samenproject laden…')}
        </Link>
        {project && (
          <p>
            {others.length ? `Samen met ${names(others)}.` : 'Nog geen andere kern doet mee.'}{' '}
            {given.length
              ? given
                  .map(
                    (c) =>
                      `Bijdrage van ${kernName(config, c.kern)} in ${year}: ${formatEuro(c.cents)}.`,
                  )
                  .join(' ')
              : `Nog geen bijdrage voor ${year}.`}
          </p>
        )}
      </li>
    );
  };

  return (
    <section className="joint-projects" aria-labelledby="samen-title">
      <h2 id="samen-title">Samen met andere kernen</h2>
      {joint && joint.projects.length > 0 ? (
        <ul className="joint-list">{joint.projects.map(item)}</ul>
      ) : (
        <p>{names(joint?.group ?? [kern.slug])} doet nog niet mee aan een samenproject.</p>
      )}
      {committee &&
        (starting ? (
          <JointStartForm
            onSubmit={start}
            onCancel={() => {
              setStarting(false);
              focusAfterRender(startId);
            }}
          />
        ) : (
          <div className="no-print">
            <p>
              Wil je iets samen doen met een andere kern, zoals samen AED&apos;s of bankjes inkopen?
              Start een samenproject en nodig de andere kern uit. Heeft een andere kern jullie
              uitgenodigd? Open dan de link die jullie kregen.
            </p>
            <button type="button" id={startId} onClick={() => setStarting(true)}>
              Samen met andere kernen iets oppakken
            </button>
          </div>
        ))}
    </section>
  );
}
