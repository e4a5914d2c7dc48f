/**
 * The frame of every page: skip link, header (app name, sync status), update prompt, main
 * landmark, footer. After a route change the page's h1 gets focus, so screen readers and
 * keyboard users start at the new content.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useServices } from '../hooks/useServices';
import { SyncIndicator } from './SyncIndicator';
import { UpdatePrompt } from './UpdatePrompt';

export function Layout({ children }: { children: ReactNode }) {
  const { config } = useServices();
  const [location] = useLocation();
  const main = useRef<HTMLElement>(null);
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
        <SyncIndicator />
      </header>
      <UpdatePrompt />
      <main id="inhoud" ref={main} tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer">
        <nav aria-label="Over deze app">
          <Link href="/toegankelijkheid">Toegankelijkheid</Link>
        </nav>
      </footer>
    </>
  );
}
