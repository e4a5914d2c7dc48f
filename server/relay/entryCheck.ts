/**
 * The per-entry check on the boards that many people write (DESIGN.md): a kern's ideas board
 * (`kern/<slug>/ideeen`) and the questions under the gemeente's notices (`gemeente/vragen`),
 * where entries belong to a person; the inspiratieplein (`plein/inspiratie`) and joint
 * projects (`samen/<id>`), where they belong to a kern.
 *
 * Owns: judging every edit (sync step 2 and update messages) of a connection that may write
 * such a room with the model's rules against the room's current document, BEFORE the room
 * applies it: `checkEntryUpdate` (src/model/entryRules.ts: a person adds and changes only what
 * carries their own id) and `checkBoardUpdate` (src/model/boardRules.ts: a committee writes
 * only its own kern's projects, take-overs, participation, contributions and orders). The
 * relay passes a message on to the room only when `admit` says so, so an edit that is not
 * admitted is never applied, stored or broadcast.
 *
 * Joint projects: every committee connects to a `samen/<id>` room as a possible writer
 * (access.ts's `everyKern`), because which kernen may write it is in its
 * document and grows while connections are open (an invitation). Each edit is therefore
 * decided against the document as it is when the edit arrives: a committee whose kern neither
 * takes part nor is invited (`samenRoomWriters`; any kern while the room is still empty) is
 * treated as read-only: its edit is not applied and it is told once (y-protocols auth), as
 * the room tells read-only connections; it keeps reading. An invited kern may write from its
 * next edit on, without reconnecting.
 *
 * Verdicts:
 * - allowed: the room handles the message as any other (store before broadcast, size cap).
 * - refused: the connection is closed with 4403 and a short Dutch reason; the others in the
 *   room are unaffected. The log says which rule (entry ids, keys and field names, never
 *   content).
 * - pending (the update builds on content the relay does not have yet, e.g. another tab of
 *   the same person got ahead): maybe honest, so the connection stays open, but the update is
 *   dropped unjudged. So that it is not lost until the next reconnect, the relay then asks that
 *   client for a fresh sync (its own sync step 1, sent from a timer: after the turn's appends
 *   are committed, at most once per `resyncEveryMs`); the client answers with everything the
 *   relay lacks, the missing content included, which is judged like any other edit.
 * Messages that would not change the document (a reconnecting client's step 2 that only
 * repeats what the relay has) and read-only connections (the room tells those they may not
 * edit) are not judged.
 *
 * Cost: a check copies the document (updateTrial.ts applies the update to a scratch copy):
 * about 5 ms on a 150 KB board (7–17 ms median on a shared 2-core machine under load), paid
 * only by edits that change something. Fine for the pilot; a busy board would want a copy
 * kept per room instead of one per check.
 */
import type { GemeenteConfig } from '../../src/config/gemeente';
import { checkBoardUpdate, samenRoomWriters, type KernBoardKind } from '../../src/model/boardRules';
import { checkEntryUpdate, type BoardKind } from '../../src/model/entryRules';
import { parseRoom } from '../../src/model/rooms';
import type { Log } from '../log';
import type { Metrics } from '../metrics';
import { wouldChange } from './changes';
import type { Connection } from './connection';
import {
  CloseCode,
  CloseReason,
  encodePermissionDenied,
  encodeSyncStep1,
  samenReadOnlyReason,
  type ClientMessage,
} from './protocol';
import type { Room } from './room';

export type Board = BoardKind | KernBoardKind;

/** The board kind of a stored room name, or null for rooms with one set of writers. */
export function boardOf(name: string, config: GemeenteConfig): Board | null {
  const room = parseRoom(name, config);
  if (room?.kind === 'ideeen') return 'ideas';
  if (room?.kind === 'vragen') return 'questions';
  if (room?.kind === 'inspiratie') return 'plein';
  if (room?.kind === 'samen') return 'samen';
  return null;
}

const byKern = (board: Board): board is KernBoardKind => board === 'plein' || board === 'samen';

export interface EntryCheckOptions {
  config: GemeenteConfig;
  metrics: Metrics;
  log: Log;
  /** Delay before a client whose update was pending is asked to sync again (default 500). */
  resyncDelayMs?: number;
  /** At most one such request per connection in this time (default 10 000). */
  resyncEveryMs?: number;
}

/** Longest rule text logged (a refused update's keys are the client's own choosing). */
const maxLoggedReason = 200;

export class EntryCheck {
  private readonly resyncAt = new WeakMap<Connection, number>();

  constructor(private readonly options: EntryCheckOptions) {}

  /** Whether `message` of `conn` may go on to `room` (see the header); closes it if refused. */
  admit(conn: Connection, room: Room, board: Board | null, message: ClientMessage): boolean {
    if (board === null || !conn.canWrite || !conn.claims) return true;
    if (message.kind !== 'sync-step2' && message.kind !== 'update') return true;
    if (!wouldChange(room.doc, message.decoded)) return true;
    const { config, metrics, log } = this.options;
    const { id, role, kern } = conn.claims;
    if (board === 'samen' && !(kern && samenRoomWriters(room.doc, config).includes(kern)))
      return this.readOnly(conn, room);
    const verdict = byKern(board)
      ? checkBoardUpdate(room.doc, message.update, { id, role, kern }, board, config)
      : checkEntryUpdate(room.doc, message.update, { id, role }, board);
    if (verdict.ok) return true;
    const reason = verdict.reason.slice(0, maxLoggedReason);
    if (verdict.pending) {
      metrics.reject('entry_pending', 'none');
      log.info({ room: room.name, role, reason }, 'edit dropped: it builds on missing content');
      this.askResync(conn, room);
      return false;
    }
    metrics.reject('entry_refused', CloseCode.forbidden);
    log.warn({ room: room.name, role, reason }, 'edit refused by the per-entry rules');
    conn.close(
      CloseCode.forbidden,
      byKern(board) ? CloseReason.kernRefused : CloseReason.entryRefused,
    );
    return false;
  }

  /** A joint project its kern does not write: not applied, and said once (see the header). */
  private readOnly(conn: Connection, room: Room): false {
    if (conn.deniedSent) return false;
    conn.deniedSent = true;
    this.options.metrics.reject('read_only', 'none');
    this.options.log.info(
      { room: room.name, role: conn.claims?.role },
      'edit refused: not a writer',
    );
    conn.send(encodePermissionDenied(samenReadOnlyReason));
    return false;
  }

  private askResync(conn: Connection, room: Room): void {
    const now = performance.now();
    const last = this.resyncAt.get(conn);
    if (last !== undefined && now - last < (this.options.resyncEveryMs ?? 10_000)) return;
    this.resyncAt.set(conn, now);
    setTimeout(() => {
      if (conn.open) conn.send(encodeSyncStep1(room.doc));
    }, this.options.resyncDelayMs ?? 500).unref();
  }
}
