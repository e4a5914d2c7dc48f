/**
 * One version of the kernagenda, read-only: clearly marked "Alleen lezen", its points with
 * theme, status and amount. Nothing here can be edited; the live agenda stays above.
 */
import type { Kernagenda } from '../../model/kernagenda';
import { budgetKindLabels, statusLabels } from '../../model/kernagenda';
import { formatEuro } from '../../model/money';
import type { VersionInfo } from '../../model/versions';
import { useServices } from '../hooks/useServices';
import { formatMoment } from '../shell/time';

interface Props {
  info: VersionInfo;
  agenda: Kernagenda;
  onClose(): void;
}

export const versionViewTitleId = 'versie-bekijken-title';

export function VersionView({ info, agenda, onClose }: Props) {
  const { config } = useServices();
  return (
    <section className="panel version-view" aria-labelledby={versionViewTitleId}>
      <h3 id={versionViewTitleId} tabIndex={-1}>
        {info.name}
      </h3>
      <p className="notice">
        <strong>Alleen lezen: versie van {formatMoment(info.at)}</strong>
        {info.by && <>, vastgelegd door {info.by}</>}. Zo stond de kernagenda er toen. Wat nu geldt,
        staat hierboven.
      </p>
      {agenda.points.length === 0 ? (
        <p>In deze versie stonden geen punten.</p>
      ) : (
        <ul className="activity-list" aria-label={`Punten in ${info.name}`}>
          {agenda.points.map((p) => (
            <li key={p.id} className="activity-item">
              <h4>{p.title}</h4>
              <dl className="facts">
                <dt>Thema</dt>
                <dd>{config.theme(p.theme)?.name ?? 'Overig'}</dd>
                <dt>Status</dt>
                <dd>{statusLabels[p.status]}</dd>
                <dt>Bedrag</dt>
                <dd>
                  {p.budget
                    ? `${formatEuro(p.budget.amountCents)} in ${p.budget.year} (${budgetKindLabels[p.budget.kind].toLowerCase()})`
                    : 'Geen geld gevraagd'}
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={onClose}>
        Sluiten<span className="sr-only">: {info.name}</span>
      </button>
    </section>
  );
}
