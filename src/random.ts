/**
 * Seeded pseudo-random numbers for reproducible shuffles (`--seed`). Not for
 * secrets: anything security-relevant uses node:crypto. mulberry32 is small,
 * fast and good enough to shuffle a handful of quiz items.
 */

export type Rng = () => number;

/** Turns a seed typed on the command line into a 32-bit integer. */
export function seedFrom(input: string | number): number {
  const text = String(input).trim();
  if (/^\d+$/.test(text)) return Number(BigInt(text) % 4294967296n);
  // FNV-1a over the UTF-16 code units: any word works for a seed.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function createRng(seed: string | number): Rng {
  let state = seedFrom(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A new array in Fisher–Yates order drawn from `rng`. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    // Swap out[i] and out[j]; slices carry the elements' type without asserting they exist.
    const taken = out.splice(j, 1, ...out.slice(i, i + 1));
    out.splice(i, 1, ...taken);
  }
  return out;
}

/** A random seed for runs where the learner gave none. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 1_000_000);
}
