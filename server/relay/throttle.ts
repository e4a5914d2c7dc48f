/**
 * Flood control per connection: token buckets for messages and bytes (limits from the
 * `--max-messages-per-second`, `--message-burst`, `--max-bytes-per-second`, `--byte-burst`
 * flags; defaults 200/s, 1000, the message size limit per second, 4 times it).
 *
 * A normal client never empties them: typing sends about two messages per keystroke (the
 * update and an awareness change), some 30 a second for a fast typist; a reconnect one
 * large sync step 2, a burst of offline edits a few hundred messages. A connection that
 * empties a bucket is throttled (the relay pauses reading its socket until the bucket has
 * refilled, so TCP slows the sender down); one that keeps emptying it, episode after episode
 * without ever recovering to half full, is flooding and is closed with 4429.
 */

export interface ThrottleLimits {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
  /** Throttle episodes in a row (without recovering to half full) before the connection is closed. */
  maxEpisodes: number;
}

/** 'ok', a pause in milliseconds, or 'flood'. */
export type Verdict = 'ok' | number | 'flood';

export class Throttle {
  private messages: number;
  private bytes: number;
  private last: number;
  private episodes = 0;

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.messages = limits.messageBurst;
    this.bytes = limits.byteBurst;
    this.last = now();
  }

  /** Charges one received message of `size` bytes. */
  charge(size: number): Verdict {
    const { limits } = this;
    const now = this.now();
    const seconds = (now - this.last) / 1000;
    this.last = now;
    this.messages = Math.min(
      limits.messageBurst,
      this.messages + seconds * limits.messagesPerSecond,
    );
    this.bytes = Math.min(limits.byteBurst, this.bytes + seconds * limits.bytesPerSecond);
    this.messages -= 1;
    this.bytes -= size;
    if (this.messages >= 0 && this.bytes >= 0) {
      if (this.messages >= limits.messageBurst / 2 && this.bytes >= limits.byteBurst / 2)
        this.episodes = 0;
      return 'ok';
    }
    if (++this.episodes > limits.maxEpisodes) return 'flood';
    const wait = Math.max(
      -this.messages / limits.messagesPerSecond,
      -this.bytes / limits.bytesPerSecond,
    );
    return Math.ceil(wait * 1000);
  }
}
