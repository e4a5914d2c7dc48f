/**
 * Keeps the offline search index (the device db's `search` table) up to date with the
 * documents this page has open: the inspiratieplein, kernagenda's and ideas boards.
 *
 * Owns: when a room's entries are rebuilt. A kept room is indexed once its stored copy has
 * loaded (`ready`: an empty document before that would wipe what the index already knows)
 * and the browser is idle (the page shows the room first),
 * then again after its documents change: `delayMs` after the last change, when the browser is
 * idle, so typing is never slowed down. A rebuild reads the room's live items with the
 * model's read functions, makes entries (`buildEntries`) and writes only the difference
 * (`replaceSearchEntries`). One rebuild per room runs at a time; changes during it cause one
 * more. Releasing the last hold on a room indexes a pending change at once (the document
 * may close soon after).
 *
 * Ideas the committee hid (ideaDecisions.ts, in the kernagenda document) are left out, so an
 * ideas board is indexed with its kern's kernagenda document beside it.
 */
import type * as Y from 'yjs';
import { readIdeaDecisions, withDecisions } from '../model/ideaDecisions';
import { readIdeas } from '../model/ideas';
import { readProjects } from '../model/inspiration';
import { readKernagenda } from '../model/kernagenda';
import { roomName } from '../model/rooms';
import { buildEntries, type SearchSource } from '../search/index';
import { replaceSearchEntries, type DeviceDb } from '../storage/db';
import { onDocChange } from './docChanges';
import { whenIdle } from './schedule';

export interface IndexTarget {
  /** The room whose items these are: the entries' `source`. */
  source: string;
  /** The documents the items are read from; a change in any of them rebuilds the entries. */
  docs: readonly Y.Doc[];
  /** Resolves once every document holds at least this device's stored copy. */
  ready: Promise<unknown>;
  read(): SearchSource;
}

/** The inspiratieplein (`plein/inspiratie`). */
export function pleinTarget(doc: Y.Doc, ready: Promise<unknown>): IndexTarget {
  return {
    source: roomName({ kind: 'inspiratie' }),
    docs: [doc],
    ready,
    read: () => ({ kind: 'plein', projects: readProjects(doc) }),
  };
}

/** A kernagenda; `kern` is the slug that names the document (the agenda slug). */
export function agendaTarget(kern: string, doc: Y.Doc, ready: Promise<unknown>): IndexTarget {
  return {
    source: roomName({ kind: 'agenda', kern }),
    docs: [doc],
    ready,
    read: () => ({ kind: 'agenda', kern, agenda: readKernagenda(doc) }),
  };
}

/** A kern's ideas board, without the ideas its committee hid (read from `agendaDoc`). */
export function ideasTarget(
  kern: string,
  ideasDoc: Y.Doc,
  agendaDoc: Y.Doc,
  ready: Promise<unknown>,
): IndexTarget {
  return {
    source: roomName({ kind: 'ideeen', kern }),
    docs: [ideasDoc, agendaDoc],
    ready,
    read: () => ({
      kind: 'ideeen',
      kern,
      ideas: withDecisions(readIdeas(ideasDoc), readIdeaDecisions(agendaDoc, kern)),
    }),
  };
}

export interface SearchIndexer {
  /**
   * Keeps the target's entries up to date until the returned function is called. Holds on
   * the same source with the same documents are shared; other documents for a source (the
   * room was opened again) replace the earlier ones.
   */
  keep(target: IndexTarget): () => void;
  /** Runs every pending rebuild now and resolves when all are written. */
  flush(): Promise<void>;
  /** Stops keeping everything (pending changes are not written). */
  stop(): void;
}

export interface IndexerOptions {
  /** Wait this long after the last change (default 500 ms). */
  delayMs?: number;
  /** Runs `fn` when the browser is idle (default: schedule.ts's whenIdle). */
  whenIdle?: (fn: () => void) => void;
}

const idle = (fn: () => void) => void whenIdle(fn, 2_000);

interface Kept {
  target: IndexTarget;
  holds: number;
  ready: boolean;
  /** A change not yet indexed. */
  pending: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  running: Promise<void> | null;
  again: boolean;
  stopped: boolean;
  /** Stops listening to the docs' changes. */
  stopListening: () => void;
}

export function createSearchIndexer(db: DeviceDb, options: IndexerOptions = {}): SearchIndexer {
  const delayMs = options.delayMs ?? 500;
  const whenIdle = options.whenIdle ?? idle;
  const kept = new Map<string, Kept>();

  const write = (k: Kept, source: SearchSource) =>
    db
      .background()
      .then(() => replaceSearchEntries(db, k.target.source, buildEntries(source)))
      .then(
        () => undefined,
        (error: unknown) => console.error(`Could not index ${k.target.source}`, error),
      );

  /** Rebuilds now (or once more after the rebuild that is running). */
  const rebuild = (k: Kept): Promise<void> => {
    if (k.timer) clearTimeout(k.timer);
    k.timer = null;
    if (k.running) {
      k.again = true;
      return k.running;
    }
    const run = async () => {
      do {
        k.again = false;
        k.pending = false;
        if (k.stopped) return;
        await write(k, k.target.read());
      } while (k.again);
    };
    k.running = run().finally(() => {
      k.running = null;
    });
    return k.running;
  };

  /** After a change: rebuild `delayMs` after the last one, when the browser is idle. */
  const schedule = (k: Kept) => {
    if (!k.ready || k.stopped) return;
    k.pending = true;
    if (k.timer) clearTimeout(k.timer);
    k.timer = setTimeout(() => {
      k.timer = null;
      whenIdle(() => {
        if (!k.stopped && k.pending) void rebuild(k);
      });
    }, delayMs);
  };

  const detach = (k: Kept) => {
    k.stopped = true;
    if (k.timer) clearTimeout(k.timer);
    k.timer = null;
    k.stopListening();
  };

  return {
    keep(target) {
      let k = kept.get(target.source);
      const same =
        k !== undefined &&
        k.target.docs.length === target.docs.length &&
        k.target.docs.every((doc, i) => doc === target.docs[i]);
      if (!k || !same) {
        if (k) detach(k);
        const created: Kept = {
          target,
          holds: 0,
          ready: false,
          pending: false,
          timer: null,
          running: null,
          again: false,
          stopped: false,
          stopListening: () => undefined,
        };
        const stops = target.docs.map((doc) => onDocChange(doc, () => schedule(created)));
        created.stopListening = () => stops.forEach((stop) => stop());
        void target.ready.then(
          () => {
            if (created.stopped) return;
            created.ready = true;
            // When idle: a page shows its room first, then indexes it.
            whenIdle(() => {
              if (!created.stopped) void rebuild(created);
            });
          },
          () => undefined,
        );
        kept.set(target.source, created);
        k = created;
      }
      const entry = k;
      entry.holds += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        entry.holds -= 1;
        if (entry.holds > 0 || kept.get(target.source) !== entry) return;
        kept.delete(target.source);
        // A change still waiting is read now, while the documents are surely open.
        const source = entry.ready && entry.pending ? entry.target.read() : null;
        detach(entry);
        if (source) void write(entry, source);
      };
    },
    async flush() {
      await Promise.all(
        [...kept.values()]
          .filter((k) => k.ready && !k.stopped && (k.pending || k.running))
          .map((k) => (k.pending ? rebuild(k) : k.running)),
      );
    },
    stop() {
      for (const k of kept.values()) detach(k);
      kept.clear();
    },
  };
}
