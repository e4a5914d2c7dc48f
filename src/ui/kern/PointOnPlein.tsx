/**
 * On a kernagendapunt's card, its ties to the inspiratieplein (PleinLinks.tsx):
 * - below its title, when taken over from another kern's project: "Naar het voorbeeld van
 *   Beesd", a link to it (PointFromExample);
 * - below its facts, when shared on the plein: "Gedeeld op het inspiratieplein" with a link to the project, and
 *   the kernen that took it over ("Overgenomen door Heukelum");
 * - a realised point not shared yet, for the committee (a code that writes this kernagenda
 *   and the plein): "Delen op het inspiratieplein", one step that publishes it with its
 *   figures filled in from the point (publishFromPoint). The project is updated later on
 *   the plein. The button waits until the plein's content is known, so a point shared from
 *   another device is not shared twice.
 */
import { useState } from 'react';
import { Link } from 'wouter';
import { publishFromPoint } from '../../model/inspiration';
import type { Point } from '../../model/kernagenda';
import { roomName } from '../../model/rooms';
import { ValidationError } from '../../model/validation';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';
import { kernNames, projectAddress } from '../shell/pleinAddresses';
import { usePleinLinks } from './PleinLinks';

export function PointFromExample({ pointId }: { pointId: string }) {
  const { config } = useServices();
  const example = usePleinLinks()?.examples.get(pointId);
  if (!example) return null;
  return (
    <p className="from-example">
      <Link href={projectAddress(example.projectId)}>
        Naar het voorbeeld van {config.kern(example.kern)?.name ?? example.kern}
      </Link>
    </p>
  );
}

export function PointOnPlein({ point, canEdit }: { point: Point; canEdit: boolean }) {
  const { config, registry, now } = useServices();
  const links = usePleinLinks();
  useStore(registry.access);
  const focusAfterRender = useFocusAfterRender();
  const [error, setError] = useState('');
  if (!links) return null;
  const shared = links.shared.get(point.id);
  const linkId = `plein-${point.id}`;
  const writer = registry.writerFor(roomName({ kind: 'inspiratie' }));
  const canShare =
    canEdit &&
    writer !== null &&
    links.plein !== null &&
    links.known &&
    !shared &&
    point.status === 'gerealiseerd';

  const share = () => {
    if (!links.plein || !writer) return;
    try {
      publishFromPoint(
        links.plein.doc,
        { kern: links.kern.slug, agenda: links.agendaDoc, pointId: point.id },
        {},
        { actor: writer.claims.name, now: now().toISOString(), config },
      );
      setError('');
      focusAfterRender(linkId);
    } catch (caught) {
      if (!(caught instanceof ValidationError)) throw caught;
      setError(Object.values(caught.fieldErrors)[0] ?? 'Delen lukte niet.');
    }
  };

  return (
    <>
      {shared && (
        <div className="on-plein">
          <p>
            <span>Gedeeld op het inspiratieplein.</span>{' '}
            <Link id={linkId} href={projectAddress(shared.id)} className="no-print">
              Bekijk het project<span className="sr-only">: {shared.title}</span>
            </Link>
          </p>
          {shared.takenUpBy.length > 0 && (
            <p className="taken-up">Overgenomen door {kernNames(config, shared.takenUpBy)}.</p>
          )}
        </div>
      )}
      {canShare && (
        <div className="buttons no-print">
          <button type="button" onClick={share}>
            Delen op het inspiratieplein<span className="sr-only">: {point.title}</span>
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
