/**
 * The relay's flood control per connection (server/relay/throttle.ts) on a clock the test
 * moves: the burst passes, a message past it gets the pause until the bucket has refilled,
 * a sender at the sustained rate is never paused, and only a sender that keeps emptying a
 * bucket without recovering is called a flood.
 */
import { describe, expect, it } from 'vitest';
import { Throttle, type ThrottleLimits } from '../../server/relay/throttle';

const limits: ThrottleLimits = {
  messagesPerSecond: 10,
  messageBurst: 20,
  bytesPerSecond: 1000,
  byteBurst: 4000,
  maxEpisodes: 3,
};

function throttled(overrides: Partial<ThrottleLimits> = {}) {
  let now = 0;
  const throttle = new Throttle({ ...limits, ...overrides }, () => now);
  return { throttle, advance: (ms: number) => (now += ms) };
}

describe('Throttle', () => {
  it('lets a whole burst of messages through, then asks for the pause until one more fits', () => {
    const { throttle } = throttled();
    for (let i = 0; i < 20; i++) expect(throttle.charge(10)).toBe('ok');
    // One message over: the bucket is at −1, refilled at 10 a second: 100 ms.
    expect(throttle.charge(10)).toBe(100);
  });

  it('never pauses a sender at the sustained rate, however long it sends', () => {
    const { throttle, advance } = throttled();
    for (let i = 0; i < 1000; i++) {
      advance(100);
      expect(throttle.charge(100)).toBe('ok');
    }
  });

  it('refills with time, up to the burst and not beyond', () => {
    const { throttle, advance } = throttled();
    for (let i = 0; i < 20; i++) throttle.charge(10);
    advance(60_000);
    // A minute idle refills to the burst of 20, not to 600.
    for (let i = 0; i < 20; i++) expect(throttle.charge(10)).toBe('ok');
    expect(throttle.charge(10)).not.toBe('ok');
  });

  it('counts bytes on their own: a few large messages empty the byte bucket', () => {
    const { throttle } = throttled();
    expect(throttle.charge(3000)).toBe('ok');
    expect(throttle.charge(1000)).toBe('ok');
    // 4000 + 2500 bytes against a burst of 4000: 2500 short at 1000 a second.
    expect(throttle.charge(2500)).toBe(2500);
  });

  it('waits for the slower of the two buckets', () => {
    const { throttle } = throttled();
    for (let i = 0; i < 20; i++) throttle.charge(10);
    // Messages 1 short (100 ms at 10 a second), bytes 200 short (200 ms at 1000 a second).
    expect(throttle.charge(4000)).toBe(200);
  });

  it('calls it a flood only after more episodes in a row than allowed', () => {
    const { throttle } = throttled();
    for (let i = 0; i < 20; i++) throttle.charge(1);
    expect(throttle.charge(1)).toBeTypeOf('number');
    expect(throttle.charge(1)).toBeTypeOf('number');
    expect(throttle.charge(1)).toBeTypeOf('number');
    expect(throttle.charge(1)).toBe('flood');
  });

  it('forgets the episodes once the sender lets a bucket recover to half full', () => {
    const { throttle, advance } = throttled();
    for (let round = 0; round < 5; round++) {
      // The sender backed off long enough to refill: its first message resets the count.
      advance(3_000);
      for (let i = 0; i < 20; i++) expect(throttle.charge(1)).toBe('ok');
      // Three episodes: one short of a flood; without the reset the second round would be one.
      for (let i = 0; i < 3; i++) expect(throttle.charge(1)).toBeTypeOf('number');
    }
  });

  it('keeps counting the episodes of a sender that never recovers to half full', () => {
    const { throttle, advance } = throttled();
    for (let i = 0; i < 20; i++) throttle.charge(1);
    const verdicts = [];
    for (let i = 0; i < 6; i++) {
      verdicts.push(throttle.charge(1));
      // Waits the pause asked for and a little more, then sends again at once.
      advance(200);
      verdicts.push(throttle.charge(1));
    }
    expect(verdicts).toContain('flood');
  });
});
