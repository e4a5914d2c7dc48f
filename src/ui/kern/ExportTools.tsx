/**
 * Taking the kernagenda out of the app, for everyone: "Download als CSV" (for the gemeente's
 * administration; csv.ts owns the file's shape, BOM included) and "Afdrukken" (the browser's
 * print dialog; the print CSS in styles.css and PrintHeader make it a clean A4).
 */
import { csvFileName, kernagendaCsv } from '../../model/csv';
import { readKernagenda } from '../../model/kernagenda';
import type { Room } from '../../sync/room';
import { useServices } from '../hooks/useServices';
import { downloadFile } from '../shell/downloadFile';

export function ExportTools({ room, slug }: { room: Room; slug: string }) {
  const { config, now } = useServices();
  const download = () =>
    downloadFile(
      kernagendaCsv(readKernagenda(room.doc), config),
      csvFileName(slug, now().toISOString()),
    );
  return (
    <section className="export-tools no-print" aria-labelledby="export-title">
      <h2 id="export-title">Bewaren en delen</h2>
      <p>Print de kernagenda voor de vergadering of de folder, of download hem voor Excel.</p>
      <div className="buttons">
        <button type="button" onClick={() => window.print()}>
          Afdrukken
        </button>
        <button type="button" onClick={download}>
          Download als CSV
        </button>
      </div>
    </section>
  );
}
