/**
 * The client's token checks (src/oauth/token-checks.ts) against tokens the built-in provider issues.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignJWT } from 'jose';
import { checkTokens, isAccessTokenTyp } from '../../src/oauth/token-checks.js';
import { ISSUER, issuedPair, NOW } from '../helpers/tokens.js';

afterEach(() => vi.restoreAllMocks());

describe('checkTokens', () => {
  it('verifies the access token and the ID token against one key set: the key is imported once', async () => {
    const { key, accessToken, idToken } = await issuedPair('ES256');
    const imports = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    const [access, id] = await checkTokens(
      { access_token: accessToken, id_token: idToken },
      { jwks: key.jwks, issuer: ISSUER, clientId: 'app', nonce: 'n', now: new Date(NOW * 1000) },
    );
    expect([access?.kind, access?.verified, id?.kind, id?.verified]).toEqual([
      'access_token',
      true,
      'id_token',
      true,
    ]);
    expect(imports).toHaveBeenCalledTimes(1);
  });

  it('decodes the access token as a lesson, and says that a real client must not (RFC 9068 §6)', async () => {
    const { key, accessToken, idToken } = await issuedPair('ES256');
    const [access] = await checkTokens(
      { access_token: accessToken, id_token: idToken },
      { jwks: key.jwks, issuer: ISSUER, clientId: 'app', nonce: 'n', now: new Date(NOW * 1000) },
    );
    const said = (access?.checks ?? []).map((c) => c.detail).join('\n');
    // RFC 9068 §6: "The client MUST NOT inspect the content of the access token".
    expect(said).toMatch(/client MUST NOT inspect the content of an access token \(RFC 9068 §6\)/);
    expect(said).not.toMatch(/client may (read|inspect)/i);
  });

  it('takes typ "at+jwt" or "application/at+jwt" in any case as an access token, and nothing else (RFC 9068 §4, RFC 7515 §4.1.9)', () => {
    for (const typ of ['at+jwt', 'application/at+jwt', 'AT+JWT', 'Application/At+Jwt'])
      expect(isAccessTokenTyp(typ), typ).toBe(true);
    for (const typ of [
      ...['JWT', 'jwt', 'at+jwt ', 'application/jwt', 'x/at+jwt', 'at+application/jwt', ''],
      ...[['at+jwt'], null, undefined, 1],
    ])
      expect(isAccessTokenTyp(typ), JSON.stringify(typ)).toBe(false);
  });

  it("the access token's typ check passes application/at+jwt, and fails JWT or no typ, saying the flow goes on", async () => {
    const { key, idToken } = await issuedPair('ES256');
    const access = (typ: string | undefined) =>
      new SignJWT({ client_id: 'app', scope: 'openid', sub: 'alice' })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid, ...(typ === undefined ? {} : { typ }) })
        .setIssuer(ISSUER)
        .setAudience(`${ISSUER}/api`)
        .setIssuedAt(NOW)
        .setExpirationTime(NOW + 300)
        .sign(key.privateKey);
    const typCheck = async (typ: string | undefined) => {
      const [checked] = await checkTokens(
        { access_token: await access(typ), id_token: idToken },
        { jwks: key.jwks, issuer: ISSUER, clientId: 'app', nonce: 'n', now: new Date(NOW * 1000) },
      );
      expect(checked?.verified, typ).toBe(true);
      return checked?.checks.find((c) => c.name === 'typ');
    };
    expect(await typCheck('application/at+jwt')).toMatchObject({ ok: true });
    expect(await typCheck('JWT')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(
        /^typ "JWT": neither "at\+jwt" nor .*: an API .* \(RFC 9068 §4\); the flow goes on/,
      ),
    });
    expect(await typCheck(undefined)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(
        /^no typ header, so not .*: an API .* \(RFC 9068 §4\); the flow goes on/,
      ),
    });
  });

  it('an ID token without a sub of at most 255 ASCII characters fails (OIDC Core §2: REQUIRED)', async () => {
    const { key, accessToken } = await issuedPair('ES256');
    const id = async (sub: unknown) => {
      // A sub of the wrong type on purpose: the payload type allows only strings.
      const token = await new SignJWT({
        nonce: 'n',
        ...(sub === undefined ? {} : { sub: sub as string }),
      })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid })
        .setIssuer(ISSUER)
        .setAudience('app')
        .setIssuedAt(NOW)
        .setExpirationTime(NOW + 300)
        .sign(key.privateKey);
      const [, checked] = await checkTokens(
        { access_token: accessToken, id_token: token },
        { jwks: key.jwks, issuer: ISSUER, clientId: 'app', nonce: 'n', now: new Date(NOW * 1000) },
      );
      return checked;
    };
    expect(await id('user-alice-0001')).toMatchObject({ verified: true });
    for (const bad of [undefined, 42, 'x'.repeat(256), 'ünïcødé']) {
      const checked = await id(bad);
      expect(checked?.verified, String(bad)).toBe(false);
      expect(checked?.checks.find((c) => c.name === 'sub')).toMatchObject({
        ok: false,
        detail: expect.stringMatching(/OIDC Core §2 requires a sub/),
      });
    }
  });
});
