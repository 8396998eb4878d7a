/** Property test: random methods, paths, headers and bodies never get a 5xx or crash the provider. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { request, type IncomingHttpHeaders } from 'node:http';
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
  '/authorize?client_id=oauth-tutor-demo&redirect_uri=http%3A%2F%2F127.0.0.1%3A9999%2Fcallback&response_type=code&scope=openid%20%C3%A9t%C3%A9%20%22q%22',
  '/authorize?client_id=oauth-tutor-demo&redirect_uri=http%3A%2F%2F127.0.0.1%3A9999%2Fcallback&response_type=token',
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
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => {
          try {
            wireSafeErrorDescriptions(res.headers, text);
            resolve(res.statusCode ?? 0);
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * RFC 6749 §4.1.2.1, §5.2 and RFC 6750 §3: error_description holds only %x20-21 / %x23-5B / %x5D-7E,
 * in a JSON error, a redirect's query and a WWW-Authenticate challenge alike.
 */
const WIRE_SAFE = /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/;
function wireSafeErrorDescriptions(headers: IncomingHttpHeaders, body: string): void {
  const found: string[] = [];
  if ((headers['content-type'] ?? '').includes('json') && body !== '') {
    const json: unknown = JSON.parse(body);
    if (typeof json === 'object' && json !== null && 'error_description' in json)
      found.push(String(json.error_description));
  }
  const location = headers['location'];
  if (location !== undefined) {
    const d = new URL(location, p.issuer).searchParams.get('error_description');
    if (d !== null) found.push(d);
  }
  const challenge = /error_description="([^"]*)"/.exec(headers['www-authenticate'] ?? '');
  if (challenge?.[1] !== undefined) found.push(challenge[1]);
  for (const d of found) expect(d, `error_description ${JSON.stringify(d)}`).toMatch(WIRE_SAFE);
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
            // Unicode too: a value the provider echoes in an error_description (a scope, say) must
            // still leave it wire-safe.
            fc.oneof(fc.string({ maxLength: 60 }), fc.string({ maxLength: 20, unit: 'grapheme' })),
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
