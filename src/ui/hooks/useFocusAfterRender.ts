/**
 * Moves focus to an element by id once the next render has put it on the page (after a
 * form closes, a point is restored, a panel opens): `focusAfterRender('punt-3-bewerken')`.
 */
import { useCallback, useEffect, useRef } from 'react';

export function useFocusAfterRender(): (id: string | null) => void {
  const next = useRef<string | null>(null);
  useEffect(() => {
    if (!next.current) return;
    document.getElementById(next.current)?.focus();
    next.current = null;
  });
  return useCallback((id: string | null) => {
    next.current = id;
  }, []);
}
