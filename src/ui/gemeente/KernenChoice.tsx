/**
 * For which kernen a notice is: one group of checkboxes (a fieldset with a legend), "Alle
 * kernen" first, then every kern (pilots first, like the home page); with "Alle kernen"
 * ticked the single kernen step aside. Under it a live preview says who will see the notice
 * ("Zichtbaar voor: Beesd, Heukelum"), announced politely as it changes.
 */
import { sortedKernen } from '../../config/gemeente';
import { useServices } from '../hooks/useServices';
import { visibleForText } from '../notices/noticeText';
import { targetOf, toggleKern } from './noticeForm';

interface Props {
  /** The id of the first checkbox ("Alle kernen"), which the error summary links to. */
  id: string;
  all: boolean;
  kernen: readonly string[];
  error: string | undefined;
  onChange(next: { all: boolean; kernen: readonly string[] }): void;
}

export function KernenChoice({ id, all, kernen, error, onChange }: Props) {
  const { config } = useServices();
  const order = config.kernen.map((k) => k.slug);
  const describedBy = [`${id}-hint`, `${id}-preview`, error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset className="kernen-choice" aria-describedby={describedBy}>
      <legend>Voor welke kernen?</legend>
      <p className="hint" id={`${id}-hint`}>
        Kies één of meer kernen, of alle kernen. Alleen wie die kernen volgt, ziet het bericht bij
        Berichten; het staat ook op de pagina van die kernen.
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <label className="choice">
        <input
          id={id}
          type="checkbox"
          checked={all}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange({ all: e.target.checked, kernen })}
        />
        Alle kernen
      </label>
      {!all && (
        <ul className="kernen-checks">
          {sortedKernen(config).map((kern) => (
            <li key={kern.slug}>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={kernen.includes(kern.slug)}
                  onChange={(e) =>
                    onChange({
                      all,
                      kernen: toggleKern(kernen, kern.slug, e.target.checked, order),
                    })
                  }
                />
                {kern.name}
              </label>
            </li>
          ))}
        </ul>
      )}
      <p className="preview" id={`${id}-preview`} aria-live="polite">
        {visibleForText(targetOf({ all, kernen }), config)}
      </p>
    </fieldset>
  );
}
