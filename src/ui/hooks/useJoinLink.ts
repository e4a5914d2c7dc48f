/**
 * A join link (`…?token=…`) stores its token on this device and then disappears from the
 * address bar (and from the browser history), so it is not shared by accident.
 */
import { useEffect } from 'react';
import { parseAccessCode } from '../../storage/accessCode';
import { addToken, TokenRefused } from '../../storage/db';
import { useServices } from './useServices';

export function useJoinLink(): void {
  const { db, now } = useServices();
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has('token')) return;
    const token = parseAccessCode(url.search);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    if (!token) return;
    addToken(db, token, now().toISOString()).catch((error: unknown) => {
      if (!(error instanceof TokenRefused)) console.error('Could not store the join token', error);
    });
  }, [db, now]);
}
