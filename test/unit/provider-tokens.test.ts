/**
 * The provider signs its tokens with node:crypto.sign (issue 16: several
 * times faster than jose's WebCrypto path). These tests prove the output is
 * still the standard JWT: jose verifies every token, by public key and by the
 * published JWKS, for each algorithm the provider offers.
 */
import { describe, expect, it } from 'vitest';
import { decodeProtectedHeader } from 'jose/decode/protected_header';
import { createLocalJWKSet } from 'jose/jwks/local';
import { jwtVerify } from 'jose/jwt/verify';
import { atHash } from '../../src/protocol/at-hash.js';
import {
  createSigningKey,
  exportPrivateJwk,
  importSigningKey,
  PROVIDER_ALGS_ACCEPTED,
  type ProviderAlg,
  type SigningKey,
} from '../../src/provider/keys.js';
import { DEMO_USERS } from '../../src/provider/model.js';
import {
  checkAccessToken,
  issueAccessToken,
  issueIdToken,
  type IssueContext,
} from '../../src/provider/tokens.js';

const NOW = 1_800_000_000;
const ISSUER = 'http://127.0.0.1:4000';
const alice = DEMO_USERS[0]!;

/**
 * One key per algorithm for the whole file, made on first use: no test changes a key, and an RSA
 * 2048 key costs about 0.2 s of CPU to make (six tests sign RS256).
 */
const keys = new Map<ProviderAlg, Promise<SigningKey>>();
function keyFor(alg: ProviderAlg): Promise<SigningKey> {
  let key = keys.get(alg);
  if (key === undefined) keys.set(alg, (key = createSigningKey(alg)));
  return key;
}

// The provider signs on libuv's thread pool while several connections are open, and on its own thread
// when only one connection is open (tokens.ts): both paths must give the same standard JWTs.
const SIGNING_PATHS = [
  ['on the thread pool', {}],
  ['on the main thread (a lone connection)', { connections: () => 1 }],
] as const;

describe.each(
  PROVIDER_ALGS_ACCEPTED.flatMap((alg) =>
    SIGNING_PATHS.map(([how, extra]) => [alg, how, extra] as const),
  ),
)('tokens signed with node:crypto, %s, %s', (alg, _how, extra) => {
  it('an access token verifies with jose (public key and JWKS), typ at+jwt, RFC 9068 claims', async () => {
    const key = await keyFor(alg);
    const ctx: IssueContext = {
      issuer: ISSUER,
      audience: `${ISSUER}/api`,
      key,
      now: () => NOW,
      ...extra,
    };
    const { token, jti, exp } = await issueAccessToken(ctx, {
      sub: alice.sub,
      client_id: 'app',
      scope: 'openid notes.read',
    });
    const options = {
      algorithms: [alg],
      typ: 'at+jwt',
      issuer: ISSUER,
      audience: `${ISSUER}/api`,
      currentDate: new Date(NOW * 1000),
    };
    const byKey = await jwtVerify(token, key.publicKey, options);
    const byJwks = await jwtVerify(token, createLocalJWKSet(key.jwks), options);
    expect(byKey.protectedHeader).toEqual({ alg, typ: 'at+jwt', kid: key.kid });
    expect(byJwks.payload).toEqual({
      client_id: 'app',
      scope: 'openid notes.read',
      iss: ISSUER,
      sub: alice.sub,
      aud: `${ISSUER}/api`,
      iat: NOW,
      exp,
      jti,
    });
    expect(exp).toBe(NOW + 3600);
    expect(await checkAccessToken(ctx, token, new Set())).toMatchObject({ ok: true });
    expect(await checkAccessToken(ctx, token, new Set([jti]))).toEqual({
      ok: false,
      description: 'the access token was revoked',
    });
  });

  it('an ID token verifies with jose, typ JWT, audience the client, at_hash of the access token', async () => {
    const key = await keyFor(alg);
    const ctx: IssueContext = {
      issuer: ISSUER,
      audience: `${ISSUER}/api`,
      key,
      now: () => NOW,
      ...extra,
    };
    const idToken = await issueIdToken(ctx, {
      user: alice,
      client_id: 'app',
      scope: 'openid profile email',
      nonce: 'n-1',
      auth_time: NOW - 5,
      accessToken: 'the-access-token',
    });
    const { payload, protectedHeader } = await jwtVerify(idToken, createLocalJWKSet(key.jwks), {
      algorithms: [alg],
      issuer: ISSUER,
      audience: 'app',
      currentDate: new Date(NOW * 1000),
    });
    expect(protectedHeader).toEqual({ alg, typ: 'JWT', kid: key.kid });
    expect(payload).toMatchObject({
      sub: alice.sub,
      nonce: 'n-1',
      auth_time: NOW - 5,
      at_hash: atHash('the-access-token', alg),
      name: alice.name,
      email: alice.email,
      email_verified: true,
      iat: NOW,
      exp: NOW + 3600,
    });
    // An ID token is not an access token (RFC 9068 §4: typ must be at+jwt).
    expect(await checkAccessToken(ctx, idToken, new Set())).toMatchObject({ ok: false });
  });

  it('a key read back from --state-dir signs tokens the original public key verifies', async () => {
    const key = await keyFor(alg);
    const again = await importSigningKey(await exportPrivateJwk(key), alg);
    const { token } = await issueAccessToken(
      { issuer: ISSUER, audience: 'api', key: again, now: () => NOW },
      { sub: 's', client_id: 'c', scope: 'x' },
    );
    expect(decodeProtectedHeader(token).kid).toBe(key.kid);
    await expect(
      jwtVerify(token, key.publicKey, { currentDate: new Date(NOW * 1000) }),
    ).resolves.toBeDefined();
  });
});

describe('claims that are not ASCII', () => {
  // signCompact copies all-ASCII claims as latin1 and encodes the others as UTF-8 (RFC 7519 §7.1): a
  // nonce or a user's name may be any text, and must come back from jose exactly as it went in.
  it.each(['caf\u00e9', '\u{1F600} \u00fc\u00df \u4e2d\u6587', 'ascii only', '\ud800 lone'])(
    'an ID token with nonce and name %j verifies with jose and carries them unchanged',
    async (text) => {
      const key = await keyFor('ES256');
      const ctx: IssueContext = {
        issuer: ISSUER,
        audience: `${ISSUER}/api`,
        key,
        now: () => NOW,
        connections: () => 1,
      };
      const idToken = await issueIdToken(ctx, {
        user: { ...alice, name: text },
        client_id: 'app',
        scope: 'openid profile',
        nonce: text,
        auth_time: NOW,
        accessToken: 'the-access-token',
      });
      const { payload } = await jwtVerify(idToken, key.publicKey, {
        issuer: ISSUER,
        audience: 'app',
        currentDate: new Date(NOW * 1000),
      });
      // JSON.stringify writes a lone surrogate as an escape; JSON.parse gives it back as the same unit.
      expect(payload.nonce).toBe(text);
      expect(payload['name']).toBe(text);
      const claims = idToken.split('.')[1] ?? '';
      expect(Buffer.from(claims, 'base64url').toString('utf8')).toContain(JSON.stringify(text));
    },
  );
});
