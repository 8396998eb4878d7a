// The least a live authorization-code flow with PKCE on loopback must do, in one module with
// nothing else: start an HTTP server, sign an ES256 ID token and access token with node:crypto,
// make the flow's requests with node:http (discovery, authorize, the redirect to the client's
// callback, token, JWKS, userinfo, the API), verify both tokens with jose (by subpath, as the flow
// does), print JSON. No prompts, no lessons, no teaching text, no consent page, no checks beyond the
// signatures. The two floors under `oauth-tutor flow --auto --json` run it (flow.mjs, flow-cli.mjs).
import { createServer, request } from 'node:http';
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import { jwtVerify } from 'jose/jwt/verify';
import { createLocalJWKSet } from 'jose/jwks/local';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'ES256', use: 'sig' };
const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
const jwt = (claims) => {
  const input = `${b64({ alg: 'ES256', kid: 'k1' })}.${b64(claims)}`;
  const sig = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${sig.toString('base64url')}`;
};
const codes = new Map();

const json = (res, status, body, headers = {}) =>
  res
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify(body));
const server = createServer((req, res) => {
  const url = new URL(req.url, issuer);
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    if (url.pathname === '/.well-known/openid-configuration')
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        userinfo_endpoint: `${issuer}/userinfo`,
      });
    if (url.pathname === '/authorize') {
      const code = randomUUID();
      codes.set(code, url.searchParams.get('code_challenge'));
      const to = new URL(url.searchParams.get('redirect_uri'));
      to.searchParams.set('code', code);
      to.searchParams.set('state', url.searchParams.get('state'));
      return res.writeHead(302, { location: to.href }).end();
    }
    if (url.pathname === '/callback') return res.writeHead(200).end('ok');
    if (url.pathname === '/token') {
      const form = new URLSearchParams(body);
      const challenge = createHash('sha256').update(form.get('code_verifier')).digest('base64url');
      if (codes.get(form.get('code')) !== challenge)
        return json(res, 400, { error: 'invalid_grant' });
      const iat = Math.floor(Date.now() / 1000);
      const claims = { iss: issuer, sub: 'alice', iat, exp: iat + 300 };
      return json(res, 200, {
        access_token: jwt({ ...claims, aud: `${issuer}/api`, client_id: 'c' }),
        id_token: jwt({ ...claims, aud: 'c' }),
        token_type: 'Bearer',
        expires_in: 300,
      });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (url.pathname === '/userinfo' || url.pathname === '/api')
      return json(res, 200, { sub: 'alice' });
    json(res, 404, { error: 'not_found' });
  });
});
// No top-level await: the floor is bundled as CommonJS, as dist/bin/ is.
let issuer;
export async function flow() {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${server.address().port}`;

  function send(url, { method = 'GET', body, headers = {} } = {}) {
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  const discovery = JSON.parse((await send(`${issuer}/.well-known/openid-configuration`)).text);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: 'c',
    redirect_uri: `${issuer}/callback`,
    scope: 'openid',
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const redirect = new URL((await send(authorize)).headers.location);
  await send(redirect);
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: redirect.searchParams.get('code'),
    redirect_uri: `${issuer}/callback`,
    client_id: 'c',
    code_verifier: verifier,
  });
  const tokens = JSON.parse(
    (
      await send(discovery.token_endpoint, {
        method: 'POST',
        body: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
    ).text,
  );
  const jwks = createLocalJWKSet(JSON.parse((await send(discovery.jwks_uri)).text));
  const id = await jwtVerify(tokens.id_token, jwks, { issuer, audience: 'c' });
  const at = await jwtVerify(tokens.access_token, jwks, { issuer, audience: `${issuer}/api` });
  const auth = { authorization: `Bearer ${tokens.access_token}` };
  const userinfo = JSON.parse((await send(discovery.userinfo_endpoint, { headers: auth })).text);
  const api = JSON.parse((await send(`${issuer}/api`, { headers: auth })).text);
  server.close();
  process.stdout.write(
    `${JSON.stringify({ id: id.payload, access: at.payload, userinfo, api }, null, 2)}\n`,
  );
}
