/**
 * The inspiratieplein's room for a plein screen: held open while mounted and kept in the
 * offline search index; whether its content is known (loaded and in sync once, now or
 * before, or offline with what this device has); who writes it from this device; and who
 * may change a project (a committee of the project's kern, or the gemeente).
 */
import type { Project } from '../../model/inspiration';
import { roomName } from '../../model/rooms';
import type { Room } from '../../sync/room';
import type { DeviceToken } from '../../sync/tokens';
import { useRoom } from '../hooks/useRoom';
import { useSearchIndexing } from '../hooks/useSearchIndexing';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';

export interface Plein {
  room: Room;
  known: boolean;
  /** The token this device writes the plein with (null: read-only). */
  writer: DeviceToken | null;
  /** Whether the writer may change this project. */
  mayEdit(project: Project): boolean;
}

const pleinRooms = [{ kind: 'plein' }] as const;

export function usePlein(): Plein {
  const { config, registry } = useServices();
  const name = roomName({ kind: 'inspiratie' });
  const room = useRoom(name);
  const status = useStore(room.status);
  useStore(registry.access);
  useSearchIndexing(pleinRooms);
  const writer = registry.writerFor(name);
  const known =
    status.localLoaded && (status.synced || status.lastSyncedAt !== null || !status.online);
  return {
    room,
    known,
    writer,
    mayEdit: (project) =>
      writer !== null &&
      (writer.claims.role === 'gemeente' ||
        (writer.claims.role === 'commissie' &&
          !!writer.claims.kern &&
          config.agendaSlug(writer.claims.kern) === config.agendaSlug(project.kern))),
  };
}
