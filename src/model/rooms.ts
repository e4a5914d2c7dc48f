/**
 * Room names and their meaning, shared by the PWA and the relay.
 *
 * A room is one Yjs document. Names are `kern/<slug>/agenda`, `kern/<slug>/ideeen`,
 * `gemeente/berichten`, `gemeente/vragen`, `plein/inspiratie` and `samen/<id>`.
 * Kernen that share a kernagenda (configuration) open one document: `parseRoom` maps
 * `kern/<any kern of the group>/agenda` to the group's first slug, and `roomName` of the
 * result is the name the document is stored under.
 */
import type { GemeenteConfig } from '../config/gemeente';

export type Room =
  | { kind: 'agenda'; kern: string }
  | { kind: 'ideeen'; kern: string }
  | { kind: 'berichten' }
  | { kind: 'vragen' }
  | { kind: 'inspiratie' }
  | { kind: 'samen'; id: string };

const samenId = /^[A-Za-z0-9_-]{4,64}$/;

/** The room a name means, or null when it names no room (unknown shape or unknown kern). */
export function parseRoom(name: string, config: GemeenteConfig): Room | null {
  const parts = name.split('/');
  if (parts.length === 3 && parts[0] === 'kern') {
    const [, slug = '', board] = parts;
    if (!config.kern(slug)) return null;
    if (board === 'agenda') return { kind: 'agenda', kern: config.agendaSlug(slug) };
    if (board === 'ideeen') return { kind: 'ideeen', kern: slug };
    return null;
  }
  if (name === 'gemeente/berichten') return { kind: 'berichten' };
  if (name === 'gemeente/vragen') return { kind: 'vragen' };
  if (name === 'plein/inspiratie') return { kind: 'inspiratie' };
  if (parts.length === 2 && parts[0] === 'samen' && samenId.test(parts[1] ?? ''))
    return { kind: 'samen', id: parts[1]! };
  return null;
}

export function roomName(room: Room): string {
  switch (room.kind) {
    case 'agenda':
      return `kern/${room.kern}/agenda`;
    case 'ideeen':
      return `kern/${room.kern}/ideeen`;
    case 'berichten':
      return 'gemeente/berichten';
    case 'vragen':
      return 'gemeente/vragen';
    case 'inspiratie':
      return 'plein/inspiratie';
    case 'samen':
      return `samen/${room.id}`;
  }
}

/** Whether a stored room name is a kernagenda's (`kern/<slug>/agenda`), without the configuration. */
export const isAgendaRoomName = (name: string): boolean => /^kern\/[^/]+\/agenda$/.test(name);

/** The stored name of a kern's kernagenda document (shared agendas resolve to one name). */
export function agendaRoom(config: GemeenteConfig, slug: string): string {
  return roomName({ kind: 'agenda', kern: config.agendaSlug(slug) });
}
