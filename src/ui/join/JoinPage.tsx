/**
 * `/join/<code>`: a committee member opens the invite link from the beheerder, types the
 * name the others will see, and gets a token for the kern (stored on this device); then the
 * kern page opens, editable. The invite is checked first, so a link that no longer works says
 * so before anyone types. Loaded lazily, like the kern page.
 *
 * A link may carry `?naam=...` (the beheerder's `--name-hint`): it only fills in the field.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { addToken, askPersistentStorage } from '../../storage/db';
import { checkInvite, joinWithInvite, type InviteCheck } from '../../sync/join';
import { useServices } from '../hooks/useServices';
import { useTitle } from '../hooks/useTitle';

const maxNameLength = 60;

const longDate = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});

function nameHint(): string {
  if (typeof window === 'undefined') return '';
  return (new URLSearchParams(window.location.search).get('naam') ?? '').slice(0, maxNameLength);
}

export default function JoinPage({ code }: { code: string }) {
  const { config, db, now } = useServices();
  const [, navigate] = useLocation();
  const [check, setCheck] = useState<InviteCheck | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [name, setName] = useState(nameHint);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  useTitle('Uitnodiging');

  useEffect(() => {
    let live = true;
    void checkInvite(code).then((result) => live && setCheck(result));
    return () => {
      live = false;
    };
  }, [code, attempt]);

  useEffect(() => {
    if (failure) alert.current?.focus();
  }, [failure]);

  const retry = () => {
    setCheck(null);
    setAttempt((n) => n + 1);
  };

  if (!check) return <p className="loading">Uitnodiging controleren…</p>;

  if (!check.ok) {
    const unreachable = check.status === 0 || check.status === 429 || check.status >= 500;
    return (
      <article className="page">
        <h1>
          {unreachable
            ? 'We konden de uitnodiging niet controleren'
            : 'Deze uitnodiging werkt niet'}
        </h1>
        <div className="warning" role="alert">
          <p>{check.message}</p>
        </div>
        {unreachable ? (
          <button type="button" className="primary" onClick={retry}>
            Opnieuw proberen
          </button>
        ) : (
          <p>
            <Link href="/">Naar alle kernen</Link>
          </p>
        )}
      </article>
    );
  }

  const kern = config.kern(check.kern);
  const group = config.agendaGroup(check.kern);
  const agendaOf = group.length > 0 ? group.map((k) => k.name).join(' en ') : check.kern;
  const kernName = kern?.name ?? check.kern;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const trimmed = name.trim();
    const problem = !trimmed
      ? 'Vul je naam in.'
      : [...trimmed].length > maxNameLength
        ? `Je naam is te lang. Gebruik hoogstens ${maxNameLength} tekens.`
        : null;
    setFieldError(problem);
    if (problem) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    const joined = await joinWithInvite(code, trimmed);
    if (!joined.ok) {
      setBusy(false);
      if (joined.error === 'no_name' || joined.error === 'long_name') {
        setFieldError(joined.message);
        input.current?.focus();
      } else if (joined.status === 404 || joined.status === 410) {
        // The invite stopped working since it was checked: show why, without the form.
        setCheck(joined);
      } else {
        setFailure(joined.message);
      }
      return;
    }
    await addToken(db, joined.token, now().toISOString());
    void askPersistentStorage();
    // Replace: the invite link leaves the history, and Back does not offer it again.
    navigate(`/kern/${joined.kern}`, { replace: true });
  };

  const describedBy = [`${inputId}-hint`, fieldError ? `${inputId}-error` : '']
    .filter(Boolean)
    .join(' ');

  return (
    <article className="page">
      <h1>Meedoen met de kernagenda van {agendaOf}</h1>
      <p>
        Je bent uitgenodigd voor de commissie van {kernName}. Daarmee kun je de kernagenda samen met
        de andere leden bijwerken.
      </p>
      <p>De uitnodiging is geldig tot {longDate.format(new Date(check.expiresAt))}.</p>
      {failure && (
        <div className="warning" role="alert" tabIndex={-1} ref={alert}>
          <p>{failure}</p>
        </div>
      )}
      <form className="access-form" noValidate onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={inputId}>Je naam</label>
          <p className="hint" id={`${inputId}-hint`}>
            De andere commissieleden zien deze naam bij wat jij toevoegt of wijzigt.
          </p>
          <input
            id={inputId}
            ref={input}
            type="text"
            autoComplete="name"
            autoCapitalize="words"
            enterKeyHint="go"
            value={name}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => setName(e.target.value)}
          />
          {fieldError && (
            <p className="field-error" id={`${inputId}-error`}>
              {fieldError}
            </p>
          )}
        </div>
        <button type="submit" className="primary" aria-disabled={busy || undefined}>
          {busy ? 'Bezig met meedoen…' : 'Meedoen'}
        </button>
      </form>
    </article>
  );
}
