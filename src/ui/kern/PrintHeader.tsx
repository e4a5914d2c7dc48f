/**
 * What only paper shows (hidden on screen): the kern and the date above the points, and a
 * QR code to the kern page for the house-to-house folder. The QR encoder is its own chunk,
 * and the code is made once the page is idle after it shows (or when printing starts), so it
 * is never part of the first load nor of the time to show the points.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Kern } from '../../config/gemeente';
import { useServices } from '../hooks/useServices';
import { whenIdle } from '../../sync/schedule';

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
  const [withQr, setWithQr] = useState(false);
  useEffect(() => {
    const show = () => setWithQr(true);
    const printing = () => flushSync(show);
    const cancel = whenIdle(show, 2_000);
    window.addEventListener('beforeprint', printing);
    return () => {
      cancel();
      window.removeEventListener('beforeprint', printing);
    };
  }, []);
  return (
    <div className="print-only print-header">
      <div>
        <p className="print-title">Kernagenda {kern.name}</p>
        <p>Afgedrukt op {longDate.format(now())}.</p>
        <p>
          Kijk mee en denk mee op Kernplein: <span className="print-url">{url}</span>
        </p>
      </div>
      {withQr && (
        <Suspense fallback={null}>
          <QrCode text={url} label={`QR-code naar de kernagenda van ${kern.name}`} />
        </Suspense>
      )}
    </div>
  );
}
