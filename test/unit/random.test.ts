import { expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, seedFrom, shuffle } from '../../src/random.js';

it('seeds from numbers and words, reproducibly', () => {
  expect(seedFrom('7')).toBe(7);
  expect(seedFrom(' 7 ')).toBe(7);
  expect(seedFrom('class-2026')).toBe(seedFrom('class-2026'));
  expect(seedFrom('class-2026')).not.toBe(seedFrom('class-2027'));
});

it('shuffle is a permutation and reproducible from a seed', () => {
  fc.assert(
    fc.property(fc.array(fc.integer()), fc.nat(), (items, seed) => {
      const a = shuffle(items, createRng(seed));
      expect(a).toEqual(shuffle(items, createRng(seed)));
      expect([...a].sort()).toEqual([...items].sort());
    }),
  );
});

it('draws numbers in [0, 1)', () => {
  const rng = createRng(123);
  for (let i = 0; i < 1000; i++) {
    const x = rng();
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThan(1);
  }
});
