/**
 * oversizedParam (src/provider/limits.ts) counts a value's UTF-8 bytes only when it could be over its
 * limit: whatever it skips must be within the limit, so it names the same parameter as counting every one.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  DEFAULT_PARAM_MAX_BYTES,
  oversizedParam,
  PARAM_MAX_BYTES,
} from '../../src/provider/limits.js';

const name = fc.constantFrom('state', 'client_id', 'code_challenge', 'user_code', 'other');
const max = (n: string) => PARAM_MAX_BYTES[n] ?? DEFAULT_PARAM_MAX_BYTES;
// Values around each limit, in characters of one to four UTF-8 bytes.
const value = fc
  .tuple(fc.constantFrom('a', 'é', '€', '\u{1F600}', '\uD800'), fc.integer({ min: 0, max: 1400 }))
  .map(([c, n]) => c.repeat(n));

it('names the first parameter whose UTF-8 bytes are over its limit, for any values', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(name, value), { maxLength: 4 }), (entries) => {
      const first = entries.find(([n, v]) => Buffer.byteLength(v) > max(n));
      const found = oversizedParam(entries);
      expect(found === undefined ? undefined : found.name).toBe(first?.[0]);
    }),
  );
});

it('counts bytes, not characters: 22 euro signs are 66 bytes, over user_code 64', () => {
  expect(oversizedParam([['user_code', '€'.repeat(21)]])).toBeUndefined();
  expect(oversizedParam([['user_code', '€'.repeat(22)]])).toEqual({ name: 'user_code', max: 64 });
});
