/** A small seeded PRNG (mulberry32), so a failing randomized run can be replayed with SEED=. */
export interface Random {
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(list: readonly T[]): T;
  shuffle<T>(list: T[]): T[];
}

export function seeded(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    pick: (list) => list[int(list.length)]!,
    shuffle: (list) => {
      for (let i = list.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [list[i], list[j]] = [list[j]!, list[i]!];
      }
      return list;
    },
  };
}
