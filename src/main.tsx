/**
 * Composition root: the gemeente's configuration (chosen at build time), the device db and
 * the room registry are created here, once, and passed down; nothing else initialises
 * itself. The registry follows the tokens on this device, so a room reconnects with write
 * access as soon as a code is added (and without it when the code is forgotten).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import rawConfig from '@gemeente';
import { parseGemeenteConfig } from './config/gemeente';
import { listTokens, openDeviceDb, watch } from './storage/db';
import { createRoomRegistry, relayUrl } from './sync/registry';
import { App } from './ui/App';
import { ServicesContext, type Services } from './ui/hooks/useServices';
import './ui/styles.css';

function start(root: HTMLElement): void {
  const config = parseGemeenteConfig(rawConfig);
  const db = openDeviceDb();
  const registry = createRoomRegistry({
    url: relayUrl(window.location),
    config,
    network: { online: navigator.onLine, target: window },
  });
  watch(
    () => listTokens(db),
    (rows) =>
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
      ),
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

start(document.getElementById('root')!);
