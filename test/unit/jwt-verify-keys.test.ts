/**
 * What `jwt verify`, `jwt sign --key` and `jwt decode` compute, tested as the
 * pure functions they are (issue 16: these checks used to launch the CLI once
 * or twice each; test/e2e/jwt.test.ts keeps one launch per contract).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { createLocalJWKSet } from 'jose/jwks/local';
import { exportJWK } from 'jose/key/export';
import { generateKeyPair } from 'jose/key/generate/keypair';
import { SignJWT } from 'jose/jwt/sign';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeJwt } from '../../src/jwt/decode.js';
import { explainClaims, explainHeader, tokenWarnings } from '../../src/jwt/claims.js';
import {
  generateKeys,
  secretKey,
  readSigningKey,
  verifyKeyFromFile,
  verifyKeyFromJwks,
  type SigningAlg,
} from '../../src/jwt/keys.js';
import { signJwt } from '../../src/jwt/sign.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { tempDir } from '../helpers/temp.js';

const SECRET = 'a-random-looking-secret-of-32-bytes!!';
const key = secretKey(SECRET);

function hs(payload: string): string {
  const b = (s: string) => Buffer.from(s).toString('base64url');
  const input = `${b('{"alg":"HS256","typ":"JWT"}')}.${b(payload)}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

describe('verifyJwt says why a token is invalid, in words', () => {
  it.each([
    [{ key: secretKey('wrong-secret-wrong-secret-wrong-secret') }, /signature mismatch/],
    [{ key, audience: 'other' }, /audience mismatch: expected "other"/],
    [{ key, issuer: 'https://issuer.example' }, /issuer mismatch/],
    [{ key, algorithms: ['RS256'] }, /algorithm not allowed/],
  ])('%#: %o', async (opts, reason) => {
    const token = await signJwt({
      claims: { sub: 'alice', aud: 'api' },
      key,
      alg: 'HS256',
      expiresIn: '1h',
    });
    expect(await verifyJwt(token, opts)).toMatchObject({
      valid: false,
      reason: expect.stringMatching(reason),
      payload: { sub: 'alice' },
    });
  });

  it('says when an expired token expired', async () => {
    expect(await verifyJwt(hs('{"sub":"alice","exp":1000000000}'), { key })).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/expired at 2001-09-09 01:46:40 UTC/),
    });
  });

  // Issue 12 item 12: time claims beyond a calendar's range are shown raw, never an exception.
  it('time claims out of a calendar\'s range: raw with "out of range"', async () => {
    expect(await verifyJwt(hs('{"sub":"alice","exp":1e20,"iat":1e20}'), { key })).toMatchObject({
      valid: true,
    });
    expect(await verifyJwt(hs('{"sub":"alice","nbf":1e20}'), { key })).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/not valid before 100000000000000000000 \(out of range\)/),
    });
    expect(await verifyJwt(hs('{"sub":"alice","exp":-1e20}'), { key })).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/expired at -100000000000000000000 \(out of range\)/),
    });
    const infinite = decodeJwt(hs('{"sub":"alice","exp":1e400}'));
    const exp = explainClaims(infinite.payload!, new Date()).find((f) => f.name === 'exp');
    expect(`${String(exp?.value)} → ${exp?.when}`).toMatch(/Infinity → out of range/);
  });
});

// Issue 15: each of jose's error classes is narrowed with instanceof, never cast to { code?: string }.
describe("verifyJwt names each of jose's failures with its own code", () => {
  const b = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  it.each([
    ['malformed', async () => verifyJwt('not.a-jwt', { key })],
    ['claim', async () => verifyJwt(hs('{"sub":"alice"}'), { key, typ: 'at+jwt' })],
    ['alg-none', async () => verifyJwt(`${b({ alg: 'none' })}.${b({ sub: 'm' })}.`, { key })],
    ['algorithm', async () => verifyJwt(`${b({ alg: 'XY512' })}.${b({ sub: 'm' })}.c2ln`, { key })],
    [
      'key-type',
      async () => {
        const { publicKey } = await generateKeyPair('ES256');
        return verifyJwt(hs('{"sub":"alice"}'), { key: publicKey });
      },
    ],
    [
      'no-matching-key',
      async () => {
        const signer = await generateKeyPair('ES256');
        const other = await generateKeyPair('ES256');
        const token = await new SignJWT({ sub: 'alice' })
          .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
          .sign(signer.privateKey);
        const jwks = createLocalJWKSet({
          keys: [{ ...(await exportJWK(other.publicKey)), kid: 'k2' }],
        });
        return verifyJwt(token, { key: jwks });
      },
    ],
    [
      'no-matching-key',
      async () => {
        const signer = await generateKeyPair('ES256');
        const token = await new SignJWT({ sub: 'alice' })
          .setProtectedHeader({ alg: 'ES256' })
          .sign(signer.privateKey);
        const jwk = await exportJWK(signer.publicKey);
        const jwks = createLocalJWKSet({ keys: [jwk, { ...jwk }] });
        return verifyJwt(token, { key: jwks });
      },
    ],
  ])('%s', async (code, run) => {
    const result = await run();
    expect(result).toMatchObject({ valid: false, code });
  });
});

describe('key files: generate → sign with the private file → verify with the public one', () => {
  it.each<SigningAlg>(['ES256', 'RS256', 'Ed25519', 'EdDSA'])('%s, PEM and JWK', async (alg) => {
    const dir = await tempDir('jwt-keys-');
    const keys = await generateKeys(alg);
    await writeFile(join(dir, 'key.pem'), keys.privatePem!);
    await writeFile(join(dir, 'pub.pem'), keys.publicPem!);
    await writeFile(join(dir, 'key.jwk'), JSON.stringify(keys.privateJwk));
    await writeFile(join(dir, 'jwks.json'), JSON.stringify({ keys: [keys.publicJwk] }));
    for (const file of ['key.pem', 'key.jwk']) {
      const token = await signJwt({
        claims: { sub: 'alice' },
        key: (await readSigningKey(join(dir, file))).key,
        alg,
        expiresIn: '5m',
        kid: keys.kid,
      });
      expect(decodeJwt(token).header).toMatchObject({ alg, kid: keys.kid });
      expect(
        await verifyJwt(token, {
          key: await verifyKeyFromFile(join(dir, 'pub.pem')),
          algorithms: [alg],
        }),
        `${alg} ${file}`,
      ).toMatchObject({ valid: true, payload: { sub: 'alice' } });
      expect(
        await verifyJwt(token, { key: await verifyKeyFromJwks(join(dir, 'jwks.json')) }),
      ).toMatchObject({ valid: true });
    }
  });
});

// Issue 15: parsed key files and claims are checked by type guards, never cast.
describe('JSON key files and claims of the wrong shape say what is wrong', () => {
  it.each([
    ['[1]', /the JSON is not an object/],
    ['{"crv":"P-256"}', /no "kty" member, which every JWK has \(RFC 7517 §4\.1\)/],
  ])('a key file %s', async (text, message) => {
    const dir = await tempDir('jwt-keys-');
    await writeFile(join(dir, 'key.json'), text);
    for (const read of [verifyKeyFromFile, readSigningKey])
      await expect(read(join(dir, 'key.json'))).rejects.toMatchObject({
        code: 'ERR_INPUT',
        message: expect.stringMatching(message),
      });
  });

  it.each([
    [{ exp: 'soon' }, /"exp" is "soon", but must be a number .*\(RFC 7519 §4\.1\.4\)/],
    [{ aud: ['api', 7] }, /"aud" is \["api",7\], but must be a string or an array of strings/],
    [{ sub: 42 }, /"sub" is 42, but must be a string \(RFC 7519 §4\.1\.2\)/],
  ])('claims %j are refused before signing', async (claims, message) => {
    await expect(signJwt({ claims, key, alg: 'HS256' })).rejects.toMatchObject({
      code: 'ERR_USAGE',
      message: expect.stringMatching(message),
    });
  });
});

describe('everything `jwt decode` prints, on arbitrary input', () => {
  it('never throws', () => {
    const now = new Date('2026-05-01T12:00:00Z');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ minLength: 1 }),
          fc.string({
            minLength: 1,
            unit: fc.constantFrom('.', 'e', 'y', 'J', '=', '+', ' ', 'A', '_', '-', '{'),
          }),
          fc.json().map((j) => `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(j).toString('base64url')}.c2ln`),
        ),
        (s) => {
          const d = decodeJwt(s);
          if (d.header !== undefined) explainHeader(d.header);
          if (d.payload !== undefined) explainClaims(d.payload, now);
          tokenWarnings(d.header, d.payload, now);
        },
      ),
      { numRuns: 300 },
    );
  });
});
