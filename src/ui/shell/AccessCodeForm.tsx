/**
 * The field for an access code (a bare code or a join link) with its "Code gebruiken" button.
 * It refuses what is empty, unreadable or expired, and whatever `refuse` says does not belong
 * on this screen; the error stays at the field and focus goes back to it. An accepted code is
 * handed to `onAccept` (which stores it on this device) and the field is emptied. The relay
 * checks each code's signature: this only reads what the code says about itself.
 */
import { useId, useRef, useState, type ReactNode } from 'react';
import {
  isExpired,
  parseAccessCode,
  readTokenClaims,
  type TokenInfo,
} from '../../storage/accessCode';
import { useServices } from '../hooks/useServices';
import { Field } from './Field';

interface Props {
  label: string;
  hint?: string;
  /** The error for text that holds no readable code: where a whole code comes from. */
  unreadable: string;
  /** Why a readable code that has not expired is refused here, or null to accept it. */
  refuse(claims: TokenInfo): string | null;
  /** Stores the accepted code. */
  onAccept(token: string): Promise<unknown>;
  /** Called at the start of every submit. */
  onTry?(): void;
  /** Shown after the button (a status line). */
  children?: ReactNode;
}

export function AccessCodeForm({
  label,
  hint,
  unreadable,
  refuse,
  onAccept,
  onTry,
  children,
}: Props) {
  const { now } = useServices();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    onTry?.();
    const token = parseAccessCode(code);
    const claims = token ? readTokenClaims(token) : null;
    let problem: string | null = null;
    if (!code.trim()) problem = 'Vul een toegangscode in.';
    else if (!token || !claims) problem = unreadable;
    else if (isExpired(claims, now().toISOString()))
      problem = 'Deze toegangscode is verlopen. Vraag de beheerder om een nieuwe.';
    else problem = refuse(claims);
    if (problem || !token) {
      setError(problem);
      input.current?.focus();
      return;
    }
    await onAccept(token);
    setError(null);
    setCode('');
  };

  return (
    <form className="access-form" noValidate onSubmit={(e) => void submit(e)}>
      <Field id={inputId} label={label} hint={hint} error={error ?? undefined}>
        {(control) => (
          <input
            {...control}
            ref={input}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="primary">
        Code gebruiken
      </button>
      {children}
    </form>
  );
}
