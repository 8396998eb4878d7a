/** Property test: random methods, paths, headers and bodies never get a 5xx or crash the provider. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { request } from 'node:http';
import { startProvider, type RunningProvider } from '../../src/provider/server.js';

let p: RunningProvider;
beforeAll(async () => (p = await startProvider({ port: 0 })));
afterAll(async () => p.close());

const PATHS = [
  '/',
  '/token',
  '/authorize',
  '/authorize/decision',
  '/register',
  '/revoke',
  '/introspect',
  '/userinfo',
  '/api/notes',
  '/api/profile',
  '/jwks',
  '/.well-known/openid-configuration',
  '/nope',
  '//token',
  '/token?x=%zz',
  '/authorize?client_id=oauth-tutor-demo&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&response_type=code&scope=openid%20x',
];
const TYPES = [
  'application/x-www-form-urlencoded',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
  '',
];

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(p.issuer);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

it('answers every random request with 2xx–4xx and keeps serving', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
      fc.oneof(
        fc.constantFrom(...PATHS),
        fc.webPath().map((s) => (s.startsWith('/') ? s : `/${s}`)),
      ),
      fc.constantFrom(...TYPES),
      fc.oneof(
        fc.constant(undefined),
        fc.constantFrom(
          'Basic !!!',
          'Basic b2F1dGgtdHV0b3ItZGVtbzp4',
          'Bearer x.y.z',
          'Bearer',
          'Digest x',
          'Bearer eyJhbGciOiJub25lIn0.e30.',
        ),
      ),
      fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.json(),
        fc
          .dictionary(
            fc.constantFrom(
              'grant_type',
              'code',
              'client_id',
              'client_secret',
              'redirect_uri',
              'code_verifier',
              'refresh_token',
              'token',
              'scope',
              'rid',
              'csrf',
            ),
            fc.string({ maxLength: 60 }),
          )
          .map((d) => new URLSearchParams(d).toString()),
      ),
      async (method, path, type, auth, body) => {
        const headers: Record<string, string> = {};
        if (type !== '') headers['content-type'] = type;
        if (auth !== undefined) headers['authorization'] = auth;
        const status = await send(
          method,
          path,
          headers,
          method === 'GET' || method === 'HEAD' ? '' : body,
        );
        expect(status).toBeGreaterThanOrEqual(200);
        expect(status).toBeLessThan(500);
      },
    ),
    { numRuns: 400 },
  );
  expect((await fetch(`${p.issuer}/jwks`)).status).toBe(200);
}, 120_000);
