/**
 * "Wie doen mee": the kernen that take part (the one that started first) and those invited
 * that have not joined yet; for a kern that takes part, inviting another kern and the link to
 * send its committee (with a copy button; where copying is not allowed the link is selected,
 * to copy by hand). An invited committee opens the link and joins (SamenAccess).
 */
import { useRef, useState } from 'react';
import { sortedKernen } from '../../config/gemeente';
import { inviteKern } from '../../model/samen';
import { useServices } from '../hooks/useServices';
import { Field } from '../shell/Field';
import type { Samen } from './useSamen';
import { byKernName, kernName } from './words';

export function SamenKernen({ samen }: { samen: Samen }) {
  const { config } = useServices();
  const project = samen.project!;
  const [choice, setChoice] = useState('');
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const select = useRef<HTMLSelectElement>(null);
  const linkField = useRef<HTMLInputElement>(null);
  // The kern that started first, then by name.
  const participants = byKernName(config, Object.keys(project.participants)).sort(
    (a, b) => Number(b === project.kern) - Number(a === project.kern),
  );
  const waiting = byKernName(config, Object.keys(project.invited)).filter(
    (k) => !project.participants[k],
  );
  const free = sortedKernen(config).filter(
    (k) => !project.participants[k.slug] && !project.invited[k.slug],
  );
  const link = `${location.origin}/samen/${samen.id}`;

  const invite = (event: React.FormEvent) => {
    event.preventDefault();
    setMessage('');
    if (!choice) {
      setError('Kies een kern om uit te nodigen.');
      select.current?.focus();
      return;
    }
    const errors = samen.write((ctx) => inviteKern(samen.room.doc, choice, ctx));
    if (errors) {
      setError(Object.values(errors)[0] ?? 'Uitnodigen lukte niet.');
      select.current?.focus();
      return;
    }
    setError('');
    setChoice('');
    const name = kernName(config, choice);
    setMessage(
      `${name} is uitgenodigd. Stuur de commissie van ${name} de link naar dit samenproject.`,
    );
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setMessage('De link is gekopieerd. Plak hem in een e-mail of bericht.');
    } catch {
      linkField.current?.focus();
      linkField.current?.select();
      setMessage('Kopiëren lukte niet. De link is geselecteerd: kopieer hem zelf.');
    }
  };

  return (
    <section aria-labelledby="samen-kernen">
      <h2 id="samen-kernen">
        Wie doen mee <span className="count">({participants.length})</span>
      </h2>
      <ul className="samen-kernen">
        {participants.map((k) => (
          <li key={k}>
            {kernName(config, k)}
            {k === project.kern ? ' (gestart)' : ''}
          </li>
        ))}
      </ul>
      {waiting.length > 0 && (
        <>
          <h3>Uitgenodigd, nog niet meegedaan</h3>
          <ul className="samen-kernen">
            {waiting.map((k) => (
              <li key={k}>{kernName(config, k)}</li>
            ))}
          </ul>
        </>
      )}
      {samen.member && (
        <>
          <form className="samen-invite" noValidate onSubmit={invite}>
            <Field id="samen-uitnodigen" label="Kern uitnodigen" error={error}>
              {(control) => (
                <select
                  {...control}
                  ref={select}
                  value={choice}
                  onChange={(e) => setChoice(e.target.value)}
                >
                  <option value="">Kies een kern</option>
                  {free.map((k) => (
                    <option key={k.slug} value={k.slug}>
                      {k.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit">Uitnodigen</button>
          </form>
          <Field
            id="samen-link"
            label="Link naar dit samenproject"
            hint="Stuur deze link naar de commissie van de kern die je uitnodigt. Zij openen hem en kiezen ‘Meedoen’."
          >
            {(control) => (
              <input
                {...control}
                ref={linkField}
                type="text"
                readOnly
                value={link}
                onFocus={(e) => e.target.select()}
              />
            )}
          </Field>
          <button type="button" onClick={() => void copy()}>
            Link kopiëren
          </button>
        </>
      )}
      <p role="status" className="samen-done">
        {message}
      </p>
    </section>
  );
}
