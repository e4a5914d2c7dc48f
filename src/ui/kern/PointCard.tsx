/**
 * One kernagendapunt as read: title, description and its facts; for those who may edit,
 * "Bewerken" and "Verwijderen" (which asks first, inline). When others have this point's edit
 * form open, a small note says so ("Anna bewerkt dit punt"). On a year's view, a badge says
 * when a point came over from an earlier year, and a note when its request counts for a
 * later year than it names (made after the closing day). A point made from an idea of the
 * bewoners' ideas board links back to it (PointFromIdea); its ties to the inspiratieplein
 * (an example taken over, shared, "Delen op het inspiratieplein") are PointOnPlein's.
 */
import { useEffect, useRef } from 'react';
import { budgetKindLabels, ownerLabels, statusLabels, type Point } from '../../model/kernagenda';
import { dayLabel } from '../../model/budget';
import { formatEuro } from '../../model/money';
import { useServices } from '../hooks/useServices';
import { PointDescription } from './PointDescription';
import { PointFromIdea } from './PointFromIdea';
import { PointFromExample, PointOnPlein } from './PointOnPlein';

interface Props {
  point: Point;
  canEdit: boolean;
  confirming: boolean;
  /** The names of the others editing this point now. */
  editors?: readonly string[];
  /** On a year's view: the first year of a point carried over from before (yearView.ts). */
  carriedFrom?: number;
  /** The later year its request counts for, when made after the closing day (yearView.ts). */
  movedTo?: number | null;
  onEdit(): void;
  onAskDelete(): void;
  onDelete(): void;
  onKeep(): void;
}

export const editButtonId = (id: string) => `bewerk-${id}`;

const list = new Intl.ListFormat('nl', { type: 'conjunction' });

export function PointCard({
  point,
  canEdit,
  confirming,
  editors = [],
  carriedFrom,
  movedTo = null,
  onEdit,
  onAskDelete,
  onDelete,
  onKeep,
}: Props) {
  const { config } = useServices();
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);
  const titleId = `punt-${point.id}`;
  const theme = config.theme(point.theme)?.name ?? 'Overig';
  return (
    <article className="point" aria-labelledby={titleId}>
      <h4 id={titleId}>{point.title}</h4>
      {carriedFrom !== undefined && (
        <p className="badge carried">
          {Number.isFinite(carriedFrom)
            ? `Uit ${carriedFrom} meegenomen`
            : 'Uit een eerder jaar meegenomen'}
        </p>
      )}
      <PointFromIdea pointId={point.id} title={point.title} />
      <PointFromExample pointId={point.id} />
      {editors.length > 0 && (
        <p className="editing-note no-print">
          {list.format(editors)} {editors.length === 1 ? 'bewerkt' : 'bewerken'} dit punt
        </p>
      )}
      <PointDescription text={point.description} />
      <dl className="facts">
        <dt>Status</dt>
        <dd>{statusLabels[point.status]}</dd>
        <dt>Wie pakt het op</dt>
        <dd>{ownerLabels[point.owner]}</dd>
        <dt>Thema</dt>
        <dd>{theme}</dd>
        {point.contact && (
          <>
            <dt>Contactpersoon</dt>
            <dd>{point.contact}</dd>
          </>
        )}
        <dt>Bedrag</dt>
        <dd>
          {point.budget
            ? `${formatEuro(point.budget.amountCents)} in ${point.budget.year} (${budgetKindLabels[point.budget.kind].toLowerCase()})`
            : 'Geen geld gevraagd'}
        </dd>
      </dl>
      <PointOnPlein point={point} canEdit={canEdit} />
      {movedTo !== null && (
        <p className="late-request">
          {`Telt mee voor ${movedTo}: aangevraagd na de sluitingsdatum (${dayLabel(config.budget.lastRequestDay)} ${movedTo - 1}).`}
        </p>
      )}
      {canEdit && !confirming && (
        <div className="buttons">
          <button type="button" id={editButtonId(point.id)} onClick={onEdit}>
            Bewerken<span className="sr-only">: {point.title}</span>
          </button>
          <button type="button" className="danger" onClick={onAskDelete}>
            Verwijderen<span className="sr-only">: {point.title}</span>
          </button>
        </div>
      )}
      {canEdit && confirming && (
        <div
          className="warning"
          role="group"
          aria-label="Verwijderen bevestigen"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              onKeep();
            }
          }}
        >
          <p ref={question} tabIndex={-1}>
            Weet je zeker dat je &lsquo;{point.title}&rsquo; wilt verwijderen?
          </p>
          <div className="buttons">
            <button type="button" className="danger" onClick={onDelete}>
              Ja, verwijderen
            </button>
            <button type="button" onClick={onKeep}>
              Nee, bewaren
            </button>
          </div>
        </div>
      )}
    </article>
  );
}
