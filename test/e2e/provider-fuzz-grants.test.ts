/** Property tests (issue 14): the device endpoints and DPoP proofs, fed random input, never get a 5xx or crash the provider. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { startProvider, type RunningProvider } from '../../src/provider/server.js';
import { normaliseUserCode } from '../../src/provider/device.js';
import { createDpopKey, dpopProof } from '../../src/oauth/dpop.js';

let p: RunningProvider;
let auth: string;
let bound: string;
beforeAll(async () => {
  p = await startProvider({ port: 0 });
  auth = `Basic ${Buffer.from(`${p.demoClient.client_id}:${p.demoClient.client_secret}`).toString('base64')}`;
  // A DPoP-bound token, so that random proofs at the API reach the proof checks (an unbound token stops earlier).
  const proof = await dpopProof(await createDpopKey(), 'POST', `${p.issuer}/token`);
  const r = await fetch(`${p.issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: auth,
      dpop: proof,
    },
    body: 'grant_type=client_credentials&scope=notes.read',
  });
  bound = ((await r.json()) as { access_token: string }).access_token;
});
afterAll(async () => p.close());

const b64 = (v: unknown) =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
/** JWT-shaped strings with random headers and claims: what a careless or hostile client sends as a DPoP proof. */
const proofLike = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc
    .tuple(fc.jsonValue(), fc.jsonValue(), fc.string({ maxLength: 40 }))
    .map(([h, c, sig]) => `${b64(h)}.${b64(c)}.${b64(sig)}`),
  fc
    .record({
      typ: fc.constantFrom('dpop+jwt', 'JWT', 'x'),
      alg: fc.constantFrom('ES256', 'none', 'HS256', 'RS256', 'x'),
      jwk: fc.oneof(
        fc.constant({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }),
        fc.constant({ kty: 'oct', k: 'AA' }),
        fc.jsonValue(),
      ),
    })
    .map(
      (h) => `${b64(h)}.${b64({ jti: 'j', htm: 'GET', htu: 'http://x', iat: 1 })}.${b64('sig')}`,
    ),
);

it('random DPoP headers at the token endpoint and the API: always a 4xx, never a 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('/token', '/api/notes'),
      proofLike,
      fc.constantFrom('DPoP', 'Bearer'),
      async (path, proof, scheme) => {
        const res =
          path === '/token'
            ? await fetch(`${p.issuer}/token`, {
                method: 'POST',
                headers: {
                  'content-type': 'application/x-www-form-urlencoded',
                  authorization: auth,
                  dpop: proof,
                },
                body: 'grant_type=client_credentials&scope=notes.read',
              })
            : await fetch(`${p.issuer}/api/notes`, {
                headers: { authorization: `${scheme} ${bound}`, dpop: proof },
              });
        await res.arrayBuffer();
        // Refused: 400 invalid_dpop_proof at the token endpoint, 401 at the API.
        expect(res.status).toBe(path === '/token' ? 400 : 401);
      },
    ),
    { numRuns: 150 },
  );
}, 120_000);

it('random forms at the device endpoints: never a 5xx', async () => {
  const form = fc.dictionary(
    fc.constantFrom(
      'client_id',
      'scope',
      'user_code',
      'rid',
      'csrf',
      'username',
      'password',
      'action',
      'device_code',
      'grant_type',
    ),
    fc.string({ maxLength: 60 }),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('/device_authorization', '/device', '/token'),
      form,
      async (path, fields) => {
        const body = new URLSearchParams(
          path === '/token'
            ? { ...fields, grant_type: 'urn:ietf:params:oauth:grant-type:device_code' }
            : fields,
        );
        const res = await fetch(`${p.issuer}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
        await res.arrayBuffer();
        expect(res.status).toBeLessThan(500);
      },
    ),
    { numRuns: 150 },
  );
  expect(
    (await fetch(`${p.issuer}/device?user_code=${encodeURIComponent('<script>')}`)).status,
  ).toBe(200);
}, 120_000);

it('normaliseUserCode: any casing, dashes and spaces around a code give back the code', () => {
  const letter = fc.constantFrom(...'BCDFGHJKLMNPQRSTVWXZ');
  fc.assert(
    fc.property(
      fc.array(letter, { minLength: 8, maxLength: 8 }),
      fc.array(fc.constantFrom(' ', '-', ''), { minLength: 9, maxLength: 9 }),
      fc.boolean(),
      (letters, gaps, lower) => {
        const code = `${letters.slice(0, 4).join('')}-${letters.slice(4).join('')}`;
        const typed =
          letters.map((l, i) => `${gaps[i]}${lower ? l.toLowerCase() : l}`).join('') + gaps[8];
        expect(normaliseUserCode(typed)).toBe(code);
      },
    ),
  );
});
