/**
 * The gemeente's overview of all kernen (`/gemeente/overzicht`): the "actueel inzicht en
 * overzicht" the gemeente asked for. With a gemeente code on this device: the table of every
 * kernagenda (OverviewTable, from overview.ts), the joint projects, and "Download als CSV"
 * (overviewCsv: Excel-NL, BOM, semicolons; saved by downloadFile, as the kern page's CSV). Without
 * one it says what the page is for and where the gemeente enters its code (`/gemeente`).
 * Loaded lazily (route-level code splitting).
 */
import { useState } from 'react';
import { Link } from 'wouter';
import { budgetYearFor } from '../../model/budget';
import { formatEuro } from '../../model/money';
import { overviewCsv, overviewCsvFileName } from '../../model/overview';
import { roomName } from '../../model/rooms';
import { useTokens } from '../hooks/useDevice';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';
import { useTitle } from '../hooks/useTitle';
import { downloadFile } from '../shell/downloadFile';
import { byKernName, kernNames } from '../shell/kernNames';
import { OverviewTable } from './OverviewTable';
import { useOverview } from './useOverview';

function OverviewScreen() {
  const { config, now } = useServices();
  const currentYear = budgetYearFor(now().toISOString(), config.budget);
  const [year, setYear] = useState(currentYear);
  const { view, known, complete, samen } = useOverview(year);

  return (
    <>
      <p>
        Per kern: de punten op de kernagenda per status, het {config.budget.name}, wat er is
        aangevraagd en wat er over is, wat de kern deelde op het inspiratieplein, wat andere kernen
        overnamen en de samenprojecten. Bijdragen aan samenprojecten tellen mee bij de kern die ze
        geeft.
      </p>
      <div className="toolbar">
        <div className="field year-choice">
          <label htmlFor="overzicht-jaar">Jaar</label>
          <select
            id="overzicht-jaar"
            value={year}
            onChange={(e) => setYear(Number(e.target.value))}
          >
            {[currentYear - 1, currentYear, currentYear + 1].map((y) => (
              <option key={y} value={y}>
                {y === currentYear ? `${y} (nu)` : y}
              </option>
            ))}
          </select>
        </div>
        <div className="buttons">
          <button
            type="button"
            onClick={() =>
              downloadFile(overviewCsv(view), overviewCsvFileName(now().toISOString()))
            }
          >
            Download als CSV
          </button>
        </div>
      </div>
      <p role="status" className={complete ? undefined : 'loading'}>
        {complete
          ? 'Alle kernagenda’s zijn geladen.'
          : 'De kernagenda’s worden geladen. De cijfers kunnen nog veranderen.'}
      </p>
      <OverviewTable view={view} known={known} complete={complete} />
      <section aria-labelledby="overzicht-samen">
        <h2 id="overzicht-samen">
          Samenprojecten <span className="count">({samen.length})</span>
        </h2>
        {samen.length === 0 ? (
          <p>Er is nog geen samenproject gevonden.</p>
        ) : (
          <ul className="joint-list">
            {samen.map((project) => {
              const given = project.contributions
                .filter((c) => c.year === year)
                .reduce((sum, c) => sum + c.cents, 0);
              return (
                <li key={project.id}>
                  <Link href={`/samen/${project.id}`} className="page-link">
                    {project.title}
                  </Link>
                  <p>
                    Met {kernNames(config, byKernName(config, Object.keys(project.participants)))}.
                    Bijdragen in {year}: {formatEuro(given)}.
                    {project.orderLines.length > 0 &&
                      ` Samen ingekocht: ${formatEuro(project.orderTotalCents)}.`}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}

export default function OverzichtPage() {
  const { config, registry } = useServices();
  useStore(registry.access);
  const tokens = useTokens();
  useTitle('Overzicht van alle kernen');
  const writer = registry.writerFor(roomName({ kind: 'berichten' }));
  return (
    <div className="page overzicht-page">
      <h1>Overzicht van alle kernen</h1>
      {tokens === undefined ? (
        <p className="loading">Laden…</p>
      ) : writer ? (
        <OverviewScreen />
      ) : (
        <section className="notice" aria-labelledby="overzicht-toegang">
          <h2 id="overzicht-toegang">Alleen voor de gemeente</h2>
          <p>
            Op deze pagina ziet de gemeente {config.gemeente.name} alle kernen in één overzicht: de
            kernagenda&apos;s, het budget en wat kernen samen doen.
          </p>
          <p>
            Werk je bij de gemeente? Vul dan eerst de toegangscode van de gemeente in op de pagina{' '}
            <Link href="/gemeente">Voor de gemeente</Link>. Daarna zie je hier het overzicht.
          </p>
          <p>
            Woon je in een van de kernen? Kies dan je kern op de <Link href="/">startpagina</Link>.
          </p>
        </section>
      )}
    </div>
  );
}
