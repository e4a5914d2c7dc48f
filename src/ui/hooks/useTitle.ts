/** Sets the document title for a page: "<page> – <app name>". */
import { useEffect } from 'react';
import { useServices } from './useServices';

export function useTitle(page: string | null): void {
  const { config } = useServices();
  useEffect(() => {
    document.title = page ? `${page} – ${config.app.name}` : config.app.name;
  }, [page, config]);
}
