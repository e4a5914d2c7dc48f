/**
 * The overview as a table: a row per kernagenda (kernen that share one are one row, as they
 * share one budget) with its points per status, its budget, what it requested (joint
 * contributions included) and what is left this year, what it shared on the inspiratieplein,
 * the take-overs both ways and its joint projects; the totals below. A kernagenda whose
 * content is not known yet says "Laden…" in its row. On a phone the table scrolls sideways
 * in a region that takes keyboard focus, with the kern's name as each row's header.
 */
import { Link } from 'wouter';
import { formatEuro } from '../../model/money';
import type { Overview, OverviewFigures } from '../../model/overview';
import { statusLabels, statuses } from '../../model/point';

interface Props {
  view: Overview;
  known: ReadonlyMap<string, boolean>;
  complete: boolean;
}

function cells(f: OverviewFigures) {
  const over = f.remainingCents < 0;
  return (
    <>
      <td>{f.points}</td>
      {statuses.map((s) => (
        <td key={s}>{f.byStatus[s]}</td>
      ))}
      <td className="amount">{formatEuro(f.budgetCents)}</td>
      <td className="amount">{formatEuro(f.requestedCents)}</td>
      <td className="amount">{formatEuro(f.jointCents)}</td>
      <td className={over ? 'amount over' : 'amount'}>
        {formatEuro(f.remainingCents)}
        {over && <span className="sr-only"> (te veel aangevraagd)</span>}
      </td>
      <td>{f.shared}</td>
      <td>{f.takenOverBy}</td>
      <td>{f.takenOverFrom}</td>
      <td>{f.samen}</td>
    </>
  );
}

export function OverviewTable({ view, known, complete }: Props) {
  const columns = 15;
  return (
    <>
      <p className="hint" id="overzicht-schuif">
        Past de tabel niet op je scherm? Schuif hem dan opzij.
      </p>
      <div
        className="table-scroll"
        role="region"
        aria-labelledby="overzicht-tabel"
        aria-describedby="overzicht-schuif"
        tabIndex={0}
      >
        <table className="overview-table">
          <caption id="overzicht-tabel">Alle kernen in {view.year}</caption>
          <thead>
            <tr>
              <th scope="col">Kern</th>
              <th scope="col">Punten</th>
              {statuses.map((s) => (
                <th scope="col" key={s}>
                  {statusLabels[s]}
                </th>
              ))}
              <th scope="col">Budget</th>
              <th scope="col">Aangevraagd</th>
              <th scope="col">Waarvan samen&shy;projecten</th>
              <th scope="col">Over</th>
              <th scope="col">Gedeeld op het plein</th>
              <th scope="col">Over&shy;genomen door andere kernen</th>
              <th scope="col">Over&shy;genomen van andere kernen</th>
              <th scope="col">Samen&shy;projecten</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr key={row.kern}>
                <th scope="row">
                  <Link href={`/kern/${row.kern}`}>{row.name}</Link>
                </th>
                {known.get(row.kern) ? (
                  cells(row)
                ) : (
                  <td colSpan={columns - 1} className="loading">
                    Laden…
                  </td>
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Totaal{complete ? '' : ' (nog niet compleet)'}</th>
              {cells(view.totals)}
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
