/**
 * RFC 9864 (October 2025): "Ed25519" is the fully-specified JOSE alg for EdDSA on the Ed25519 curve
 * (§2.2), and the polymorphic "EdDSA" is Deprecated (§4.1.2), not Prohibited (§4.4). The pure parts:
 * at_hash, the provider's keys and tokens, the client's ID token checks, the JWT workshop's default
 * algorithm and verify hint, and the option parsers. The CLI contracts are in test/e2e.
 */
import { describe, expect, it } from 'vitest';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet } from 'jose/jwks/local';
import { jwtVerify } from 'jose/jwt/verify';
import { SignJWT } from 'jose/jwt/sign';
import { InvalidArgumentError } from '@commander-js/extra-typings';
import { atHash, atHashAlgorithm } from '../../src/protocol/at-hash.js';
import { DEPRECATED_ALGS, isDeprecatedAlg } from '../../src/protocol/fully-specified.js';
import { createSigningKey } from '../../src/provider/keys.js';
import { PROVIDER_ALGS, PROVIDER_ALGS_ACCEPTED } from '../../src/provider/algs.js';
import { DPOP_ALGS, DPOP_ALGS_ACCEPTED } from '../../src/provider/model.js';
import { checkTokens } from '../../src/oauth/token-checks.js';
import { defaultAlgFor } from '../../src/jwt/keys.js';
import { SIGNING_ALGS } from '../../src/jwt/algs.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { parseProviderAlg, parseSigningAlg, parseSigningAlgs } from '../../src/cli/options.js';
import { openStateDir } from '../../src/provider/state-dir.js';
import { tempDir } from '../helpers/temp.js';
import { ISSUER, issuedPair, NOW } from '../helpers/tokens.js';

/** OIDC Core §3.1.3.6, computed here with node:crypto: the left half of the hash, base64url. */
function leftHalf(algorithm: string, token: string): string {
  const digest = createHash(algorithm).update(token, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

describe('at_hash (OIDC Core §3.1.3.6)', () => {
  it('an ID token signed Ed25519 hashes with SHA-512, as one signed EdDSA does (OpenID Connect issue 1125)', () => {
    const expected = leftHalf('sha512', 'the-access-token');
    expect(atHash('the-access-token', 'Ed25519')).toBe(expected);
    expect(atHash('the-access-token', 'EdDSA')).toBe(expected);
    expect(expected).toHaveLength(43);
  });

  it.each([
    ['ES256', 'sha256'],
    ['RS384', 'sha384'],
    ['PS512', 'sha512'],
    ['HS256', 'sha256'],
    ['Ed25519', 'sha512'],
    ['EdDSA', 'sha512'],
    ['none', undefined],
    ['Ed448', undefined],
    ['ES256K', undefined],
  ])('%s → %s', (alg, algorithm) => {
    expect(atHashAlgorithm(alg)).toBe(algorithm);
    if (algorithm !== undefined) expect(atHash('tok', alg)).toBe(leftHalf(algorithm, 'tok'));
    else expect(() => atHash('tok', alg)).toThrow(/no at_hash algorithm/);
  });
});

describe('the provider signs with --alg Ed25519 (RFC 9864 §2.2) and the deprecated EdDSA', () => {
  it('lists the fully-specified names and also takes EdDSA', () => {
    expect(PROVIDER_ALGS).toEqual(['ES256', 'RS256', 'Ed25519']);
    expect(PROVIDER_ALGS_ACCEPTED).toContain('EdDSA');
    expect(DEPRECATED_ALGS).toEqual({ EdDSA: 'Ed25519' });
    expect([
      isDeprecatedAlg('EdDSA'),
      isDeprecatedAlg('Ed25519'),
      isDeprecatedAlg('toString'),
    ]).toEqual([true, false, false]);
  });

  it.each(['Ed25519', 'EdDSA'] as const)(
    '%s: header and JWKS name it, jose verifies with algorithms [it], the client checks at_hash with SHA-512',
    async (alg) => {
      const { key, accessToken, idToken } = await issuedPair(alg);
      expect(key.jwks.keys[0]).toMatchObject({ alg, kty: 'OKP', crv: 'Ed25519', use: 'sig' });
      const { protectedHeader, payload } = await jwtVerify(idToken, createLocalJWKSet(key.jwks), {
        algorithms: [alg],
        currentDate: new Date(NOW * 1000),
      });
      expect(protectedHeader.alg).toBe(alg);
      expect(payload['at_hash']).toBe(leftHalf('sha512', accessToken));
      const [, id] = await checkTokens(
        { access_token: accessToken, id_token: idToken },
        { jwks: key.jwks, issuer: ISSUER, clientId: 'app', nonce: 'n', now: new Date(NOW * 1000) },
      );
      expect(id?.verified).toBe(true);
      expect(id?.checks.find((c) => c.name === 'at_hash')).toMatchObject({
        ok: true,
        detail: expect.stringMatching(/^left half of SHA-512\(access_token\)/),
      });
    },
  );

  it('--state-dir: a key kept for EdDSA serves Ed25519, same kid (RFC 9864 §5: the same key, other than the "alg" value, if included)', async () => {
    const dir = await tempDir('state-ed-');
    const old = await openStateDir(dir, 'EdDSA');
    const now = await openStateDir(dir, 'Ed25519');
    expect(now.key.kid).toBe(old.key.kid);
    expect(now.key.jwks.keys[0]).toMatchObject({ alg: 'Ed25519', kid: old.key.kid });
    expect((await openStateDir(dir, 'ES256')).key.kid).not.toBe(old.key.kid);
  });

  it('the client does not pass an at_hash it cannot compute', async () => {
    const key = await createSigningKey('Ed25519');
    const idToken = await new SignJWT({ iss: ISSUER, aud: 'app', sub: 's', at_hash: 'x' })
      .setProtectedHeader({ alg: 'Ed25519' })
      .setIssuedAt(NOW)
      .setExpirationTime(NOW + 60)
      .sign(key.privateKey);
    // A header naming an alg the client knows no hash for: the at_hash check fails, it does not throw.
    const forged = `${Buffer.from('{"alg":"ES256K"}').toString('base64url')}.${idToken.split('.')[1]}.${idToken.split('.')[2]}`;
    const [, id] = await checkTokens(
      { access_token: 'opaque', id_token: forged },
      { jwks: key.jwks, issuer: ISSUER, clientId: 'app', now: new Date(NOW * 1000) },
    );
    expect(id?.checks.find((c) => c.name === 'at_hash')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/cannot be checked.*OIDC Core §3\.1\.3\.6.*"ES256K"/),
    });
  });
});

