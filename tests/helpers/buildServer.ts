/**
 * Global setup of the integration and end-to-end tests: builds the server they start
 * (`dist-server/main.mjs`, scripts/build-server.ts) from the sources as they are now.
 */
import { buildServer } from '../../scripts/build-server';

export default async function setup(): Promise<void> {
  await buildServer();
}
