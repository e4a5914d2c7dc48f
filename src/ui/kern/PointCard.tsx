/**
 * One kernagendapunt as read: title, description and its facts; for those who may edit,
 * "Bewerken" and "Verwijderen" (which asks first, inline). When others have this point's edit
 * form open, a small note says so ("Anna bewerkt dit punt"). On a year's view, a badge says
 * when a point came over from an earlier year, and a note when its request counts for a
 * later year than it names (made after the closing day). A point made from an idea of the
 * bewoners' ideas board links back to it (PointFromIdea); its ties to the inspiratieplein
 * (an example taken over, shared, "Delen op het inspiratieplein") are PointOnPlein's.
 */
import { memo, useEffect, useRef } from 'react';
import {
  budgetKindLabels,
  ownerLabels,
  samePoint,
  statusLabels,
  type Point,
} from '../../model/kernagenda';
import { dayLabel } from '../../model/budget';
import { formatEuro } from '../../model/money';
import { useServices } from '../hooks/useServices';
import { PointDescription } from './PointDescription';
import { PointFromIdea } from './PointFromIdea';
import { PointFromExample, PointOnPlein } from './PointOnPlein';

/** What a card's buttons do, for the point of the card (one object for all renders: AgendaView). */
export interface CardActions {
  edit(id: string): void;
  askDelete(id: string): void;
  /** "Nee, bewaren", or Escape, after "Verwijderen". */
  keep(id: string): void;
  remove(id: string): void;
}

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
  actions: CardActions;
}

/**
 * A card re-renders only when what it shows changed: a kernagenda of 200 points is read
 * again on every change, into new objects, and redrawing every card for one edit (or when
 * the live agenda takes over from the saved one) was most of the time to the screen.
 */
const sameCard = (a: Props, b: Props) =>
  samePoint(a.point, b.point) &&
  a.canEdit === b.canEdit &&
  a.confirming === b.confirming &&
  a.carriedFrom === b.carriedFrom &&
  a.movedTo === b.movedTo &&
  a.actions === b.actions &&
  (a.editors ?? []).join('\n') === (b.editors ?? []).join('\n');

export const editButtonId = (id: string) => `bewerk-${id}`;

const list = new Intl.ListFormat('nl', { type: 'conjunction' });

export const PointCard = memo(function PointCard({
  point,
  canEdit,
  confirming,
  editors = [],
  carriedFrom,
  movedTo = null,
  actions,
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
        <p className="editing-note no-print" data-now>
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
          <button type="button" id={editButtonId(point.id)} onClick={() => actions.edit(point.id)}>
            Bewerken<span className="sr-only">: {point.title}</span>
          </button>
          <button type="button" className="danger" onClick={() => actions.askDelete(point.id)}>
            Verwijderen<span className="sr-only">: {point.title}</span>
          </button>
        </div>
      )}
      {canEdit && confirming && (
        <div
          className="warning"
          data-now="question"
          role="group"
          aria-label="Verwijderen bevestigen"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              actions.keep(point.id);
            }
          }}
        >
          <p ref={question} tabIndex={-1}>
            Weet je zeker dat je &lsquo;{point.title}&rsquo; wilt verwijderen?
          </p>
          <div className="buttons">
            <button type="button" className="danger" onClick={() => actions.remove(point.id)}>
              Ja, verwijderen
            </button>
            <button type="button" onClick={() => actions.keep(point.id)}>
              Nee, bewaren
            </button>
          </div>
        </div>
      )}
    </article>
  );
}, sameCard);
