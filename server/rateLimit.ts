/**
 * A small token bucket per client address, for the join API (every request to it costs one
 * token: a lookup, a join, a refused attempt).
 *
 * The bucket is small because honest use is rare: a committee of five behind one village-hall
 * address opens its links once (two requests each). It protects the database and the logs
 * from a script hammering the endpoint; the codes themselves are safe by their length.
 *
 * Like the relay's per-address limits (relay/addressLimits.ts), loopback is not counted unless
 * `limitLoopback` (behind a reverse proxy on the same host every client is 127.0.0.1: use
 * `trustProxy` there). Memory stays bounded: buckets that have refilled are dropped.
 */

export interface RateLimitOptions {
  /** Requests an address may make at once. */
  burst: number;
  /** Tokens added per second. */
  perSecond: number;
  limitLoopback: boolean;
  now?: () => number;
}

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

const loopback = (address: string) =>
  address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

/** Above this many tracked addresses, full buckets are swept out at the next request. */
const sweepAbove = 1000;

export class RateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  take(address: string): RateVerdict {
    if (!this.options.limitLoopback && loopback(address)) return { ok: true };
    const now = this.now();
    if (this.buckets.size > sweepAbove) this.sweep(now);
    const bucket = this.buckets.get(address) ?? { tokens: this.options.burst, at: now };
    bucket.tokens = this.level(bucket, now);
    bucket.at = now;
    this.buckets.set(address, bucket);
    if (bucket.tokens < 1)
      return {
        ok: false,
        retryAfterSeconds: Math.ceil((1 - bucket.tokens) / this.options.perSecond),
      };
    bucket.tokens -= 1;
    return { ok: true };
  }

  private level(bucket: { tokens: number; at: number }, now: number): number {
    const refill = ((now - bucket.at) / 1000) * this.options.perSecond;
    return Math.min(this.options.burst, bucket.tokens + refill);
  }

  private sweep(now: number) {
    for (const [address, bucket] of this.buckets)
      if (this.level(bucket, now) >= this.options.burst) this.buckets.delete(address);
  }
}
