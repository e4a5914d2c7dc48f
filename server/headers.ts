/**
 * Security headers on every HTTP response of the server (static files, the index.html
 * fallback, /api, /healthz, /metrics, errors, 404, and the refused upgrade outside /sync/).
 *
 * The Content-Security-Policy allows nothing inline and nothing from elsewhere: scripts,
 * styles, the manifest and the service worker come from this origin; the only other
 * connections are the relay's WebSocket on this same host (ws: and wss:, so it also holds
 * behind a TLS proxy). React's `style={...}` goes through the CSSOM, which `style-src 'self'`
 * permits; an inline `<script>` or `<style>` would be refused (vite-plugin-pwa's inline
 * register script is therefore not used: `injectRegister: false`). The one exception is made
 * by the service worker, not here: the kern page's copy it serves has the app's stylesheet
 * inline, and its policy adds that stylesheet's SHA-256 to `style-src` (src/sw.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Only host names and ports go into the policy; anything else falls back to 'self' alone. */
const hostPattern = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export function contentSecurityPolicy(host: string | undefined): string {
  const relay = host && hostPattern.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${relay}`,
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(host: string | undefined): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(host),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

/** Sets the headers on `res` before any route writes its own (writeHead merges them). */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  for (const [name, value] of Object.entries(securityHeaders(req.headers.host)))
    res.setHeader(name, value);
}
