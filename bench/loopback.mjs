// A small HTTP client for the provider benches, loopback only: keep-alive requests through one agent,
// a pool that runs jobs N at a time, and one whole authorization-code flow with PKCE as the demo user:
// a first sign-in (consent page + password, 3 requests) or a returning user's (2 requests, the session
// cookie of one earlier sign-in sent along).
import { Agent, request } from 'node:http';

export const REDIRECT = 'http://127.0.0.1:9/callback';
export const DEMO_SECRET = 'bench-secret-0123456789abcdef';
const AUTH = `Basic ${Buffer.from(`oauth-tutor-demo:${DEMO_SECRET}`).toString('base64')}`;

export function loopbackClient(issuer, { connections = 16 } = {}) {
  const url = new URL(issuer);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost' && url.hostname !== '[::1]')
    throw new Error(`benches talk to loopback only, not ${url.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const send = (method, path, headers = {}, body = '') =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (d) => (text += d));
          res.on('end', () =>
            resolve({
              status: res.statusCode,
              location: res.headers.location,
              setCookie: res.headers['set-cookie'],
              text,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const pool = async (count, job, width = connections) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: width }, async () => {
        while (next < count) await job(next++);
      }),
    );
  };
  return { url, agent, send, pool, close: () => agent.destroy() };
}

/** The authorize URL for one flow (state and nonce padded to `pad` bytes when asked). */
export function authorizePath(i, challenge, pad = 0) {
  const big = 'x'.repeat(pad);
  return `/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'oauth-tutor-demo', redirect_uri: REDIRECT, scope: 'openid notes.read offline_access', state: `${i}-${big}`.slice(0, Math.max(pad, 8)), nonce: big || `n${i}`, code_challenge: challenge, code_challenge_method: 'S256' })}`;
}

/** The code in a response's Location (a redirect to the client), or null. */
function codeIn(res) {
  return res.location === undefined ? null : new URL(res.location).searchParams.get('code');
}

/** authorize → consent as alice → token; resolves to the token response. */
export async function codeFlow(send, i, pkce, pad = 0) {
  return (await signInFlow(send, i, pkce, pad)).token;
}

/** A first sign-in: authorize → consent page with password as alice → token; the token response and the session cookie set. */
async function signInFlow(send, i, { createVerifier, s256 }, pad = 0) {
  const verifier = createVerifier();
  const page = await send('GET', authorizePath(i, s256(verifier), pad));
  const rid = /name="rid" value="([^"]+)"/.exec(page.text)?.[1];
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (rid === undefined || csrf === undefined)
    throw new Error(`flow ${i}: no consent page (${page.status})`);
  const decision = await send(
    'POST',
    '/authorize/decision',
    { 'content-type': 'application/x-www-form-urlencoded' },
    new URLSearchParams({
      rid,
      csrf,
      username: 'alice',
      password: 'wonderland',
      action: 'approve',
    }).toString(),
  );
  const code = codeIn(decision);
  if (code === null) throw new Error(`flow ${i}: no code (${decision.status})`);
  const cookie = decision.setCookie?.[0]?.split(';')[0];
  return { token: await redeem(send, code, verifier), cookie };
}

function redeem(send, code, verifier) {
  return send(
    'POST',
    '/token',
    { 'content-type': 'application/x-www-form-urlencoded', authorization: AUTH },
    new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    }).toString(),
  );
}

/**
 * A returning user's flow, as a flow function like codeFlow: the first call signs alice in once (a whole
 * first flow, whose session cookie is kept); every flow then sends that cookie with GET /authorize, which
 * redirects at once with a code (alice approved these scopes), and redeems the code with PKCE at /token.
 * The same two requests as oauth2-mock-server's flow (mockCodeFlow), whose /authorize asks nobody.
 */
export function returningCodeFlow() {
  let session;
  return async (send, i, pkce) => {
    session ??= signInFlow(send, -1, pkce).then(({ cookie }) => {
      if (cookie === undefined) throw new Error('the sign-in set no session cookie');
      return cookie;
    });
    const cookie = await session;
    const verifier = pkce.createVerifier();
    const authorize = await send('GET', authorizePath(i, pkce.s256(verifier)), { cookie });
    const code = codeIn(authorize);
    if (code === null) throw new Error(`returning flow ${i}: no code (${authorize.status})`);
    return redeem(send, code, verifier);
  };
}

/**
 * The same round trip against oauth2-mock-server, through the same client: its /authorize asks nobody and
 * redirects at once with a code (so it does less than ours, which shows a consent page and checks a
 * password and a CSRF token), and its /token checks the PKCE verifier of a public client.
 */
export async function mockCodeFlow(send, i, { createVerifier, s256 }) {
  const verifier = createVerifier();
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: 'bench',
    redirect_uri: REDIRECT,
    scope: 'openid notes.read offline_access',
    state: `s${i}`,
    nonce: `n${i}`,
    code_challenge: s256(verifier),
    code_challenge_method: 'S256',
  });
  const authorize = await send('GET', `/authorize?${q}`);
  const code = codeIn(authorize);
  if (code === null) throw new Error(`oauth2-mock-server flow ${i}: no code (${authorize.status})`);
  return send(
    'POST',
    '/token',
    { 'content-type': 'application/x-www-form-urlencoded' },
    new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      client_id: 'bench',
      code_verifier: verifier,
    }).toString(),
  );
}
