/**
 * Shows the others that this person has the kernagenda open (and which point they edit)
 * while the page is mounted, and returns who else is here (sync/presence.ts). On leaving the
 * page the presence is taken away at once, although the room itself may stay open a while.
 */
import type { Presence } from '../../sync/presence';
import type { Room } from '../../sync/room';
import { useEffect } from 'react';
import { useStore } from '../hooks/useStore';

export const visitorName = 'Bezoeker';

export function usePresence(
  room: Room,
  actor: string | null,
  editing: string | null,
): readonly Presence[] {
  useEffect(() => {
    room.setPresence({ name: actor ?? visitorName, visitor: actor === null, editing });
  }, [room, actor, editing]);
  useEffect(() => () => room.setPresence(null), [room]);
  return useStore(room.presence);
}
