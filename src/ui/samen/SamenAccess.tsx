/**
 * Who you are on a joint project and what you may do: a committee of a kern that takes part
 * edits it; a committee of an invited kern joins with one button ("Meedoen namens Heukelum"),
 * which also puts the project on its own kern page; everyone else reads it, and is told how a
 * kern comes to take part. The relay checks every code; this only shows what it allows.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { useServices } from '../hooks/useServices';
import type { Samen } from './useSamen';
import { kernName } from './words';

export function SamenAccess({ samen }: { samen: Samen }) {
  const { config } = useServices();
  const { kern, member, invited, writer, status } = samen;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [joined, setJoined] = useState(false);
  const welcome = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (joined && member) welcome.current?.focus();
  }, [joined, member]);
  const name = kern ? kernName(config, kern) : '';

  if (member)
    return (
      <section className="notice success" aria-labelledby="samen-toegang">
        <h2 id="samen-toegang" className="sr-only">
          Toegang
        </h2>
        <p ref={welcome} tabIndex={-1}>
          {joined
            ? `${name} doet nu mee. Het samenproject staat ook op de kernpagina van ${name}. `
            : ''}
          Je doet mee namens de commissie van {name}: je kunt dit samenproject wijzigen.
        </p>
        {status.editsRefused && (
          <p>
            <strong>Let op:</strong> je laatste wijzigingen staan alleen op dit apparaat.{' '}
            {status.editsRefused}
          </p>
        )}
      </section>
    );

  if (invited)
    return (
      <section className="notice" aria-labelledby="samen-toegang">
        <h2 id="samen-toegang">{name} is uitgenodigd</h2>
        <p>
          Doet {name} mee? Dan kan de commissie van {name} dit samenproject mee wijzigen, en staat
          het ook op de kernpagina van {name}.
        </p>
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setError('');
            void samen.join().then((errors) => {
              setBusy(false);
              if (errors) setError(Object.values(errors)[0] ?? 'Meedoen lukte niet.');
              else setJoined(true);
            });
          }}
        >
          Meedoen namens {name}
        </button>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </section>
    );

  return (
    <section className="notice" aria-labelledby="samen-toegang">
      <h2 id="samen-toegang" className="sr-only">
        Toegang
      </h2>
      <p>
        <strong>
          Je kunt dit samenproject lezen. Alleen de commissies van de kernen die meedoen kunnen het
          wijzigen.
        </strong>
      </p>
      {writer ? (
        <p>
          Je bent ingelogd als commissie van {name}. {name} doet niet mee. Wil {name} meedoen? Vraag
          dan een kern die meedoet om {name} uit te nodigen.
        </p>
      ) : (
        <p>
          Ben je lid van een commissie die meedoet? Vul eerst je toegangscode in op de pagina van je
          kern (<Link href="/">kies je kern</Link>) en open daarna deze link opnieuw.
        </p>
      )}
    </section>
  );
}
