/**
 * What only paper shows (hidden on screen): the kern and the date above the points, and a
 * QR code to the kern page for the house-to-house folder. The QR encoder is its own chunk,
 * loaded after the page shows, so it is never part of the first load.
 */
import { lazy, Suspense } from 'react';
import type { Kern } from '../../config/gemeente';
import { useServices } from '../hooks/useServices';

const QrCode = lazy(() => import('./QrCode'));

const longDate = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});

export function PrintHeader({ kern }: { kern: Kern }) {
  const { now } = useServices();
  const url = `${window.location.origin}/kern/${kern.slug}`;
  return (
    <div className="print-only print-header">
      <div>
        <p className="print-title">Kernagenda {kern.name}</p>
        <p>Afgedrukt op {longDate.format(now())}.</p>
        <p>
          Kijk mee en denk mee op Kernplein: <span className="print-url">{url}</span>
        </p>
      </div>
      <Suspense fallback={null}>
        <QrCode text={url} label={`QR-code naar de kernagenda van ${kern.name}`} />
      </Suspense>
    </div>
  );
}
