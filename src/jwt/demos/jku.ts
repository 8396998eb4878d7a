/**
 * Header injection with "jku", and key rotation by "kid", live: the issuer and
 * Mallory each publish a JWK Set on a loopback HTTP server (127.0.0.1, port
 * 0). A deliberately naive verifier — labelled, used nowhere else — fetches
 * keys from whatever "jku" the token names and is fooled; the proper verifier
 * only ever uses the issuer's configured JWKS URL, looks keys up by "kid",
 * re-fetches the set once when it meets an unfamiliar kid (key rotation), and
 * refuses Mallory's token.
 *
 * RFC 8725 §3.10: "blindly following a "jku" (JWK set URL) or "x5u" (X.509
 * URL) header, which may contain an arbitrary URL, could result in server-side
 * request forgery (SSRF) attacks." RFC 8725 §3.8: the application "MUST
 * validate that the cryptographic keys used for the cryptographic operations
 * in the JWT belong to the issuer". OIDC Core §10.1.1: "The verifier knows to
 * go back to the jwks_uri location to re-retrieve the keys when it sees an
 * unfamiliar kid value."
 */
import { createServer, type Server } from 'node:http';
// jose by subpath: its index loads every JWE/JWS/JWKS module.
import type { JWK } from 'jose';
import { decodeProtectedHeader } from 'jose/decode/protected_header';
import { createRemoteJWKSet } from 'jose/jwks/remote';
import { SignJWT } from 'jose/jwt/sign';
import { exportJWK } from 'jose/key/export';
import { generateKeyPair } from 'jose/key/generate/keypair';
import { verifyJwt } from '../verify.js';
import { json, outcomeOf, step, verdictStep, type DemoResult } from './demo.js';

const ISSUER = 'https://issuer.example';
const API = 'https://api.example';

/** A JWK Set served on 127.0.0.1 (port 0), counting the fetches it answers. */
interface JwksHost {
  url: URL;
  fetches: () => number;
  setKeys: (keys: JWK[]) => void;
  close: () => Promise<void>;
}

