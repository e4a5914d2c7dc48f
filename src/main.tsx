/**
 * Composition root: the gemeente's configuration (chosen at build time), the device db and
 * the room registry are created here, once, and passed down; nothing else initialises
 * itself. The registry follows the tokens on this device, so a room reconnects with write
 * access as soon as a code is added (and without it when the code is forgotten). On a device
 * that holds codes, rooms wait for the first list of them, so a page opened with a code
 * connects once, with it; a device without codes connects at once, before the device db has
 * loaded (Dexie is fetched after the first bundle: db.ts).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import rawConfig from '@gemeente';
import { parseGemeenteConfig } from './config/gemeente';
import { parseAccessCode } from './storage/accessCode';
import { dropSnapshot, failsafeMs, loadStylesheet } from './storage/pageSnapshot';
import {
  addToken,
  listTokens,
  mayHoldTokens,
  openDeviceDb,
  rememberTokens,
  TokenRefused,
  watch,
  type DeviceDb,
} from './storage/db';
import { createRoomRegistry, relayUrl } from './sync/registry';
import { App } from './ui/App';
import { ServicesContext, type Services } from './ui/hooks/useServices';
import './ui/styles.css';

/**
 * A join link (`…?token=…`) stores its token on this device before anything connects, and
 * the token leaves the address bar and the history, so it is not shared by accident.
 */
async function takeJoinLink(db: DeviceDb): Promise<boolean> {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('token')) return false;
  const token = parseAccessCode(url.search);
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  if (!token) return false;
  await addToken(db, token, new Date().toISOString()).catch((error: unknown) => {
    if (!(error instanceof TokenRefused)) console.error('Could not store the join token', error);
  });
  return true;
}

async function start(root: HTMLElement): Promise<void> {
  const config = parseGemeenteConfig(rawConfig);
  const db = openDeviceDb();
  const joined = await takeJoinLink(db);
  const registry = createRoomRegistry({
    url: relayUrl(window.location),
    config,
    network: { online: navigator.onLine, target: window },
  });
  // A device without tokens connects at once; one with tokens waits for them (db.ts).
  if (!joined && !mayHoldTokens()) registry.setTokens([]);
  watch(
    db,
    () => listTokens(db),
    (rows) => {
      rememberTokens(rows);
      registry.setTokens(
        rows.map((row) => ({
          token: row.token,
          claims: {
            id: row.id,
            role: row.role,
            name: row.name,
            ...(row.kern ? { kern: row.kern } : {}),
          },
          expiresAt: row.expiresAt,
        })),
      );
    },
    { empty: [] },
  );
  const services: Services = { config, db, registry, now: () => new Date() };
  createRoot(root).render(
    <StrictMode>
      <ServicesContext value={services}>
        <App />
      </ServicesContext>
    </StrictMode>,
  );
}

loadStylesheet();
void start(document.getElementById('root')!);
// The service worker's copy of a kern page gives way when the page is drawn; at the latest now.
setTimeout(() => dropSnapshot({ now: true }), failsafeMs);
