/** Issue 14: DPoP (RFC 9449) — bound tokens at the provider, the API's proof checks, and the replay lab end to end. */
import { describe, expect, it } from 'vitest';
import { SignJWT, exportJWK, generateKeyPair, calculateJwkThumbprint } from 'jose';
import type { RequestEntry, RunningProvider } from '../../src/provider/server.js';
import { createDpopKey, dpopProof } from '../../src/oauth/dpop.js';
import {
  api,
  basic,
  fakeClock,
  getCode,
  post,
  providerOnClock,
  REDIRECT,
} from '../helpers/oauth.js';
import { run } from '../helpers/cli.js';

const clock = fakeClock();
const provider = () => providerOnClock(clock);

async function boundToken(p: RunningProvider, key: Awaited<ReturnType<typeof createDpopKey>>) {
  const code = await getCode(p);
  const proof = await dpopProof(key, 'POST', `${p.issuer}/token`, { iat: clock.now });
  return codeWithProof(p, code, proof);
}

/** The demo client redeems `code` at /token with a DPoP proof. */
function codeWithProof(
  p: RunningProvider,
  code: Awaited<ReturnType<typeof getCode>>,
  proof: string,
) {
  return post(
    `${p.issuer}/token`,
    {
      grant_type: 'authorization_code',
      code: code.code,
      redirect_uri: REDIRECT,
      code_verifier: code.verifier,
    },
    { authorization: basic(p.demoClient.client_id, p.demoClient.client_secret!), dpop: proof },
  );
}

describe('the token endpoint (RFC 9449 §5)', () => {
  it('binds the access token to the proof key: token_type DPoP and cnf.jkt', async () => {
    const p = await provider();
    const key = await createDpopKey();
    const r = await boundToken(p, key);
    expect(r.status).toBe(200);
    expect(r.json['token_type']).toBe('DPoP');
    const payload = JSON.parse(
      Buffer.from(String(r.json['access_token']).split('.')[1]!, 'base64url').toString(),
    ) as { cnf?: { jkt?: string } };
    expect(payload.cnf).toEqual({ jkt: key.jkt });
  });

  it.each([
    [
      'an HMAC proof',
      async (k: Awaited<ReturnType<typeof createDpopKey>>, url: string) =>
        new SignJWT({ jti: 'a', htm: 'POST', htu: url })
          .setProtectedHeader({ typ: 'dpop+jwt', alg: 'HS256', jwk: k.publicJwk })
          .setIssuedAt(clock.now)
          .sign(new Uint8Array(32)),
      /alg HS256/,
    ],
    [
      'a proof for GET',
      async (k: Awaited<ReturnType<typeof createDpopKey>>, url: string) =>
        dpopProof(k, 'GET', url, { iat: clock.now }),
      /htm GET/,
    ],
    [
      'a proof signed by another key than its jwk',
      async (k: Awaited<ReturnType<typeof createDpopKey>>, url: string) =>
        new SignJWT({ jti: 'b', htm: 'POST', htu: url })
          .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: k.publicJwk })
          .setIssuedAt(clock.now)
          .sign((await createDpopKey()).privateKey),
      /the signature does not verify with the jwk in its header/,
    ],
    [
      'a proof without htu',
      async (k: Awaited<ReturnType<typeof createDpopKey>>) =>
        new SignJWT({ jti: 'c', htm: 'POST' })
          .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: k.publicJwk })
          .setIssuedAt(clock.now)
          .sign(k.privateKey),
      /a required claim is missing \(htu\)/,
    ],
    [
      'a proof that has expired (exp)',
      async (k: Awaited<ReturnType<typeof createDpopKey>>, url: string) =>
        new SignJWT({ jti: 'd', htm: 'POST', htu: url, exp: 1 })
          .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: k.publicJwk })
          .setIssuedAt(clock.now)
          .sign(k.privateKey),
      /the proof has expired \(its exp is past\)/,
    ],
    [
      'a proof whose iat is not a number',
      async (k: Awaited<ReturnType<typeof createDpopKey>>, url: string) =>
        new SignJWT({ jti: 'e', htm: 'POST', htu: url, iat: 'x' as unknown as number })
          .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: k.publicJwk })
          .sign(k.privateKey),
      /the iat claim or header is not valid/,
    ],
    [
      'a proof from ten minutes ago',
      async (k: Awaited<ReturnType<typeof createDpopKey>>, url: string) =>
        dpopProof(k, 'POST', url, { iat: clock.now - 600 }),
      /iat/,
    ],
  ])('refuses %s with invalid_dpop_proof', async (_name, make, why) => {
    const p = await provider();
    const key = await createDpopKey();
    const code = await getCode(p);
    const r = await post(
      `${p.issuer}/token`,
      {
        grant_type: 'authorization_code',
        code: code.code,
        redirect_uri: REDIRECT,
        code_verifier: code.verifier,
      },
      {
        authorization: basic(p.demoClient.client_id, p.demoClient.client_secret!),
        dpop: await make(key, `${p.issuer}/token`),
      },
    );
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      error: 'invalid_dpop_proof',
      error_description: expect.stringMatching(why),
    });
  });
});

