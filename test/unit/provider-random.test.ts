/**
 * randomToken (src/protocol/random.ts) hands out bytes of a batch drawn from node:crypto's CSPRNG. What
 * must hold whatever the sizes asked for: each token decodes to exactly the bytes asked for, and no byte
 * is handed out twice (a token repeated, or two overlapping, would be a guessable credential).
 */
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { randomToken } from '../../src/protocol/random.js';

const bytesOf = (token: string) => Buffer.from(token, 'base64url');

it('is base64url without padding and decodes to the number of bytes asked for, batch-sized and larger too', () => {
  for (const n of [1, 2, 3, 12, 16, 24, 32, 4095, 4096, 4097, 10_000]) {
    const token = randomToken(n);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(bytesOf(token)).toHaveLength(n);
  }
  expect(bytesOf(randomToken())).toHaveLength(32);
});

it('never hands out the same bytes twice, across several refills of the batch', () => {
  // 600 × 32 bytes is more than four batches of 4096: every refill boundary is crossed.
  const tokens = Array.from({ length: 600 }, () => randomToken(32));
  expect(new Set(tokens).size).toBe(tokens.length);
  // Nor do neighbours share bytes: a token that reused part of the previous one would show as equal
  // 16-byte halves.
  const halves = tokens.flatMap((t) => {
    const b = bytesOf(t);
    return [b.subarray(0, 16).toString('hex'), b.subarray(16).toString('hex')];
  });
  expect(new Set(halves).size).toBe(halves.length);
});

it('any sequence of sizes: each token has its size and no 16 bytes repeat', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 16, max: 700 }), { minLength: 1, maxLength: 40 }),
      (sizes) => {
        const seen = new Set<string>();
        for (const n of sizes) {
          const b = bytesOf(randomToken(n));
          expect(b).toHaveLength(n);
          for (let i = 0; i + 16 <= n; i += 16) {
            const chunk = b.subarray(i, i + 16).toString('hex');
            expect(seen.has(chunk)).toBe(false);
            seen.add(chunk);
          }
        }
      },
    ),
  );
});
