/**
 * Who you are on this kernagenda and what you may do: read-only with how to get access
 * (paste a code or join link, stored on this device), or signed in as a commissie member
 * with a button to forget the code. The relay checks every code; this only shows them.
 */
import { useEffect, useRef, useState } from 'react';
import type { Kern } from '../../config/gemeente';
import { addToken, askPersistentStorage, removeToken } from '../../storage/db';
import type { DeviceToken } from '../../sync/tokens';
import { useServices } from '../hooks/useServices';
import { AccessCodeForm } from '../shell/AccessCodeForm';

interface Props {
  group: readonly Kern[];
  writer: DeviceToken | null;
  /** The device's other tokens (from the same registry as `writer`, so the two agree). */
  tokens: readonly DeviceToken[];
  tokenRejected: boolean;
  /** The relay's reason for refusing this device's edits, or null. */
  refusedEdits: string | null;
}

const names = (kernen: readonly Kern[], word: string) =>
  kernen.length <= 1
    ? (kernen[0]?.name ?? '')
    : `${kernen
        .slice(0, -1)
        .map((k) => k.name)
        .join(', ')} ${word} ${kernen[kernen.length - 1]!.name}`;

export function AccessPanel({ group, writer, tokens, tokenRejected, refusedEdits }: Props) {
  const { config, db, now } = useServices();
  const [saved, setSaved] = useState(false);
  const welcome = useRef<HTMLParagraphElement>(null);
  // A saved code that grants writing replaces the form: move focus to what it now says.
  useEffect(() => {
    if (writer && saved) welcome.current?.focus();
  }, [writer, saved]);

  const who = ({ claims }: DeviceToken) =>
    claims.role === 'commissie'
      ? `${claims.name}, commissie ${config.kern(claims.kern ?? '')?.name ?? claims.kern}`
      : `${claims.name}, ${claims.role}`;

  const forget = (token: string) => void removeToken(db, token);

  if (writer) {
    return (
      <section className="notice success" aria-labelledby="toegang-title">
        <h2 id="toegang-title" className="sr-only">
          Toegang
        </h2>
        <p ref={welcome} tabIndex={-1}>
          Je bent ingelogd als {who(writer)}: je kunt deze kernagenda wijzigen.
        </p>
        {refusedEdits && (
          <p>
            <strong>Let op:</strong> je laatste wijzigingen staan alleen op dit apparaat.{' '}
            {refusedEdits}
          </p>
        )}
        <button type="button" onClick={() => forget(writer.token)}>
          Vergeet deze code op dit apparaat
        </button>
      </section>
    );
  }

  return (
    <section className="notice" aria-labelledby="toegang-title">
      <h2 id="toegang-title" className="sr-only">
        Toegang
      </h2>
      <p>
        <strong>
          Je kunt deze kernagenda lezen. Alleen de commissie van {names(group, 'of')} kan hem
          wijzigen.
        </strong>
      </p>
      {tokenRejected && (
        <p>
          <strong>Let op:</strong> je toegangscode werkt niet (meer). Vraag de beheerder om een
          nieuwe code.
        </p>
      )}
      {tokens.map((other) => (
        <div key={other.token}>
          <p>Je bent ingelogd als {who(other)}. Daarmee kun je deze kernagenda niet wijzigen.</p>
          <button type="button" onClick={() => forget(other.token)}>
            Vergeet deze code op dit apparaat
          </button>
        </div>
      ))}
      <p>Ben je lid van de commissie? Vraag de beheerder om een toegangscode en vul die hier in.</p>
      <AccessCodeForm
        label="Toegangscode"
        hint="Plak de code of de link die je van de beheerder kreeg."
        unreadable="Dit is geen geldige toegangscode. Kopieer de hele code of link die je van de beheerder kreeg."
        refuse={(claims) =>
          claims.kern && !config.kern(claims.kern)
            ? `Deze toegangscode hoort niet bij een kern van ${config.gemeente.name}.`
            : null
        }
        onTry={() => setSaved(false)}
        onAccept={async (token) => {
          await addToken(db, token, now().toISOString());
          void askPersistentStorage();
          setSaved(true);
        }}
      >
        <p role="status">{saved ? 'De code is bewaard op dit apparaat.' : ''}</p>
      </AccessCodeForm>
    </section>
  );
}
