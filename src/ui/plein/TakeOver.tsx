/**
 * "Dit willen wij ook": on a project of another kern, a committee on this device (a code that
 * writes its own kernagenda and the plein) takes the project over in one step: a new point in
 * its own kernagenda, prefilled from the example and linked to it, and on the plein the
 * record that this kern took it over (takeOver.ts). Both documents are on this device, so it
 * works offline and syncs later. The confirmation links to the new point on the kern page;
 * a kern that already took the project over sees the link to its point instead of the button.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { Project } from '../../model/inspiration';
import { agendaRoom, roomName } from '../../model/rooms';
import { takeOver } from '../../model/takeOver';
import { ValidationError } from '../../model/validation';
import type { Room } from '../../sync/room';
import { useTokens } from '../hooks/useDevice';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';
import { pointAddress } from '../shell/pleinAddresses';
import { kernName } from './words';

interface Done {
  kern: string;
  pointId: string;
  offline: boolean;
}

/** The kernen whose committee is on this device and may take `project` over. */
function useTakingKernen(project: Project): string[] {
  const { config, registry } = useServices();
  const tokens = useTokens();
  useStore(registry.access);
  if (registry.writerFor(roomName({ kind: 'inspiratie' })) === null) return [];
  const own = config.kern(project.kern) ? config.agendaSlug(project.kern) : null;
  const byAgenda = new Map<string, string>();
  for (const t of tokens ?? [])
    if (t.role === 'commissie' && t.kern && config.kern(t.kern)) {
      const agenda = config.agendaSlug(t.kern);
      if (agenda !== own && !byAgenda.has(agenda) && registry.writerFor(agendaRoom(config, t.kern)))
        byAgenda.set(agenda, t.kern);
    }
  return [...byAgenda.values()];
}

export function TakeOver({ project, plein }: { project: Project; plein: Room }) {
  const { config, registry, now } = useServices();
  const online = useStore(registry.online);
  const kernen = useTakingKernen(project);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState<Done | null>(null);
  const confirmation = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) confirmation.current?.focus();
  }, [done]);
  if (kernen.length === 0) return null;
  const source = kernName(config, project.kern);

  const take = async (kern: string) => {
    setBusy(true);
    setError('');
    const name = agendaRoom(config, kern);
    const lease = registry.open(name);
    try {
      await lease.room.ready;
      const writer = registry.writerFor(name);
      if (!writer)
        throw new ValidationError({ kern: 'Je code geeft geen toegang meer tot deze kernagenda.' });
      const pointId = takeOver(lease.room.doc, plein.doc, project.id, {
        actor: writer.claims.name,
        now: now().toISOString(),
        config,
        kern,
      });
      setDone({ kern, pointId, offline: !online });
    } catch (caught) {
      if (!(caught instanceof ValidationError)) {
        console.error('Taking over failed', caught);
        setError('Overnemen lukte niet. Probeer het nog eens.');
      } else setError(Object.values(caught.fieldErrors)[0] ?? 'Overnemen lukte niet.');
    } finally {
      // The room lingers a while after this, so the edit is stored and sent.
      lease.release();
      setBusy(false);
    }
  };

  return (
    <section className="take-over" aria-labelledby="overnemen-title">
      <h2 id="overnemen-title">Dit willen wij ook</h2>
      {done ? (
        <div className="take-over-done" ref={confirmation} tabIndex={-1} role="status">
          <p>
            Overgenomen. Het staat nu als idee op de kernagenda van {kernName(config, done.kern)},
            met alles wat {source} nodig had.
            {done.offline && ' Je bent offline: het gaat mee zodra je weer verbinding hebt.'}
          </p>
          <p>
            <Link href={pointAddress(done.kern, done.pointId)} className="page-link">
              Naar de kernagenda van {kernName(config, done.kern)}
            </Link>
          </p>
        </div>
      ) : (
        <p>
          Zet dit project als idee op de kernagenda van je eigen kern, met alles wat {source} nodig
          had. Daarna pas je het aan jullie kern aan.
        </p>
      )}
      {kernen.map((kern) => {
        const taken = project.takenUpBy[kern];
        if (done?.kern === kern) return null;
        return taken ? (
          <p key={kern}>
            <Link href={pointAddress(kern, taken.pointId)} className="page-link">
              Staat op de kernagenda van {kernName(config, kern)}
            </Link>
          </p>
        ) : (
          <div className="buttons" key={kern}>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void take(kern)}
            >
              Dit willen wij ook
              <span className={kernen.length > 1 ? undefined : 'sr-only'}>
                {' '}
                voor {kernName(config, kern)}
              </span>
            </button>
          </div>
        );
      })}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
