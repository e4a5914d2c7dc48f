/**
 * The gemeente screen without a gemeente code on this device: what the screen is for, where
 * residents go instead, and a field for the gemeente's access code (stored on this device
 * only when it is a gemeente code that has not expired; the relay checks its signature).
 */
import { useId, useRef, useState } from 'react';
import { Link } from 'wouter';
import { isExpired, parseAccessCode, readTokenClaims } from '../../storage/accessCode';
import { addToken } from '../../storage/db';
import { useServices } from '../hooks/useServices';

export function GemeenteAccess() {
  const { config, db, now } = useServices();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const token = parseAccessCode(code);
    const claims = token ? readTokenClaims(token) : null;
    let problem: string | null = null;
    if (!code.trim()) problem = 'Vul een toegangscode in.';
    else if (!token || !claims)
      problem =
        'Dit is geen geldige toegangscode. Kopieer de hele code die je van de beheerder kreeg.';
    else if (isExpired(claims, now().toISOString()))
      problem = 'Deze toegangscode is verlopen. Vraag de beheerder om een nieuwe.';
    else if (claims.role !== 'gemeente')
      problem =
        'Dit is geen toegangscode van de gemeente. Met deze code kun je hier geen berichten plaatsen.';
    if (problem || !token) {
      setError(problem);
      input.current?.focus();
      return;
    }
    setError(null);
    await addToken(db, token, now().toISOString());
  };

  return (
    <section className="notice" aria-labelledby="gemeente-toegang">
      <h2 id="gemeente-toegang">Alleen voor de gemeente</h2>
      <p>
        Op deze pagina plaatst de gemeente {config.gemeente.name} berichten voor de kernen,
        bijvoorbeeld over werkzaamheden of een afgesloten weg. Hier beantwoordt de gemeente ook de
        vragen van bewoners.
      </p>
      <p>
        Woon je in een van de kernen? Dan staan de berichten voor jouw kern bij{' '}
        <Link href="/berichten">Berichten</Link>.
      </p>
      <p>
        Werk je bij de gemeente? Vraag de beheerder van {config.app.name} om een toegangscode voor
        de gemeente en vul die hier in. De code wordt alleen op dit apparaat bewaard.
      </p>
      <form className="access-form" noValidate onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={inputId}>Toegangscode van de gemeente</label>
          <input
            id={inputId}
            ref={input}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={code}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
            onChange={(e) => setCode(e.target.value)}
          />
          {error && (
            <p className="field-error" id={`${inputId}-error`}>
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="primary">
          Code gebruiken
        </button>
      </form>
    </section>
  );
}
