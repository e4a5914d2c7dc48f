/**
 * "Meedoen als bewoner": who you are on the ideas board. Without a code that writes it, a
 * small form asks a display name and the home kern (the kern being viewed by default) and
 * gets a resident token from the server (sync/resident.ts), stored on this device; no
 * account, no password. With one, it says under which name you take part and, for a
 * resident, offers to stop on this device (the resident codes are forgotten; what you wrote
 * stays). The relay checks every code; this only shows them.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Kern } from '../../config/gemeente';
import { addToken, askPersistentStorage, removeToken } from '../../storage/db';
import { joinAsResident, residentNameLimit, residentNameProblem } from '../../sync/resident';
import type { DeviceToken } from '../../sync/tokens';
import { useTokens } from '../hooks/useDevice';
import { useServices } from '../hooks/useServices';
import { joinSectionId } from './ideaWords';

interface Props {
  kern: Kern;
  /** The code this device writes the ideas board with, or null (read-only). */
  writer: DeviceToken | null;
  /** The relay refused this device's code for the board. */
  tokenRejected: boolean;
  /** Puts a message in the page's status line. */
  say(message: string): void;
}

const titleId = `${joinSectionId}-title`;
const welcomeId = `${joinSectionId}-welkom`;

export function ResidentPanel({ kern, writer, tokenRejected, say }: Props) {
  const { config, db, now } = useServices();
  const tokens = useTokens();
  const [name, setName] = useState('');
  const [home, setHome] = useState(kern.slug);
  const [nameError, setNameError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [joined, setJoined] = useState(false);
  const [stopped, setStopped] = useState(false);
  const id = useId();
  const nameInput = useRef<HTMLInputElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  const kernen = [...config.kernen].sort((a, b) => a.name.localeCompare(b.name, 'nl'));

  // Once a code is stored or forgotten the panel changes: focus goes to what it now says.
  useEffect(() => {
    if (writer && joined) document.getElementById(welcomeId)?.focus();
    if (!writer && stopped) document.getElementById(titleId)?.focus();
  }, [writer, joined, stopped]);
  useEffect(() => {
    if (failure) alert.current?.focus();
  }, [failure]);

  const kernName = (slug: string | undefined) => config.kern(slug ?? '')?.name ?? slug ?? '';

  const stop = async () => {
    const residents = (tokens ?? []).filter((t) => t.role === 'bewoner');
    for (const row of residents) await removeToken(db, row.token);
    if (writer?.claims.role === 'bewoner') await removeToken(db, writer.token);
    setJoined(false);
    setStopped(true);
    say('Je doet op dit apparaat niet meer mee. Je ideeën en reacties blijven staan.');
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const problem = residentNameProblem(name);
    setNameError(problem);
    if (problem) {
      nameInput.current?.focus();
      return;
    }
    setBusy(true);
    const result = await joinAsResident(name, home);
    setBusy(false);
    if (!result.ok) {
      if (result.error === 'no_name' || result.error === 'long_name') {
        setNameError(result.message);
        nameInput.current?.focus();
      } else setFailure(result.message);
      return;
    }
    await addToken(db, result.token, now().toISOString());
    void askPersistentStorage();
    setName('');
    setStopped(false);
    setJoined(true);
    say(`Je doet nu mee als ${result.name}.`);
  };

  if (writer) {
    const { claims } = writer;
    const who =
      claims.role === 'bewoner'
        ? `${claims.name}, bewoner van ${kernName(claims.kern)}`
        : claims.role === 'commissie'
          ? `${claims.name}, commissie ${kernName(claims.kern)}`
          : `${claims.name}, ${claims.role}`;
    return (
      <section className="notice success resident" aria-labelledby={titleId} id={joinSectionId}>
        <h2 id={titleId} className="sr-only">
          Meedoen
        </h2>
        <p id={welcomeId} tabIndex={-1}>
          Je doet mee als {who}. Je kunt ideeën plaatsen, steunen en erop reageren.
        </p>
        {claims.role === 'bewoner' && (
          <button type="button" onClick={() => void stop()}>
            Stoppen op dit apparaat
          </button>
        )}
      </section>
    );
  }

  const describedBy = [`${id}-name-hint`, nameError ? `${id}-name-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <section className="panel resident" aria-labelledby={titleId} id={joinSectionId}>
      <h2 id={titleId} tabIndex={-1}>
        Meedoen als bewoner
      </h2>
      <p>
        Je hebt geen account of wachtwoord nodig: je kiest alleen een naam en je kern. Anderen zien
        die naam bij je ideeën en reacties.
      </p>
      {tokenRejected && (
        <p className="warning">
          Je code om mee te doen werkt niet meer. Doe hieronder opnieuw mee.
        </p>
      )}
      {failure && (
        <div className="warning" role="alert" tabIndex={-1} ref={alert}>
          <p>{failure}</p>
        </div>
      )}
      <form className="access-form" noValidate onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-name`}>Je naam</label>
          <p className="hint" id={`${id}-name-hint`}>
            Bijvoorbeeld je voornaam. Hoogstens {residentNameLimit} tekens.
          </p>
          <input
            id={`${id}-name`}
            ref={nameInput}
            type="text"
            autoComplete="name"
            autoCapitalize="words"
            value={name}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => setName(e.target.value)}
          />
          {nameError && (
            <p className="field-error" id={`${id}-name-error`}>
              {nameError}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-kern`}>Je kern</label>
          <select id={`${id}-kern`} value={home} onChange={(e) => setHome(e.target.value)}>
            {kernen.map((k) => (
              <option key={k.slug} value={k.slug}>
                {k.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" aria-disabled={busy || undefined}>
          {busy ? 'Bezig met meedoen…' : 'Meedoen'}
        </button>
      </form>
    </section>
  );
}
