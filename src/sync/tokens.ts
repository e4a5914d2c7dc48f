/**
 * Which of the device's tokens a room connects with: the newest one that may write it.
 * A room without such a token connects without one and is read-only (DESIGN.md).
 *
 * A joint project (`samen/<id>`) gets any committee token, as at the relay: which kernen may
 * write it is in its document (taking part or invited; any kern while it is empty), which
 * grows while the room is open, and the relay judges each edit against it. So a token here
 * means "may try"; whether this device's kern may edit the project now is
 * `samenRoomWriters(doc, config).includes(token.claims.kern)` (src/model/boardRules.ts), which
 * the screen asks of the document it shows.
 */
import type { GemeenteConfig } from '../config/gemeente';
import { canWrite, everyKern, type Claims } from '../model/access';
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
  const ctx = { config, jointKernen: everyKern(config) };
  return (
    tokens.find(
      (t) =>
        !rejected.has(t.token) &&
        (t.expiresAt === null || t.expiresAt > now) &&
        canWrite(parsed, t.claims, ctx),
    ) ?? null
  );
}
