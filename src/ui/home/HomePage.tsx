/**
 * Home: every kern (pilots first), with the kernen this device follows in their own section
 * on top, a search box that filters by name, and a follow toggle per kern. A device that
 * follows a kern also gets the way to the gemeente's Berichten, with the number of new ones.
 */
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { sortedKernen, type Kern } from '../../config/gemeente';
import { useFollows } from '../hooks/useDevice';
import { useServices } from '../hooks/useServices';
import { useTitle } from '../hooks/useTitle';
import { unreadText, useUnreadNotices } from '../notices/useUnreadNotices';
import { FollowButton } from '../shell/FollowButton';
import { matchesKern } from './kernSearch';

function KernList({ kernen, labelledBy }: { kernen: Kern[]; labelledBy: string }) {
  return (
    <ul className="kern-list" aria-labelledby={labelledBy}>
      {kernen.map((kern) => (
        <li key={kern.slug} className="kern-item">
          <Link href={`/kern/${kern.slug}`} className="kern-link">
            {kern.name}
            {kern.pilot && <span className="badge">Doet mee aan de proef</span>}
          </Link>
          <FollowButton kern={kern} />
        </li>
      ))}
    </ul>
  );
}

export function HomePage() {
  const { config } = useServices();
  const follows = useFollows();
  const [query, setQuery] = useState('');
  const searchId = useId();
  const unread = useUnreadNotices();
  useTitle(null);
  const followed = new Set(follows?.map((f) => f.kern));
  const all = sortedKernen(config).filter((k) => matchesKern(k.name, query));
  const mine = all.filter((k) => followed.has(k.slug));
  const others = all.filter((k) => !followed.has(k.slug));
  return (
    <div className="page">
      <h1>Kernen van {config.gemeente.name}</h1>
      <p className="lead">
        Kies je kern en bekijk de kernagenda. Volg een kern om hem snel terug te vinden, ook zonder
        internet.
      </p>
      <form className="search" role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={searchId}>Zoek een kern</label>
        <input
          id={searchId}
          type="search"
          value={query}
          autoComplete="off"
          onChange={(e) => setQuery(e.target.value)}
        />
      </form>
      <p className="result-count" role="status">
        {query.trim()
          ? all.length === 0
            ? `Geen kern gevonden met "${query.trim()}".`
            : `${all.length} ${all.length === 1 ? 'kern' : 'kernen'} gevonden.`
          : ''}
      </p>
      {mine.length > 0 && (
        <section aria-labelledby="jouw-kernen">
          <h2 id="jouw-kernen">Jouw kernen</h2>
          <KernList kernen={mine} labelledBy="jouw-kernen" />
        </section>
      )}
      {followed.size > 0 && (
        <p className="home-berichten">
          <Link href="/berichten" className="more-link">
            Berichten van de gemeente
            {unread ? <span className="badge new"> {unreadText(unread)}</span> : null}
          </Link>
        </p>
      )}
      {others.length > 0 && (
        <section aria-labelledby="alle-kernen">
          <h2 id="alle-kernen">{followed.size > 0 ? 'Andere kernen' : 'Alle kernen'}</h2>
          <KernList kernen={others} labelledBy="alle-kernen" />
        </section>
      )}
    </div>
  );
}