describe('DPoP (RFC 9449 §4.3 check 5, §5.1)', () => {
  it('advertises Ed25519, not EdDSA, and still accepts proofs signed EdDSA', () => {
    expect(DPOP_ALGS).toContain('Ed25519');
    expect(DPOP_ALGS).not.toContain('EdDSA');
    expect(DPOP_ALGS_ACCEPTED).toEqual([...DPOP_ALGS, 'EdDSA']);
  });
});

describe('the JWT workshop', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  it('signs with an Ed25519 key as "Ed25519" by default', () => {
    expect(defaultAlgFor(privateKey)).toBe('Ed25519');
    expect(SIGNING_ALGS).toContain('Ed25519');
    expect(SIGNING_ALGS).not.toContain('EdDSA');
  });

  it('verifies both names with the same key; a verifier pinned to one is told the other names the same signature', async () => {
    const sign = (alg: string) =>
      new SignJWT({ sub: 'a' }).setProtectedHeader({ alg }).sign(privateKey);
    const [fully, old] = await Promise.all([sign('Ed25519'), sign('EdDSA')]);
    expect(await verifyJwt(fully, { key: publicKey })).toMatchObject({ valid: true });
    expect(await verifyJwt(old, { key: publicKey })).toMatchObject({ valid: true });
    expect(
      await verifyJwt(fully, { key: publicKey, algorithms: ['Ed25519', 'EdDSA'] }),
    ).toMatchObject({ valid: true });
    const pinned = await verifyJwt(fully, { key: publicKey, algorithms: ['EdDSA'] });
    expect(pinned).toMatchObject({ valid: false, code: 'algorithm' });
    expect(pinned.valid ? '' : pinned.reason).toMatch(
      /only EdDSA is accepted \(RFC 8725 §3\.1\); "Ed25519" is the fully-specified name .*RFC 9864 §2\.2.*--alg Ed25519,EdDSA$/,
    );
    // No hint where the names are unrelated.
    const es = await verifyJwt(fully, { key: publicKey, algorithms: ['ES256'] });
    expect(es.valid ? '' : es.reason).not.toMatch(/fully-specified/);
  });
});

describe('--alg parsers: the listed names, and the deprecated EdDSA', () => {
  it.each([
    ['provider/flow --alg', parseProviderAlg],
    ['jwt sign/keys --alg', parseSigningAlg],
  ] as const)('%s', (_name, parse) => {
    expect(parse('Ed25519')).toBe('Ed25519');
    expect(parse('EdDSA')).toBe('EdDSA');
    expect(() => parse('none')).toThrow(InvalidArgumentError);
    expect(() => parse('none')).toThrow(/Ed25519\.$/);
    expect(() => parse('Ed448')).toThrow(/Allowed choices are .*Ed25519\.$/);
  });

  it('jwt verify --alg takes both names in one list', () => {
    expect(parseSigningAlgs('Ed25519,EdDSA')).toEqual(['Ed25519', 'EdDSA']);
  });
});
