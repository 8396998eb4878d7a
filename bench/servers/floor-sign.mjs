// The floor of what the provider's /token must do beyond the limit (servers/bare-sign.mjs), written as
// barely as the limit is: the same ES256 signing on libuv's thread pool, plus only the work the
// protocol requires of a client_credentials request. It reads and parses the
// application/x-www-form-urlencoded body (RFC 6749 §4.4.2) and refuses a repeated parameter (§3.1),
// authenticates the client with HTTP Basic (§2.3.1: form-urlencoded id and secret, the secret compared
// in constant time through SHA-256 digests), checks grant_type and scope, and answers with the headers
// the provider sends on every JSON answer (RFC 6749 §5.1 Cache-Control: no-store and Pragma: no-cache,
// nosniff, no-referrer). No stores, no log of checks, no routing table. Prints its URL.
import { createServer } from 'node:http';
import { generateKeyPairSync, hash, randomUUID, sign, timingSafeEqual } from 'node:crypto';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const header = b64({ alg: 'ES256', typ: 'at+jwt', kid: 'bench' });
const key = { key: privateKey, dsaEncoding: 'ieee-p1363' };
const CLIENT_ID = 'oauth-tutor-demo';
const SECRET_DIGEST = hash('sha256', 'bench-secret-0123456789abcdef', 'buffer');
const decode = (s) =>
  s.includes('%') || s.includes('+') ? decodeURIComponent(s.replace(/\+/g, ' ')) : s;

function answer(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    pragma: 'no-cache',
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function token(req, res, body) {
  const params = new Map();
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq));
    if (params.has(name)) return answer(res, 400, { error: 'invalid_request' });
    params.set(name, eq < 0 ? '' : decode(part.slice(eq + 1)));
  }
  const auth = req.headers.authorization ?? '';
  if (!/^basic /i.test(auth)) return answer(res, 401, { error: 'invalid_client' });
  const pair = Buffer.from(auth.slice(6), 'base64').toString('utf8');
  const colon = pair.indexOf(':');
  const id = decode(pair.slice(0, colon));
  const presented = hash('sha256', decode(pair.slice(colon + 1)), 'buffer');
  if (colon < 0 || !timingSafeEqual(presented, SECRET_DIGEST) || id !== CLIENT_ID)
    return answer(res, 401, { error: 'invalid_client' });
  if (params.get('grant_type') !== 'client_credentials')
    return answer(res, 400, { error: 'unsupported_grant_type' });
  const scope = params.get('scope') ?? 'notes.read';
  if (scope !== 'notes.read') return answer(res, 400, { error: 'invalid_scope' });
  const iat = Math.floor(Date.now() / 1000);
  const input = `${header}.${b64({ client_id: id, scope, iss: url, sub: id, aud: `${url}/api`, iat, exp: iat + 3600, jti: randomUUID() })}`;
  sign('sha256', Buffer.from(input), key, (error, signature) =>
    error
      ? res.destroy(error)
      : answer(res, 200, {
          access_token: `${input}.${signature.toString('base64url')}`,
          token_type: 'Bearer',
          expires_in: 3600,
          scope,
        }),
  );
}

const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => token(req, res, body));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;
process.stdout.write(`${url}\n`);
