/**
 * Which of the device's tokens a room connects with: the newest one that may write it.
 * A room without such a token connects without one and is read-only (DESIGN.md).
 */
import type { GemeenteConfig } from '../config/gemeente';
import { canWrite, type Claims } from '../model/access';
import { parseRoom } from '../model/rooms';

export interface DeviceToken {
  token: string;
  claims: Claims;
  /** ISO time, or null when the token does not expire. */
  expiresAt: string | null;
}

/**
 * The token for `room` among `tokens` (newest first), skipping expired ones and those the
 * relay rejected; null when none may write the room.
 */
export function chooseToken(
  room: string,
  tokens: readonly DeviceToken[],
  config: GemeenteConfig,
  now: string,
  rejected: ReadonlySet<string> = new Set(),
): DeviceToken | null {
  const parsed = parseRoom(room, config);
  if (!parsed) return null;
  const ctx = { config, jointKernen: () => [] };
  return (
    tokens.find(
      (t) =>
        !rejected.has(t.token) &&
        (t.expiresAt === null || t.expiresAt > now) &&
        canWrite(parsed, t.claims, ctx),
    ) ?? null
  );
}
