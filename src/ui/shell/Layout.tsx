/**
 * The frame of every page: skip link, header (app name, "Berichten" with the number of unread
 * notices, the inspiratieplein and search, sync status), update prompt, main landmark, footer. After a route change the page's h1 gets focus, so screen readers and
 * keyboard users start at the new content.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useServices } from '../hooks/useServices';
import { unreadText, useUnreadNotices } from '../notices/useUnreadNotices';
import { SyncIndicator } from './SyncIndicator';
import { UpdatePrompt } from './UpdatePrompt';

export function Layout({ children }: { children: ReactNode }) {
  const { config } = useServices();
  const [location] = useLocation();
  const main = useRef<HTMLElement>(null);
  const unread = useUnreadNotices();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = main.current?.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }, [location]);
  return (
    <>
      <a className="skip-link" href="#inhoud">
        Naar de inhoud
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          {config.app.name}
        </Link>
        <nav aria-label="Hoofdmenu" className="main-nav">
          <Link
            href="/berichten"
            className="nav-link"
            aria-current={location === '/berichten' ? 'page' : undefined}
          >
            Berichten
            {unread ? <span className="badge new"> {unreadText(unread)}</span> : null}
          </Link>
          <Link
            href="/plein"
            className="nav-link"
            aria-current={location.startsWith('/plein') ? 'page' : undefined}
          >
            Inspiratieplein
          </Link>
          <Link
            href="/zoeken"
            className="nav-link"
            aria-current={location === '/zoeken' ? 'page' : undefined}
          >
            Zoeken
          </Link>
        </nav>
        <SyncIndicator />
      </header>
      <UpdatePrompt />
      <main id="inhoud" ref={main} tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer">
        <nav aria-label="Over deze app">
          <Link href="/toegankelijkheid">Toegankelijkheid</Link>
          <Link href="/gemeente">Voor de gemeente</Link>
        </nav>
        <p className="app-version">Versie {__KERNPLEIN_VERSION__}</p>
      </footer>
    </>
  );
}
