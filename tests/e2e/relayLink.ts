/**
 * What the stories of the end-to-end tests share: `relayLink(device)` routes a device's relay
 * connection through Playwright, so a test can cut it for real (the server sees the socket
 * close, as when a phone loses its signal; `context.setOffline` alone leaves an open
 * WebSocket silently dropping frames, NOTES.md) and give it back; `step` names the step of a
 * story that failed.
 */
import type { BrowserContext, WebSocketRoute } from 'playwright-core';

export interface RelayLink {
  /** Closes the open relay sockets and refuses new ones until `restore`. */
  cut(): Promise<void>;
  restore(): void;
}

const lost = { code: 4500, reason: 'geen verbinding' };

export async function relayLink(device: BrowserContext): Promise<RelayLink> {
  let open = true;
  const sockets = new Set<WebSocketRoute>();
  await device.routeWebSocket(/\/sync\//, (ws) => {
    if (!open) return void ws.close(lost);
    sockets.add(ws);
    ws.connectToServer();
  });
  return {
    async cut() {
      open = false;
      for (const ws of sockets) await ws.close(lost);
      sockets.clear();
    },
    restore() {
      open = true;
    },
  };
}

/** Runs one step of a story; a failure names the step. */
export async function step(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    throw new Error(`step "${name}" failed: ${(error as Error).message}`, { cause: error });
  }
}