describe('DPoP proofs signed Ed25519 (RFC 9864 §2.2) and the deprecated EdDSA (RFC 9864 §4.1.2)', () => {
  it('advertises Ed25519 and not EdDSA in discovery and WWW-Authenticate, and binds tokens to proofs signed either way', async () => {
    const logged: RequestEntry[] = [];
    const p = await providerOnClock(clock, { onRequest: (e) => logged.push(e) });
    const meta = (await (
      await fetch(`${p.issuer}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(meta['dpop_signing_alg_values_supported']).toContain('Ed25519');
    expect(meta['dpop_signing_alg_values_supported']).not.toContain('EdDSA');
    for (const alg of ['Ed25519', 'EdDSA']) {
      const { privateKey, publicKey } = await generateKeyPair(alg);
      const jwk = { kty: 'OKP', crv: 'Ed25519', x: String((await exportJWK(publicKey)).x) };
      const code = await getCode(p);
      const proof = await new SignJWT({ jti: `j-${alg}`, htm: 'POST', htu: `${p.issuer}/token` })
        .setProtectedHeader({ typ: 'dpop+jwt', alg, jwk })
        .setIssuedAt(clock.now)
        .sign(privateKey);
      const r = await codeWithProof(p, code, proof);
      expect(r.status, `${alg}: ${JSON.stringify(r.json)}`).toBe(200);
      expect(r.json['token_type']).toBe('DPoP');
      const payload = JSON.parse(
        Buffer.from(String(r.json['access_token']).split('.')[1]!, 'base64url').toString(),
      ) as { cnf?: { jkt?: string } };
      expect(payload.cnf).toEqual({ jkt: await calculateJwkThumbprint(jwk, 'sha256') });
      // The request log says when a proof uses the deprecated name.
      const proofCheck = logged
        .filter((e) => e.path === '/token')
        .at(-1)
        ?.checks.find((c) => c.text.startsWith('DPoP proof valid'));
      expect(proofCheck?.ok).toBe(true);
      if (alg === 'EdDSA')
        expect(proofCheck?.text).toMatch(/alg "EdDSA" is deprecated \(RFC 9864 §4\.1\.2\)/);
      else expect(proofCheck?.text).not.toMatch(/deprecated/);
      // RFC 9449 §7.1: the API's challenge lists the algs it supports, fully-specified names only.
      const challenge = await api(p, '/api/notes', undefined, {
        authorization: `DPoP ${String(r.json['access_token'])}`,
      });
      expect(challenge.status).toBe(401);
      expect(challenge.headers.get('www-authenticate')).toMatch(/algs="[^"]*\bEd25519\b[^"]*"/);
      expect(challenge.headers.get('www-authenticate')).not.toMatch(/EdDSA/);
    }
  });
});

describe('the API (RFC 9449 §4.3, §7.1)', () => {
  it('accepts a fresh proof; refuses a wrong htu, a reused jti, a wrong ath, another key, and the Bearer scheme', async () => {
    const p = await provider();
    const key = await createDpopKey();
    const token = String((await boundToken(p, key)).json['access_token']);
    const url = `${p.issuer}/api/notes`;
    const call = async (proof: string | undefined, scheme = 'DPoP') =>
      api(p, '/api/notes', undefined, {
        authorization: `${scheme} ${token}`,
        ...(proof === undefined ? {} : { dpop: proof }),
      });
    const good = await dpopProof(key, 'GET', url, { accessToken: token, iat: clock.now });
    expect((await call(good)).status).toBe(200);
    const refusals = [
      [await call(good), /already used/],
      [
        await call(
          await dpopProof(key, 'GET', `${p.issuer}/api/profile`, {
            accessToken: token,
            iat: clock.now,
          }),
        ),
        /htu .* is not this request's URI/,
      ],
      [
        await call(
          await dpopProof(key, 'GET', url, { accessToken: 'another-token', iat: clock.now }),
        ),
        /ath is not the hash/,
      ],
      [
        await call(
          await dpopProof(await createDpopKey(), 'GET', url, {
            accessToken: token,
            iat: clock.now,
          }),
        ),
        /not the key the access token is bound to/,
      ],
      [await call(undefined, 'Bearer'), /bound to a key/],
      [await call(undefined), /no DPoP header/],
    ] as const;
    for (const [r, why] of refusals) {
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^DPoP /);
      expect(r.headers.get('www-authenticate')).toMatch(why);
    }
  });
});

describe('flow --attack dpop-replay', () => {
  it('the stolen bound token is refused however it is replayed; a stolen Bearer token works', async () => {
    const r = await run(['flow', '--auto', '--json', '--attack', 'dpop-replay']);
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout) as {
      attack: { name: string; blocked: boolean; checkedBy: string; evidence: string };
      steps: { notes: string[]; tokens: { kind: string; payload: Record<string, unknown> }[] }[];
    };
    expect(t.attack).toMatchObject({ name: 'dpop-replay', blocked: true, checkedBy: 'API' });
    expect(t.attack.evidence).toBe(
      "as a Bearer token: 401; the captured request replayed (same proof): 401; with a proof signed by the thief's own key: 401; a proof made for another URI (htu): 401; a proof made for another token (ath): 401; a stolen Bearer token: 200",
    );
    expect(t.steps[4]!.notes.join('\n')).toMatch(/"typ":"dpop\+jwt"/);
    expect(t.steps[5]!.tokens.find((k) => k.kind === 'access_token')!.payload['cnf']).toMatchObject(
      { jkt: expect.any(String) },
    );
  });
});
