// Token issuance throughput (client_credentials, ES256, 20 connections, autocannon) of our provider
// against oauth2-mock-server started the same way in the same run; the provider's peak RSS under that
// load; and the rate of full authorization-code round trips (authorize → consent → token with PKCE).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { report } from './util.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);

function startServer(script) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL(script, import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.setEncoding('utf8').once('data', (line) => resolve({ child, url: line.trim() }));
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function load(url, headers) {
  const result = await autocannon({
    url: `${url}/token`,
    method: 'POST',
    connections: 20,
    duration: DURATION,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: 'grant_type=client_credentials&scope=notes.read',
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

async function codeFlows(url, count) {
  const { playConsent } = await import(new URL('../dist/oauth/consent-bot.js', import.meta.url));
  const { createVerifier, s256 } = await import(new URL('../dist/protocol/pkce.js', import.meta.url));
  const auth = `Basic ${Buffer.from('oauth-tutor-demo:bench-secret-0123456789abcdef').toString('base64')}`;
  const redirect = 'http://127.0.0.1:9/callback';
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const verifier = createVerifier();
    const q = new URLSearchParams({ response_type: 'code', client_id: 'oauth-tutor-demo', redirect_uri: redirect, scope: 'openid notes.read', state: `s${i}`, code_challenge: s256(verifier), code_challenge_method: 'S256' });
    const { location } = await playConsent(`${url}/authorize?${q}`, { username: 'alice', password: 'wonderland' });
    const code = new URL(location).searchParams.get('code');
    const res = await fetch(`${url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth }, body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: verifier }) });
    if (res.status !== 200) throw new Error(`code flow ${i}: ${res.status}`);
    await res.arrayBuffer();
  }
  return count / (Number(process.hrtime.bigint() - t0) / 1e9);
}

export async function benchProvider() {
  const ours = await startServer('./servers/ours.mjs');
  const peer = await startServer('./servers/peer.mjs');
  try {
    const auth = { authorization: `Basic ${Buffer.from('oauth-tutor-demo:bench-secret-0123456789abcdef').toString('base64')}` };
    await load(ours.url, auth); // warm-up is the first run's first second; measure a second run
    const oursRps = await load(ours.url, auth);
    await load(peer.url, {});
    const peerRps = await load(peer.url, {});
    const rss = peakRssMb(ours.child.pid);
    const flows = await codeFlows(ours.url, 300);
    return [
      report('provider: /token client_credentials ES256', `${oursRps.toFixed(0)} req/s`),
      report('oauth2-mock-server, same load, same run', `${peerRps.toFixed(0)} req/s`),
      report('  provider / oauth2-mock-server', '', oursRps / peerRps, 3, { higherIsBetter: true }),
      report('provider peak RSS under that load', `${rss.toFixed(0)} MB`, rss / 120, 1),
      report('full code + PKCE round trips (sequential)', `${flows.toFixed(0)} flows/s`),
    ];
  } finally {
    ours.child.kill();
    peer.child.kill();
  }
}
