/**
 * Access codes (signed tokens from the beheerder) as the device handles them.
 *
 * Owns: finding the token in what someone pastes (a join link `…?token=…`, `…#token=…` or a
 * bare token) and reading the claims of its payload for display and for choosing which
 * token a room gets. Nothing here verifies a signature: the relay does that and refuses a
 * bad token (close code 4401). A payload that is not a Kernplein token reads as null.
 */
import { roles, type Claims, type Role } from '../model/access';

/** What the relay calls a holder whose token has no name (server/tokens.ts does the same). */
export const defaultNames: Record<Role, string> = {
  bewoner: 'Bewoner',
  commissie: 'Commissielid',
  gemeente: 'Gemeente',
  beheerder: 'Beheerder',
};

const tokenShape = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The token in a pasted join link or bare code, or null when there is none. */
export function parseAccessCode(text: string): string | null {
  const input = text.trim();
  if (!input) return null;
  if (tokenShape.test(input)) return input;
  const match = /[?#&]token=([^&#\s]+)/.exec(input);
  if (!match) return null;
  let token: string;
  try {
    token = decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
  return tokenShape.test(token) ? token : null;
}

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export interface TokenInfo extends Claims {
  /** Expiry as ISO time, when the token has one. */
  expiresAt: string | null;
}

/** The claims a token carries (unverified), or null when it is not a Kernplein token. */
export function readTokenClaims(token: string): TokenInfo | null {
  if (!tokenShape.test(token)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(base64UrlDecode(token.split('.')[1]!));
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  const id = typeof p.sub === 'string' ? p.sub : typeof p.id === 'string' ? p.id : '';
  const role = p.role;
  if (!id || typeof role !== 'string' || !(roles as readonly string[]).includes(role)) return null;
  if (p.kern !== undefined && typeof p.kern !== 'string') return null;
  if (role === 'commissie' && !p.kern) return null;
  const name =
    typeof p.name === 'string' && p.name.trim() ? p.name.trim() : defaultNames[role as Role];
  const expiresAt =
    typeof p.exp === 'number' && Number.isFinite(p.exp)
      ? new Date(p.exp * 1000).toISOString()
      : null;
  return {
    id,
    role: role as Role,
    name,
    ...(typeof p.kern === 'string' ? { kern: p.kern } : {}),
    expiresAt,
  };
}

/** True when the token has expired at `now` (ISO). Tokens without expiry never expire. */
export function isExpired(info: TokenInfo, now: string): boolean {
  return info.expiresAt !== null && info.expiresAt <= now;
}
