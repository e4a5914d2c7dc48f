/**
 * The y-websocket wire protocol, decoded defensively and encoded for replies.
 *
 * Owns: turning one binary frame from a client into a typed `ClientMessage`, or a
 * `ProtocolError` at the first thing that does not decode (lib0 decoders throw on garbage;
 * every throw becomes a ProtocolError). Yjs updates and state vectors are fully decoded here
 * before any document sees them, so a garbage update never reaches `Y.applyUpdate`; nor does
 * one with an empty struct or deletion (`nonEmpty`). A frame is one message: trailing bytes
 * are an error. Awareness entries are bounded in count and size.
 *
 * Message types (y-websocket): 0 sync (step 1, step 2, update), 1 awareness, 2 auth (server
 * to client only), 3 query awareness.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as authProtocol from 'y-protocols/auth';

export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

/**
 * Close codes of the relay. 4400–4499 make y-websocket stop retrying (permanent refusals);
 * every other code, 4500–4599 included, makes it reconnect with backoff (transient).
 */
export const CloseCode = {
  goingAway: 1001,
  tooBig: 1009,
  internalError: 1011,
  /**
   * Transient: the store can write again, or the room's doc did not load again after a
   * refused update (room.ts, `discard`); reconnect so the normal sync resends your edits.
   */
  storeRecovered: 1012,
  malformed: 4400,
  badToken: 4401,
  forbidden: 4403,
  unknownRoom: 4404,
  /** Permanent: the update would grow the room's document beyond --max-doc-bytes. */
  documentTooLarge: 4413,
  /** Permanent: a flood, or too many connections or rooms from one address. */
  tooManyMessages: 4429,
  /** Transient: the store cannot write (disk full, read-only, locked); try again later. */
  storeUnavailable: 4503,
  /** Transient: nothing received for --idle-timeout-ms. */
  idle: 4508,
} as const;

/** Close reasons a user may be shown (plain Dutch, at most 123 bytes). */
export const CloseReason = {
  storeUnavailable: 'De server kan nu niets opslaan. Je wijzigingen blijven op dit apparaat.',
  storeRecovered: 'De server kan weer opslaan. Je wijzigingen worden nu verstuurd.',
  reloading: 'De server laadt dit document opnieuw. Je wijzigingen worden nu verstuurd.',
  documentTooLarge: 'Dit document is te groot. Je laatste wijziging is niet opgeslagen.',
  tooManyConnections: 'Te veel verbindingen vanaf dit adres. Probeer het later opnieuw.',
  tooManyRooms: 'Te veel documenten tegelijk open vanaf dit adres.',
  idle: 'Verbinding gesloten: een tijd niets ontvangen.',
  /** 4403 on a shared board: the edit touched someone else's entries (relay/entryCheck.ts). */
  entryRefused: 'Deze wijziging is geweigerd: je kunt alleen je eigen bijdragen wijzigen.',
  /** 4403 on the plein or a joint project: the edit touched another kern's entries. */
  kernRefused: 'Deze wijziging is geweigerd: je kunt alleen wijzigen wat van je eigen kern is.',
} as const;

/**
 * Told (y-protocols auth message) to a connection whose edit is not applied; the PWA shows
 * it as it is, so it says what happened and what to do.
 */
export const readOnlyReason =
  'Je mag hier lezen, maar niet wijzigen. Vraag de beheerder om een toegangscode.';
/** The same, to a committee whose kern does not take part in a joint project (nor is invited). */
export const samenReadOnlyReason =
  'Je kern doet niet mee aan dit samenproject. Je kunt het lezen, maar niet wijzigen.';
/** The same, to a writer whose edit waits because the store cannot write. */
export const storeDeniedReason =
  'De server kan nu niets opslaan. Je wijzigingen blijven op dit apparaat en worden later verstuurd.';

export const limits = {
  /** Largest JSON text of one awareness state (a name, a colour, a cursor). */
  awarenessStateBytes: 8 * 1024,
};

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The JSON text of the state ('null' when the client leaves). */
  state: string;
}

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2' | 'update'; update: Uint8Array; decoded: DecodedUpdate }
  | { kind: 'awareness'; entries: AwarenessEntry[] }
  | { kind: 'query-awareness' };

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

function guarded<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`${what}: ${(error as Error).message ?? 'undecodable'}`);
  }
}

/**
 * Refuses a struct or a deleted range of length 0. No client makes one, and Yjs takes one
 * without a word: an empty item once deleted makes the doc emit a deletion of length 0,
 * which no doc can load again (found by tests/unit/forged-updates.test.ts's harness).
 */
function nonEmpty(update: DecodedUpdate): DecodedUpdate {
  if (update.structs.some((struct) => struct.length < 1)) throw new ProtocolError('empty struct');
  for (const ranges of update.ds.clients.values())
    if (ranges.some((range) => range.len < 1)) throw new ProtocolError('empty deletion');
  return update;
}

function end(decoder: decoding.Decoder, what: string) {
  if (decoding.hasContent(decoder)) throw new ProtocolError(`${what}: trailing bytes`);
}

function readAwareness(bytes: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(bytes);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    JSON.parse(state);
    entries.push({ clientId, clock, state });
  }
  end(decoder, 'awareness');
  return entries;
}

export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  return guarded('message', () => {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case messageSync: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        end(decoder, 'sync');
        if (step === syncProtocol.messageYjsSyncStep1) {
          guarded('state vector', () => Y.decodeStateVector(payload));
          return { kind: 'sync-step1', stateVector: payload };
        }
        if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
          const decoded = guarded('update', () => nonEmpty(Y.decodeUpdate(payload)));
          const kind = step === syncProtocol.messageYjsSyncStep2 ? 'sync-step2' : 'update';
          return { kind, update: payload, decoded };
        }
        throw new ProtocolError(`sync: unknown step ${step}`);
      }
      case messageAwareness: {
        const payload = decoding.readVarUint8Array(decoder);
        end(decoder, 'awareness');
        return { kind: 'awareness', entries: guarded('awareness', () => readAwareness(payload)) };
      }
      case messageQueryAwareness:
        end(decoder, 'query awareness');
        return { kind: 'query-awareness' };
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  });
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (doc: Y.Doc) =>
  message((e) => {
    encoding.writeVarUint(e, messageSync);
    syncProtocol.writeSyncStep1(e, doc);
  });

/** Sync step 2 carrying `update` (the state the client is missing). */
export const encodeSyncStep2 = (update: Uint8Array) =>
  message((e) => {
    encoding.writeVarUint(e, messageSync);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeUpdate = (update: Uint8Array) =>
  message((e) => {
    encoding.writeVarUint(e, messageSync);
    syncProtocol.writeUpdate(e, update);
  });

export const encodeAwareness = (awarenessUpdate: Uint8Array) =>
  message((e) => {
    encoding.writeVarUint(e, messageAwareness);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });

export const encodePermissionDenied = (reason: string) =>
  message((e) => {
    encoding.writeVarUint(e, messageAuth);
    authProtocol.writePermissionDenied(e, reason);
  });

/** An awareness update from entries (the subset of a client's message the room accepts). */
export const encodeAwarenessEntries = (entries: AwarenessEntry[]) =>
  message((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const { clientId, clock, state } of entries) {
      encoding.writeVarUint(e, clientId);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, state);
    }
  });
