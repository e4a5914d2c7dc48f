/**
 * Routes of the app. The home page is in the first bundle; the kern page is loaded on first
 * visit (route-level code splitting), the service worker precaches it for offline use.
 */
import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { HomePage } from './home/HomePage';
import { AccessibilityPage } from './info/AccessibilityPage';
import { NotFoundPage } from './shell/NotFoundPage';
import { Layout } from './shell/Layout';

const KernPage = lazy(() => import('./kern/KernPage'));

export function App() {
  return (
    <Layout>
      <Suspense fallback={<p className="loading">Laden…</p>}>
        <Switch>
          <Route path="/">
            <HomePage />
          </Route>
          <Route path="/kern/:slug">{(params) => <KernPage slug={params.slug} />}</Route>
          <Route path="/toegankelijkheid">
            <AccessibilityPage />
          </Route>
          <Route>
            <NotFoundPage />
          </Route>
        </Switch>
      </Suspense>
    </Layout>
  );
}
