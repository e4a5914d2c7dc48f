/**
 * One client's socket in one room: who it is, what it may do, what it announced.
 *
 * Owns: sending to the client (only while the socket is open) and closing it once. After
 * `close` the connection ignores whatever the client still sends.
 */
import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import type { Claims } from '../../src/model/access';

export class Connection {
  /** Awareness client ids this connection announced (bound to it until it closes). */
  readonly awarenessIds = new Set<number>();
  /** Whether the client was told (once) that its edits are not accepted. */
  deniedSent = false;
  /** Whether the client was told that its edits wait because the store cannot write. */
  storeDenied = false;
  /** Set when a pong arrived since the last ping. */
  alive = true;
  /** `performance.now()` when the keepalive pings this connection next. */
  nextPingAt = 0;
  /** `performance.now()` of the last message received (the idle timeout). */
  lastMessageAt = performance.now();
  private closing = false;

  constructor(
    readonly socket: WebSocket,
    /** The socket under `socket`, for frames made once for many (`binaryFrame`). */
    private readonly wire: Duplex,
    readonly roomName: string,
    readonly claims: Claims | null,
    readonly canWrite: boolean,
    /** The token's `iat` in seconds (0 without a token): revocations of a kern compare it. */
    readonly issuedAt = 0,
  ) {}

  get open(): boolean {
    return !this.closing && this.socket.readyState === WebSocket.OPEN;
  }

  send(message: Uint8Array): void {
    if (this.open) this.socket.send(message, { binary: true });
  }

  /** Writes a frame from `binaryFrame` as it is (one write for the whole frame). */
  sendFrame(frame: Buffer): void {
    if (this.open) this.wire.write(frame);
  }

  /** Sends `message` and calls `done` once it is written out, or at once if it cannot be. */
  sendThen(message: Uint8Array, done: () => void): void {
    if (!this.open) return done();
    let called = false;
    const once = () => {
      if (called) return;
      called = true;
      this.socket.off('close', once);
      done();
    };
    this.socket.once('close', once);
    this.socket.send(message, { binary: true }, once);
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    // A close reason is at most 123 bytes.
    this.socket.close(code, Buffer.from(reason).subarray(0, 123).toString());
  }
}
