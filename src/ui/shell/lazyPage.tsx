/**
 * A route's page from its own chunk (route-level code splitting), in place of `React.lazy`.
 *
 * React.lazy suspends, then renders the page as a retry: a render React may interrupt, and
 * start again, for every other update on the screen (the sync status, the notices, a room
 * that opens…). On a phone a kern page opened by its address waited that way up to 0.7 s
 * for a quiet moment before it showed. Here the page, once its code is in, renders as an
 * ordinary update that runs to the end; until then the frame says "Laden…". A page that
 * loaded before (`preload`, or an earlier visit) renders at once.
 *
 * A chunk that cannot be fetched (offline before the service worker had it) throws into the
 * ErrorBoundary around the routes, as React.lazy did.
 */
import {
  createElement,
  startTransition,
  useEffect,
  useState,
  type ComponentType,
  type ReactNode,
} from 'react';

type Module<P> = { default: ComponentType<P> };

export interface LazyPage<P> {
  (props: P): ReactNode;
  /** Fetches and runs the page's code (once); later renders of the page need no wait. */
  preload(): Promise<unknown>;
}

export function lazyPage<P extends object>(load: () => Promise<Module<P>>): LazyPage<P> {
  let page: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () => {
    loading ??= load().then(
      (module) => (page = module.default),
      (error: unknown) => {
        loading = null; // a later visit tries again
        throw error;
      },
    );
    return loading;
  };

  function Page(props: P) {
    const [loaded, setLoaded] = useState<{ page: ComponentType<P> } | null>(() =>
      page ? { page } : null,
    );
    const [failed, setFailed] = useState<{ error: unknown } | null>(null);
    useEffect(() => {
      if (loaded) return;
      let current = true;
      preload().then(
        (done) => current && startTransition(() => setLoaded({ page: done })),
        (error: unknown) => current && setFailed({ error }),
      );
      return () => {
        current = false;
      };
    }, [loaded]);
    if (failed) throw failed.error;
    if (!loaded) return <p className="loading">Laden…</p>;
    return createElement(loaded.page, props);
  }
  return Object.assign(Page, { preload });
}
