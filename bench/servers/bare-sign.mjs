// The limit for token issuance on this machine: a bare node:http server that
// answers every POST /token with one ES256 JWT signed by node:crypto, and does
// nothing else (no client authentication, no stores). Prints its URL.
// `bare-sign.mjs async` signs with crypto.sign's callback form (libuv's
// thread pool), as the provider does; without it, synchronously.
import { createServer } from 'node:http';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const header = b64({ alg: 'ES256', typ: 'at+jwt', kid: 'bench' });

const ASYNC = process.argv[2] === 'async';
const key = { key: privateKey, dsaEncoding: 'ieee-p1363' };

function respond(res, input, signature) {
  const body = JSON.stringify({
    access_token: `${input}.${signature.toString('base64url')}`,
    token_type: 'Bearer',
    expires_in: 3600,
    scope: 'notes.read',
  });
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
}

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const iat = Math.floor(Date.now() / 1000);
    const input = `${header}.${b64({ client_id: 'bench', scope: 'notes.read', iss: url, sub: 'bench', aud: `${url}/api`, iat, exp: iat + 3600, jti: randomUUID() })}`;
    if (ASYNC)
      sign('sha256', Buffer.from(input), key, (error, signature) =>
        error ? res.destroy(error) : respond(res, input, signature),
      );
    else respond(res, input, sign('sha256', Buffer.from(input), key));
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;
process.stdout.write(`${url}\n`);
