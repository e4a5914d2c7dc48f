/**
 * "Bijdragen uit het kernagendabudget": what each kern that takes part gives to the joint
 * project in a year, and the total. Each kern sets only its own amount; it counts in that
 * kern's own budget figures (jointBudget.ts), shown on its kern page. An amount set after the
 * year's closing day counts for the next year, as any request does: the table says so.
 */
import { useRef, useState } from 'react';
import { budgetYearFor, dayLabel, requestYear } from '../../model/budget';
import { formatEuro, parseEuro } from '../../model/money';
import { setContribution } from '../../model/samen';
import { useServices } from '../hooks/useServices';
import { AmountInput, Field } from '../shell/Field';
import type { Samen } from './useSamen';
import { byKernName, kernName } from './words';

/** Cents as someone types them: 120000 -> '1.200', 75050 -> '750,50'. */
const amountText = (cents: number) => formatEuro(cents).replace(/^€\s/, '');

function OwnContribution({
  samen,
  year,
  cents,
  onDone,
}: {
  samen: Samen;
  year: number;
  cents: number;
  onDone(message: string): void;
}) {
  const { config } = useServices();
  const [text, setText] = useState(cents ? amountText(cents) : '');
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const name = kernName(config, samen.kern!);
  const refuse = (message: string) => {
    setError(message);
    input.current?.focus();
  };
  return (
    <form
      className="samen-own"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const amount = text.trim() === '' ? 0 : parseEuro(text);
        if (amount === null) return refuse('Vul een bedrag in zoals 1.200 of 750,50.');
        const refused = samen.write((ctx) => setContribution(samen.room.doc, year, amount, ctx));
        if (refused) return refuse(Object.values(refused)[0] ?? 'Dit bedrag kan niet.');
        setError('');
        onDone(
          amount
            ? `Bijdrage van ${name} voor ${year} opgeslagen: ${formatEuro(amount)}.`
            : `${name} draagt in ${year} niets bij.`,
        );
      }}
    >
      <Field
        id={`bijdrage-${year}`}
        label={`Bijdrage van ${name} in ${year} (€)`}
        hint={`Telt mee in het ${config.budget.name} van ${name}. Leeg of 0: geen bijdrage.`}
        error={error}
      >
        {(control) => (
          <AmountInput
            {...control}
            ref={input}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="primary">
        Bijdrage opslaan
      </button>
    </form>
  );
}

export function SamenContributions({ samen }: { samen: Samen }) {
  const { config, now } = useServices();
  const project = samen.project!;
  const currentYear = budgetYearFor(now().toISOString(), config.budget);
  const [year, setYear] = useState(currentYear);
  const [message, setMessage] = useState('');
  const years = [
    ...new Set([currentYear, currentYear + 1, ...project.contributions.map((c) => c.year), year]),
  ].sort((a, b) => a - b);
  const kernen = byKernName(config, Object.keys(project.participants));
  const ofYear = project.contributions.filter((c) => c.year === year);
  const total = ofYear.reduce((sum, c) => sum + c.cents, 0);
  const own = samen.kern ? ofYear.find((c) => c.kern === samen.kern) : undefined;

  return (
    <section aria-labelledby="samen-bijdragen">
      <h2 id="samen-bijdragen">Bijdragen uit het {config.budget.name}</h2>
      <p>
        Elke kern zet zelf wat ze bijdraagt. Die bijdrage telt mee in het budget op de kernagenda
        van die kern.
      </p>
      <div className="field year-choice">
        <label htmlFor="samen-jaar">Jaar</label>
        <select id="samen-jaar" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y === currentYear ? `${y} (nu)` : y}
            </option>
          ))}
        </select>
      </div>
      <table className="samen-table">
        <caption>Bijdragen in {year}</caption>
        <thead>
          <tr>
            <th scope="col">Kern</th>
            <th scope="col" className="amount">
              Bijdrage
            </th>
          </tr>
        </thead>
        <tbody>
          {kernen.map((k) => {
            const c = ofYear.find((x) => x.kern === k);
            const counts = c
              ? requestYear(
                  { year, amountCents: c.cents, kind: 'nieuw', requestedAt: c.at },
                  config.budget,
                )
              : year;
            return (
              <tr key={k}>
                <th scope="row">{kernName(config, k)}</th>
                <td className="amount">
                  {c ? formatEuro(c.cents) : 'Nog niets'}
                  {counts !== year && (
                    <span className="late-request">
                      {' '}
                      Telt mee voor {counts}, want de bijdrage is na{' '}
                      {dayLabel(config.budget.lastRequestDay)} {year} gezet.
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Totaal</th>
            <td className="amount">{formatEuro(total)}</td>
          </tr>
        </tfoot>
      </table>
      {samen.member && (
        <OwnContribution
          key={year}
          samen={samen}
          year={year}
          cents={own?.cents ?? 0}
          onDone={setMessage}
        />
      )}
      <p role="status" className="samen-done">
        {message}
      </p>
    </section>
  );
}
