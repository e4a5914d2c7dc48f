/**
 * Routes of the app. The home page is in the first bundle; the kern page, its ideas board
 * (`/kern/<slug>/ideeen`), the join page (`/join/<code>`, an invite link), the
 * inspiratieplein (`/plein`, `/plein/<id>`), the search (`/zoeken`), a joint project
 * (`/samen/<id>`) and the gemeente's overview (`/gemeente/overzicht`) are loaded on
 * first visit (route-level code splitting, shell/lazyPage.tsx), the service worker precaches
 * them for offline use.
 */
import { Suspense, useEffect } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { HomePage } from './home/HomePage';
import { AccessibilityPage } from './info/AccessibilityPage';
import { NotFoundPage } from './shell/NotFoundPage';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { Layout } from './shell/Layout';
import { lazyPage } from './shell/lazyPage';
import { afterLoad, whenIdle } from '../sync/schedule';

const KernPage = lazyPage(() => import('./kern/KernPage'));
const JoinPage = lazyPage(() => import('./join/JoinPage'));
const IdeasPage = lazyPage(() => import('./ideas/IdeasPage'));
const BerichtenPage = lazyPage(() => import('./berichten/BerichtenPage'));
const GemeentePage = lazyPage(() => import('./gemeente/GemeentePage'));
const PleinPage = lazyPage(() => import('./plein/PleinPage'));
const ProjectPage = lazyPage(() => import('./plein/ProjectPage'));
const SearchPage = lazyPage(() => import('./search/SearchPage'));
const SamenPage = lazyPage(() => import('./samen/SamenPage'));
const OverzichtPage = lazyPage(() => import('./overzicht/OverzichtPage'));

/**
 * The kern page's code (with Yjs) is fetched and run once the first screen has settled: a few
 * seconds after the page loaded, when the browser is idle. Running it (a long task on a
 * phone) while the home page is still starting would hold up the first taps on it; a tap on a
 * kern before then loads it as any route does. Not on a slow or data-saving connection.
 */
function prefetchKernPage(): () => void {
  const connection = (navigator as { connection?: { saveData?: boolean; effectiveType?: string } })
    .connection;
  if (connection?.saveData || /2g/.test(connection?.effectiveType ?? '')) return () => {};
  let cancelled = false;
  let cancelIdle = () => undefined as void;
  void afterLoad(settleMs).then(() => {
    if (!cancelled)
      cancelIdle = whenIdle(() => void KernPage.preload().catch(() => undefined), 3_000);
  });
  return () => {
    cancelled = true;
    cancelIdle();
  };
}

const settleMs = 3_000;

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
            <Route path="/kern/:slug/ideeen">{(params) => <IdeasPage slug={params.slug} />}</Route>
            <Route path="/join/:code">{(params) => <JoinPage code={params.code} />}</Route>
            <Route path="/plein">
              <PleinPage />
            </Route>
            <Route path="/plein/:id">{(params) => <ProjectPage id={params.id} />}</Route>
            <Route path="/zoeken">
              <SearchPage />
            </Route>
            <Route path="/berichten">
              <BerichtenPage />
            </Route>
            <Route path="/samen/:id">{(params) => <SamenPage id={params.id} />}</Route>
            <Route path="/gemeente/overzicht">
              <OverzichtPage />
            </Route>
            <Route path="/gemeente">
              <GemeentePage />
            </Route>
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
