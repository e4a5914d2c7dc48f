/** The page for an address that does not exist (also for an unknown kern). */
import { useLayoutEffect } from 'react';
import { Link } from 'wouter';
import { dropSnapshot } from '../../storage/pageSnapshot';
import { useTitle } from '../hooks/useTitle';

export function NotFoundPage({ what = 'Deze pagina' }: { what?: string }) {
  useTitle('Pagina niet gevonden');
  useLayoutEffect(() => dropSnapshot(), []);
  return (
    <article className="page">
      <h1>Pagina niet gevonden</h1>
      <p>{what} bestaat niet. Misschien is de link oud of zit er een typefout in.</p>
      <p>
        <Link href="/">Naar alle kernen</Link>
      </p>
    </article>
  );
}
