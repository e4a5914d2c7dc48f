/**
 * Routes of the app. The home page is in the first bundle; the kern page and the join page
 * (`/join/<code>`, an invite link) are loaded on first visit (route-level code splitting),
 * the service worker precaches them for offline use.
 */
import { lazy, Suspense, useEffect } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { HomePage } from './home/HomePage';
import { AccessibilityPage } from './info/AccessibilityPage';
import { NotFoundPage } from './shell/NotFoundPage';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { Layout } from './shell/Layout';

const loadKernPage = () => import('./kern/KernPage');
const KernPage = lazy(loadKernPage);
const JoinPage = lazy(() => import('./join/JoinPage'));

/**
 * The kern page's code (with Yjs) is fetched and run once the first screen is idle, so a tap
 * on a kern waits for its data only. Not on a slow or data-saving connection.
 */
function prefetchKernPage(): void {
  const connection = (navigator as { connection?: { saveData?: boolean; effectiveType?: string } })
    .connection;
  if (connection?.saveData || /2g/.test(connection?.effectiveType ?? '')) return;
  const idle = (fn: () => void) =>
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback(fn, { timeout: 3_000 })
      : setTimeout(fn, 1_000);
  idle(() => void loadKernPage().catch(() => undefined));
}

export function App() {
  const [location] = useLocation();
  useEffect(prefetchKernPage, []);
  return (
    <Layout>
      <ErrorBoundary key={location}>
        <Suspense fallback={<p className="loading">Laden…</p>}>
          <Switch>
            <Route path="/">
              <HomePage />
            </Route>
            <Route path="/kern/:slug">{(params) => <KernPage slug={params.slug} />}</Route>
            <Route path="/join/:code">{(params) => <JoinPage code={params.code} />}</Route>
            <Route path="/toegankelijkheid">
              <AccessibilityPage />
            </Route>
            <Route>
              <NotFoundPage />
            </Route>
          </Switch>
        </Suspense>
      </ErrorBoundary>
    </Layout>
  );
}
