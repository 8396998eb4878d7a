// Token issuance throughput (client_credentials, ES256, 20 connections, autocannon) of our provider
// against, in the same run and interleaved round by round: the limit (a bare node:http server that
// signs one ES256 JWT per request with node:crypto, servers/bare-sign.mjs), oauth2-mock-server and
// node-oidc-provider (JWT access tokens). Medians of the rounds. Also the provider's peak RSS under
// that load, and the rate of full authorization-code round trips (authorize → consent → token with PKCE).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { report } from './util.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BASIC = `Basic ${Buffer.from('oauth-tutor-demo:bench-secret-0123456789abcdef').toString('base64')}`;

function startServer(script, args = []) {
  return new Promise((resolve, reject) => {
    // stderr ignored: oidc-provider warns about Node 20 and its development adapter on every start.
    const child = spawn(process.execPath, [new URL(script, import.meta.url).pathname, ...args], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.stdout
      .setEncoding('utf8')
      .once('data', (line) => resolve({ child, url: line.trim().split('\n')[0] }));
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function load(url, headers, duration = DURATION) {
  const result = await autocannon({
    url: `${url}/token`,
    method: 'POST',
    connections: 20,
    duration,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: 'grant_type=client_credentials&scope=notes.read',
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

async function codeFlows(url, count) {
  const { playConsent } = await import(new URL('../dist/oauth/consent-bot.js', import.meta.url));
  const { createVerifier, s256 } = await import(
    new URL('../dist/protocol/pkce.js', import.meta.url)
  );
  const auth = `Basic ${Buffer.from('oauth-tutor-demo:bench-secret-0123456789abcdef').toString('base64')}`;
  const redirect = 'http://127.0.0.1:9/callback';
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const verifier = createVerifier();
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: 'oauth-tutor-demo',
      redirect_uri: redirect,
      scope: 'openid notes.read',
      state: `s${i}`,
      code_challenge: s256(verifier),
      code_challenge_method: 'S256',
    });
    const { location } = await playConsent(`${url}/authorize?${q}`, {
      username: 'alice',
      password: 'wonderland',
    });
    const code = new URL(location).searchParams.get('code');
    const res = await fetch(`${url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirect,
        code_verifier: verifier,
      }),
    });
    if (res.status !== 200) throw new Error(`code flow ${i}: ${res.status}`);
    await res.arrayBuffer();
  }
  return count / (Number(process.hrtime.bigint() - t0) / 1e9);
}

/**
 * The same round trip against oauth2-mock-server: its /authorize asks nobody and
 * redirects at once with a code (so it does less than ours, which shows and
 * answers a consent page); /token checks the PKCE verifier.
 */
async function mockCodeFlows(url, count) {
  const { createVerifier, s256 } = await import(new URL('../dist/oauth/pkce.js', import.meta.url));
  const redirect = 'http://127.0.0.1:9/callback';
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const verifier = createVerifier();
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: 'bench',
      redirect_uri: redirect,
      scope: 'openid',
      state: `s${i}`,
      code_challenge: s256(verifier),
      code_challenge_method: 'S256',
    });
    const authorize = await fetch(`${url}/authorize?${q}`, { redirect: 'manual' });
    await authorize.arrayBuffer();
    const code = new URL(authorize.headers.get('location')).searchParams.get('code');
    const res = await fetch(`${url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirect,
        client_id: 'bench',
        code_verifier: verifier,
      }),
    });
    if (res.status !== 200) throw new Error(`oauth2-mock-server code flow ${i}: ${res.status}`);
    await res.arrayBuffer();
  }
  return count / (Number(process.hrtime.bigint() - t0) / 1e9);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export async function benchProvider() {
  const servers = {
    ours: { script: './servers/ours.mjs', headers: { authorization: BASIC } },
    bareSync: { script: './servers/bare-sign.mjs', headers: {} },
    bareAsync: { script: './servers/bare-sign.mjs', args: ['async'], headers: {} },
    mock: { script: './servers/peer.mjs', headers: {} },
    oidc: { script: './servers/oidc-provider.mjs', headers: { authorization: BASIC } },
  };
  const started = {};
  try {
    for (const [name, s] of Object.entries(servers))
      started[name] = await startServer(s.script, s.args);
    for (const [name, s] of Object.entries(servers)) await load(started[name].url, s.headers, 1); // warm-up
    const rps = Object.fromEntries(Object.keys(servers).map((k) => [k, []]));
    for (let r = 0; r < ROUNDS; r++)
      for (const [name, s] of Object.entries(servers))
        rps[name].push(await load(started[name].url, s.headers));
    const m = Object.fromEntries(Object.entries(rps).map(([k, v]) => [k, median(v)]));
    // The limit is the faster of the two bare servers in this run.
    const limit = Math.max(m.bareSync, m.bareAsync);
    const rss = peakRssMb(started.ours.child.pid);
    const flows = await codeFlows(started.ours.url, 300);
    const mockFlows = await mockCodeFlows(started.mock.url, 300);
    console.log(
      `provider: ${ROUNDS} interleaved rounds of ${DURATION} s per server, 20 connections; medians`,
    );
    return [
      report('provider: /token client_credentials ES256', `${m.ours.toFixed(0)} req/s`),
      report('limit: bare node:http + crypto.sign, sync', `${m.bareSync.toFixed(0)} req/s`),
      report('limit: bare node:http + crypto.sign, pool', `${m.bareAsync.toFixed(0)} req/s`),
      report('oauth2-mock-server, same load, same run', `${m.mock.toFixed(0)} req/s`),
      report('oidc-provider (JWT access tokens), same', `${m.oidc.toFixed(0)} req/s`),
      report('  provider / limit (the faster bare server)', '', m.ours / limit, 0.8, {
        higherIsBetter: true,
      }),
      report('  provider / oauth2-mock-server', '', m.ours / m.mock, 4, { higherIsBetter: true }),
      report('  provider / oidc-provider', '', m.ours / m.oidc, 1, { higherIsBetter: true }),
      report('provider peak RSS under that load', `${rss.toFixed(0)} MB`, rss / 120, 1),
      report('full code + PKCE round trips (sequential)', `${flows.toFixed(0)} flows/s`),
      report('oauth2-mock-server, same round trips', `${mockFlows.toFixed(0)} flows/s`),
      report('  provider / oauth2-mock-server (code + PKCE)', '', flows / mockFlows, 2, {
        higherIsBetter: true,
      }),
    ];
  } finally {
    for (const s of Object.values(started)) s.child.kill();
  }
}
