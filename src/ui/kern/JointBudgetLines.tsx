/**
 * In the budget summary: what this kern gives to joint projects in the year shown, each as
 * its own line with a link to the project. The amounts are already counted in the figures
 * above (budgetFiguresWithJoint); these lines say which part they are. Nothing without shares.
 */
import { Link } from 'wouter';
import type { BudgetFigures } from '../../model/budget';
import { formatEuro } from '../../model/money';
import type { JointBudgetFigures } from '../../model/samen';
import { useServices } from '../hooks/useServices';
import { samenAddress } from './JointLinks';

export function JointBudgetLines({
  figures,
}: {
  figures: BudgetFigures & Partial<JointBudgetFigures>;
}) {
  const { config } = useServices();
  const { joint, jointCents = 0, pointsCents = 0 } = figures;
  if (!joint?.length) return null;
  const kernen = new Set(joint.map((s) => s.kern));
  return (
    <div className="joint-budget">
      <p>
        Daarvan voor samenprojecten met andere kernen: <strong>{formatEuro(jointCents)}</strong>.
        Voor de punten op de kernagenda: <strong>{formatEuro(pointsCents)}</strong>.
      </p>
      <ul aria-label="Bijdragen aan samenprojecten">
        {joint.map((share) => (
          <li key={`${share.projectId}:${share.kern}:${share.year}`}>
            <Link href={samenAddress(share.projectId)}>{share.title}</Link>
            {kernen.size > 1 ? ` (${config.kern(share.kern)?.name ?? share.kern})` : ''}:{' '}
            {formatEuro(share.cents)}
          </li>
        ))}
      </ul>
    </div>
  );
}
