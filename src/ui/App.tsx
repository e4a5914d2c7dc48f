/**
 * Routes of the app. The home page is in the first bundle; the kern page and the join page
 * (`/join/<code>`, an invite link) are loaded on first visit (route-level code splitting),
 * the service worker precaches them for offline use.
 */
import { lazy, Suspense } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { HomePage } from './home/HomePage';
import { AccessibilityPage } from './info/AccessibilityPage';
import { NotFoundPage } from './shell/NotFoundPage';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { Layout } from './shell/Layout';

const KernPage = lazy(() => import('./kern/KernPage'));
const JoinPage = lazy(() => import('./join/JoinPage'));

export function App() {
  const [location] = useLocation();
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
