/**
 * The registry of loaded rooms: load on first use, unload after the last connection.
 *
 * Owns: the map from stored room name to its `Room`, loads in flight, and unload timers.
 * A lease holds a room loaded; `unloadAfterMs` after the last lease is released the room is
 * compacted and destroyed (Y.Doc and Awareness, whose interval timer would otherwise keep
 * running). Concurrent first connections share one load. A dropped room (its store failed, or
 * its rows did not load again after a refused update) is forgotten at once (without
 * compaction) so the next connection loads it fresh from the store.
 */
import { Room, type RoomDeps } from './room';

export interface Lease {
  readonly room: Room;
  /** Idempotent. */
  release(): void;
}

interface Entry {
  loading: Promise<Room>;
  room: Room | null;
  holds: number;
  timer: NodeJS.Timeout | null;
}

export interface RoomsOptions extends Omit<RoomDeps, 'onDropped'> {
  unloadAfterMs: number;
}

export class Rooms {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: RoomsOptions) {}

  get loaded(): number {
    let n = 0;
    for (const entry of this.entries.values()) if (entry.room) n++;
    return n;
  }

  get connections(): number {
    let n = 0;
    for (const entry of this.entries.values()) n += entry.room?.connections.size ?? 0;
    return n;
  }

  async acquire(name: string): Promise<Lease> {
    let entry = this.entries.get(name);
    if (!entry) {
      const created: Entry = {
        loading: Room.load(name, this.deps()),
        room: null,
        holds: 0,
        timer: null,
      };
      created.loading.then(
        (room) => {
          created.room = room;
          // Closed (shutdown) while loading: nobody will unload it.
          if (this.entries.get(name) !== created) room.destroy();
        },
        () => this.entries.get(name) === created && this.entries.delete(name),
      );
      this.entries.set(name, created);
      entry = created;
    }
    const held = entry;
    held.holds++;
    if (held.timer) clearTimeout(held.timer);
    held.timer = null;
    let room: Room;
    try {
      room = await held.loading;
    } catch (error) {
      held.holds--;
      throw error;
    }
    let released = false;
    return {
      room,
      release: () => {
        if (released) return;
        released = true;
        this.release(name, held);
      },
    };
  }

  /** Compacts and destroys every room (shutdown). */
  closeAll(): void {
    for (const [name, entry] of this.entries) {
      if (entry.timer) clearTimeout(entry.timer);
      this.unload(name, entry);
    }
  }

  private deps(): RoomDeps {
    return { ...this.options, onDropped: (room) => this.forget(room) };
  }

  private release(name: string, entry: Entry) {
    entry.holds--;
    if (entry.holds > 0 || this.entries.get(name) !== entry) return;
    entry.timer = setTimeout(() => this.unload(name, entry), this.options.unloadAfterMs);
  }

  private unload(name: string, entry: Entry) {
    if (this.entries.get(name) !== entry) return;
    this.entries.delete(name);
    if (!entry.room) return;
    entry.room.compact();
    entry.room.destroy();
    this.options.log.debug({ room: name }, 'room unloaded');
  }

  private forget(room: Room) {
    const entry = this.entries.get(room.name);
    if (entry?.room !== room) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.entries.delete(room.name);
    // Destroy outside the doc's update event that reported the failure.
    setImmediate(() => room.destroy());
  }
}
