/**
 * A link to one kernagendapunt (`/kern/<slug>#punt-<id>`, from a search result or a
 * take-over) focuses that point's title once the live kernagenda is on the page, after the
 * shell's own focus on the page heading, and scrolls it into view.
 */
import { useEffect, useRef } from 'react';

export function useFocusPoint(loaded: boolean): void {
  const done = useRef(false);
  useEffect(() => {
    if (!loaded || done.current) return;
    const hash = decodeURIComponent(window.location.hash.slice(1));
    if (!hash.startsWith('punt-')) return;
    done.current = true;
    const timer = setTimeout(() => {
      const title = document.getElementById(hash);
      if (!title) return;
      title.setAttribute('tabindex', '-1');
      title.focus();
      title.scrollIntoView({ block: 'center' });
    }, 0);
    return () => clearTimeout(timer);
  }, [loaded]);
}
