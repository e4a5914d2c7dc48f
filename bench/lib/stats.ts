/**
 * Small figures helpers for the bench scripts: percentiles (nearest rank), medians and
 * fixed-width printing. Nothing here measures anything.
 */

/** Nearest-rank percentile of `values` (0 < p ≤ 100); NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32): the same for the same seed. */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many of the ascending `values` are at most `limit`. */
function countAtMost(values: Float64Array, limit: number): number {
  let [low, high] = [0, values.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid]! <= limit) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The nearest-rank percentile `p` of the values of the rounds `picked` names (a round picked
 * twice counts twice), together: the least value of `all` (every round's values, ascending)
 * that at least that rank of them are at most. Found by bisection, without sorting the picked
 * rounds' values again (100,000 deliveries, 1,000 resamples).
 */
function pooledPercentile(rounds: Float64Array[], all: Float64Array, picked: number[], p: number) {
  const total = picked.reduce((n, i) => n + rounds[i]!.length, 0);
  const rank = Math.min(total, Math.max(1, Math.ceil((p / 100) * total)));
  const atMost = (limit: number) => picked.reduce((n, i) => n + countAtMost(rounds[i]!, limit), 0);
  let [low, high] = [0, all.length - 1];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (atMost(all[mid]!) >= rank) high = mid;
    else low = mid + 1;
  }
  return all[low]!;
}

const ascending = (lists: readonly (readonly number[])[]) =>
  lists.map((list) => Float64Array.from(list).sort());

/**
 * How far the ratio of two pooled percentiles can be trusted: a 95% interval for
 * percentile `p` of every value of `a`'s rounds over that of `b`'s, by resampling rounds
 * (a bootstrap over rounds, paired: round i of `a` with round i of `b`, as they ran back to
 * back). Rounds, not single values, are resampled, because values of one round share its
 * conditions (the machine, the server's heap). Seeded: the same input gives the same interval.
 */
export function ratioInterval(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
  p: number,
  { resamples = 1000, seed = 1 } = {},
): [number, number] {
  const rounds = Math.min(a.length, b.length);
  const [ofA, ofB] = [ascending(a), ascending(b)];
  const [allA, allB] = [Float64Array.from(a.flat()).sort(), Float64Array.from(b.flat()).sort()];
  const random = seededRandom(seed);
  const ratios: number[] = [];
  for (let n = 0; n < resamples; n++) {
    const picked = Array.from({ length: rounds }, () => Math.floor(random() * rounds));
    ratios.push(pooledPercentile(ofA, allA, picked, p) / pooledPercentile(ofB, allB, picked, p));
  }
  return [percentile(ratios, 2.5), percentile(ratios, 97.5)];
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
/** A difference in ms, with its sign: "+12.0 ms", "-3.5 ms". */
export const msDiff = (value: number) => `${value >= 0 ? '+' : ''}${ms(value)}`;

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** "pass" / "MISS" for a figure against a target. */
export const verdict = (ok: boolean) => (ok ? 'pass' : 'MISS');

/** Prints rows as aligned columns (first row is the header). */
export function table(rows: readonly (readonly (string | number)[])[]): string {
  const cells = rows.map((row) => row.map(String));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
