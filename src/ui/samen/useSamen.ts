/**
 * A joint project's room for its page (`samen/<id>`): held open while mounted, its snapshot,
 * whether its content is known (loaded and in sync once, or offline), and who acts in it from
 * this device: the committee code the room connects with (the relay decides whether it may
 * write: committees of the kernen that take part or are invited), its kern, and whether that
 * kern takes part or was invited. Writes go through `attempt` with the committee's context;
 * joining also records the project in the kern's own kernagenda (samenLinks.ts).
 */
import { useCallback } from 'react';
import type * as Y from 'yjs';
import type { CommitteeContext } from '../../model/committee';
import { agendaRoom, roomName } from '../../model/rooms';
import { readSamen, type SamenProject } from '../../model/samen';
import { takePart } from '../../model/samenLinks';
import type { Room } from '../../sync/room';
import type { SyncSnapshot } from '../../sync/status';
import type { DeviceToken } from '../../sync/tokens';
import { useRoom } from '../hooks/useRoom';
import { contentKnown } from '../hooks/useRoomViews';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';
import { useView } from '../hooks/useView';
import { attempt } from '../notices/attempt';

export type Errors = Record<string, string> | null;

export interface Samen {
  id: string;
  room: Room;
  status: SyncSnapshot;
  known: boolean;
  project: SamenProject | null;
  /** The committee code this device connects with (null: it reads only). */
  writer: DeviceToken | null;
  /** The writer's kern. */
  kern: string | null;
  /** The writer's kern takes part (it may edit). */
  member: boolean;
  /** The writer's kern was invited and does not take part yet (it may join). */
  invited: boolean;
  /** Runs a write as the committee; returns the Dutch field errors it refused with, or null. */
  write(action: (ctx: CommitteeContext) => unknown): Errors;
  /** The writer's kern takes part, recorded in its kernagenda too. */
  join(): Promise<Errors>;
}

export function useSamen(id: string): Samen {
  const { config, registry, now } = useServices();
  const name = roomName({ kind: 'samen', id });
  const room = useRoom(name);
  const status = useStore(room.status);
  useStore(registry.access);
  const read = useCallback((doc: Y.Doc) => readSamen(doc, id), [id]);
  const project = useView(room.doc, read);
  const token = registry.writerFor(name);
  const writer = token?.claims.role === 'commissie' && token.claims.kern ? token : null;
  const kern = writer?.claims.kern ?? null;
  const member = !!project && !!kern && !!project.participants[kern];
  const invited = !!project && !!kern && !member && !!project.invited[kern];

  const ctx = (): CommitteeContext => ({
    actor: writer!.claims.name,
    now: now().toISOString(),
    config,
    kern: kern!,
  });
  const write = (action: (ctx: CommitteeContext) => unknown): Errors =>
    writer ? attempt(() => action(ctx())) : { kern: 'Je kunt dit samenproject alleen lezen.' };

  const join = async (): Promise<Errors> => {
    if (!writer || !kern) return { kern: 'Je kunt dit samenproject alleen lezen.' };
    const agendaName = agendaRoom(config, kern);
    const lease = registry.open(agendaName);
    try {
      await lease.room.ready;
      if (!registry.writerFor(agendaName))
        return { kern: 'Je code geeft geen toegang tot de kernagenda van je kern.' };
      return attempt(() => takePart(room.doc, lease.room.doc, id, ctx()));
    } finally {
      // The kernagenda lingers a while after this, so the record is stored and sent.
      lease.release();
    }
  };

  return {
    id,
    room,
    status,
    known: contentKnown(status),
    project,
    writer,
    kern,
    member,
    invited,
    write,
    join,
  };
}
