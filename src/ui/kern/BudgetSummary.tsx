/**
 * The year's budget: requested against budget and what is left, in words and as a bar
 * (the bar only repeats the words), and the budget rules that are not met, as plain
 * warnings. Over budget (which a merge of two offline edits can cause) is said plainly.
 * Contributions to joint projects, counted in the figures, are listed as their own lines.
 */
import type { BudgetFigures } from '../../model/budget';
import { formatEuro } from '../../model/money';
import { JointBudgetLines } from './JointBudgetLines';

export function BudgetSummary({
  figures,
  title,
  children,
}: {
  figures: BudgetFigures;
  title: string;
  children?: React.ReactNode;
}) {
  const { budgetCents, requestedCents, remainingCents, violations, year } = figures;
  const over = remainingCents < 0;
  const share = budgetCents > 0 ? Math.min(100, (requestedCents / budgetCents) * 100) : 100;
  return (
    <section className="budget" aria-labelledby="budget-title">
      <h2 id="budget-title">{title}</h2>
      <p className="budget-figures">
        Aangevraagd: <strong>{formatEuro(requestedCents)}</strong> van{' '}
        <strong>{formatEuro(budgetCents)}</strong>.{' '}
        {over ? (
          <>
            Te veel aangevraagd: <strong>{formatEuro(-remainingCents)}</strong>.
          </>
        ) : (
          <>
            Nog over: <strong>{formatEuro(remainingCents)}</strong>.
          </>
        )}
      </p>
      <div className={over ? 'bar over' : 'bar'} aria-hidden="true">
        <div className="bar-fill" style={{ width: `${share}%` }} />
      </div>
      <p>
        Nieuwe initiatieven: {formatEuro(figures.newCents)}. Bestaande activiteiten:{' '}
        {formatEuro(figures.existingCents)}.
      </p>
      <JointBudgetLines figures={figures} />
      {violations.length > 0 && (
        <div className="warning">
          <p>
            <strong>
              Let op:{' '}
              {over
                ? `deze kernagenda vraagt meer geld dan het budget voor ${year}.`
                : 'niet alle aanvragen passen binnen de regels.'}
            </strong>
          </p>
          <ul>
            {violations.map((v) => (
              <li key={`${v.rule}-${v.pointIds.join(',')}`}>{v.message}</li>
            ))}
          </ul>
        </div>
      )}
      {children}
    </section>
  );
}
