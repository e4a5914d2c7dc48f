/**
 * The bench's interval for a ratio of pooled percentiles (bench/lib/stats.ts), which the relay
 * bench prints to say how far its ours / reference ratios can be trusted.
 */
import { describe, expect, it } from 'vitest';
import { percentile, ratioInterval, seededRandom } from '../../bench/lib/stats';

/** `rounds` lists of `size` values from `random`, each scaled by its round's factor. */
function rounds(random: () => number, factors: number[], size = 200): number[][] {
  return factors.map((factor) => Array.from({ length: size }, () => (1 + random()) * factor));
}

describe('ratioInterval', () => {
  it('is exactly the ratio when every round of one is the other scaled', () => {
    const a = rounds(seededRandom(1), [1, 1.3, 0.8, 1.1]);
    const b = a.map((round) => round.map((value) => value / 2));
    const [low, high] = ratioInterval(a, b, 99);
    expect(low).toBeCloseTo(2, 10);
    expect(high).toBeCloseTo(2, 10);
  });

  it("pools as one sorted list would: rounds alike give that list's percentile", () => {
    const round = rounds(seededRandom(9), [1], 1001)[0]!;
    for (const q of [50, 90, 99, 99.9]) {
      const [low, high] = ratioInterval([round, round, round], [[1], [1], [1]], q);
      expect([low, high]).toEqual([percentile(round, q), percentile(round, q)]);
    }
  });

  it('holds 1 for two samples of the same thing, and is wider when rounds differ more', () => {
    const steady = ratioInterval(
      rounds(seededRandom(2), [1, 1, 1, 1, 1, 1]),
      rounds(seededRandom(3), [1, 1, 1, 1, 1, 1]),
      99,
    );
    const shaky = ratioInterval(
      rounds(seededRandom(2), [1, 1.4, 0.7, 1.2, 0.9, 1.3]),
      rounds(seededRandom(3), [1.3, 0.8, 1, 0.7, 1.4, 1]),
      99,
    );
    expect(steady[0]).toBeLessThanOrEqual(1);
    expect(steady[1]).toBeGreaterThanOrEqual(1);
    expect(shaky[1] - shaky[0]).toBeGreaterThan(2 * (steady[1] - steady[0]));
  });

  it('excludes 1 when one is clearly slower, and gives the same interval for the same seed', () => {
    const a = rounds(seededRandom(4), [1, 1, 1, 1, 1]).map((r) => r.map((v) => v * 1.5));
    const b = rounds(seededRandom(5), [1, 1, 1, 1, 1]);
    const interval = ratioInterval(a, b, 90, { seed: 7 });
    expect(interval[0]).toBeGreaterThan(1.2);
    expect(ratioInterval(a, b, 90, { seed: 7 })).toEqual(interval);
  });
});