async function serveJwks(path: string): Promise<JwksHost> {
  let keys: JWK[] = [];
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url !== path) {
      res.writeHead(404).end();
      return;
    }
    fetches++;
    res
      .writeHead(200, { 'content-type': 'application/jwk-set+json' })
      .end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  // A server listening on a TCP port has an address object (a string only for a pipe or socket file).
  if (address === null || typeof address === 'string')
    throw new Error('the JWKS server is not on TCP');
  const { port } = address;
  return {
    url: new URL(`http://127.0.0.1:${port}${path}`),
    fetches: () => fetches,
    setKeys: (k) => (keys = k),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

async function keyPair(kid: string): Promise<{ privateKey: PrivateKey; jwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

/** NAIVE, for demonstration only: takes the key set from the URL the token itself names. */
async function naiveVerify(token: string, now: Date): Promise<{ valid: boolean; reason?: string }> {
  const { jku } = decodeProtectedHeader(token);
  if (jku === undefined) return { valid: false, reason: 'no jku' };
  const keys = createRemoteJWKSet(new URL(jku));
  const r = await verifyJwt(token, {
    key: keys,
    algorithms: ['ES256'],
    issuer: ISSUER,
    audience: API,
    now,
  });
  return r.valid ? { valid: true } : { valid: false, reason: r.reason };
}

export async function jkuDemo(now = new Date()): Promise<DemoResult> {
  const issuerHost = await serveJwks('/.well-known/jwks.json');
  const malloryHost = await serveJwks('/keys.json');
  try {
    const t = Math.floor(now.getTime() / 1000);
    const claims = { iss: ISSUER, aud: API, iat: t, exp: t + 600 };
    const k1 = await keyPair('issuer-2026-01');
    issuerHost.setKeys([k1.jwk]);
    const genuine = await new SignJWT({ ...claims, sub: 'alice' })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'issuer-2026-01' })
      .sign(k1.privateKey);

    // Mallory signs with her own key and names her own key set in the header.
    const m = await keyPair('issuer-2026-01');
    malloryHost.setKeys([m.jwk]);
    const forged = await new SignJWT({ ...claims, sub: 'mallory', admin: true })
      .setProtectedHeader({
        alg: 'ES256',
        typ: 'at+jwt',
        kid: 'issuer-2026-01',
        jku: malloryHost.url.href,
      })
      .sign(m.privateKey);

    const naive = await naiveVerify(forged, now);
    const malloryFetches = malloryHost.fetches();

    // The proper verifier: the issuer's JWKS URL comes from configuration (or the issuer's metadata), never from the token.
    // cooldownDuration 0 so that the demo can show a re-fetch at once; real verifiers wait between re-fetches.
    const issuerKeys = createRemoteJWKSet(issuerHost.url, { cooldownDuration: 0 });
    const verify = (token: string) =>
      verifyJwt(token, {
        key: issuerKeys,
        algorithms: ['ES256'],
        issuer: ISSUER,
        audience: API,
        typ: 'at+jwt',
        now,
      });
    const ok = await verify(genuine);
    const afterFirst = issuerHost.fetches();
    const again = await verify(genuine);
    const afterCached = issuerHost.fetches();
    const proper = await verify(forged);

    // Rotation: the issuer publishes a second key, then signs with it.
    const k2 = await keyPair('issuer-2026-07');
    issuerHost.setKeys([k1.jwk, k2.jwk]);
    const rotated = await new SignJWT({ ...claims, sub: 'alice' })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'issuer-2026-07' })
      .sign(k2.privateKey);
    const beforeRotated = issuerHost.fetches();
    const afterRotation = await verify(rotated);
    const rotationFetches = issuerHost.fetches() - beforeRotated;

    return {
      id: 'attack-jku',
      title: 'Attack: a key set named by the token ("jku")',
      steps: [
        step(
          'text',
          `The issuer publishes its public keys as a JWK Set at ${issuerHost.url.href} (on this machine). Every token names its key with "kid".`,
        ),
        step(
          'token',
          'Mallory signs her own token with her own key, and puts her own key set in the header',
          forged,
        ),
        step('code', 'Its header', json(decodeProtectedHeader(forged))),
        step(
          naive.valid ? 'fail' : 'ok',
          'A naive verifier that fetches the keys from the token\'s "jku"',
          naive.valid
            ? `accepts it: Mallory is admin (and the verifier fetched a URL she chose, ${malloryFetches} time${malloryFetches === 1 ? '' : 's'})`
            : `rejects it: ${naive.reason}`,
        ),
        step(
          ok.valid ? 'ok' : 'fail',
          "oauth-tutor, with the issuer's configured JWKS URL, given a genuine token",
          ok.valid ? 'accepted' : `rejected: ${ok.reason}`,
        ),
        step(
          'text',
          `It fetched the issuer's set once (${afterFirst} fetch); the same kid again is served from the cache (${afterCached - afterFirst} more fetches).`,
        ),
        verdictStep("The same verifier, given Mallory's token", proper),
        step(
          'text',
          'It never looks at "jku": her key is not in the issuer\'s set, whatever her "kid" says (RFC 8725 §3.8, §3.10).',
        ),
        step(
          afterRotation.valid ? 'ok' : 'fail',
          'The issuer rotates: it adds key "issuer-2026-07" to its set and signs with it',
          afterRotation.valid
            ? `accepted after ${rotationFetches} re-fetch of the issuer's set for the unfamiliar kid`
            : `rejected: ${afterRotation.reason}`,
        ),
        step(
          'text',
          'Fix: take keys only from the issuer\'s own JWKS URL (configured, or from its metadata), cache them by "kid", re-fetch on an unfamiliar kid, and do not follow "jku" or "x5u" from a token — if you must, only to URLs on an allow-list (RFC 8725 §3.10); the keys must belong to the issuer (RFC 8725 §3.8, OIDC Core §10.1.1).',
        ),
      ],
      outcome: outcomeOf(again.valid ? proper : again), // a verifier that failed the genuine token proves nothing
    };
  } finally {
    await Promise.all([issuerHost.close(), malloryHost.close()]);
  }
}
