// Bounded memory under a flood (issue 12): the provider runs alone in a child process on a fake clock;
// this process sends, over loopback with 16 keep-alive connections, FLOOD_AUTHORIZE (200,000) anonymous
// /authorize requests with a 512-byte state and nonce, then FLOOD_FLOWS (50,000) full code flows
// (authorize → consent → token with PKCE). The provider's RSS must stay within 150 MB, and return near
// its start once the clock has passed every lifetime and the stores are swept.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { report } from './util.mjs';

const AUTHORIZE = Number(process.env.FLOOD_AUTHORIZE ?? 200_000);
const FLOWS = Number(process.env.FLOOD_FLOWS ?? 50_000);
const CONCURRENCY = 16;
const REDIRECT = 'http://127.0.0.1:9/callback';
const AUTH = `Basic ${Buffer.from('oauth-tutor-demo:bench-secret-0123456789abcdef').toString('base64')}`;

export async function benchMemory() {
  const { createVerifier, s256 } = await import(new URL('../dist/oauth/pkce.js', import.meta.url));
  const child = fork(new URL('./servers/flood-provider.mjs', import.meta.url), { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = async (cmd) => {
    child.send({ cmd });
    return (await once(child, 'message'))[0];
  };
  const { issuer } = (await once(child, 'message'))[0];
  const url = new URL(issuer);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const send = (method, path, headers = {}, body = '') =>
    new Promise((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, method, path, agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode, location: res.headers.location, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const pool = async (count, job) => {
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await job(next++);
    }));
  };
  const big = 'x'.repeat(512);
  const authorizePath = (i, challenge) =>
    `/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'oauth-tutor-demo', redirect_uri: REDIRECT, scope: 'openid notes.read offline_access', state: `${i}-${big}`.slice(0, 512), nonce: big, code_challenge: challenge, code_challenge_method: 'S256' })}`;

  try {
    await pool(200, async (i) => void (await send('GET', authorizePath(i, s256(createVerifier())))));
    const start = await ask('measure');
    const challenge = s256(createVerifier());
    const t0 = process.hrtime.bigint();
    await pool(AUTHORIZE, async (i) => {
      const r = await send('GET', authorizePath(i, challenge));
      if (r.status !== 200) throw new Error(`authorize ${i}: ${r.status}`);
    });
    const t1 = process.hrtime.bigint();
    await pool(FLOWS, async (i) => {
      const verifier = createVerifier();
      const page = await send('GET', authorizePath(i, s256(verifier)));
      const rid = /name="rid" value="([^"]+)"/.exec(page.text)?.[1];
      const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1];
      const decision = await send('POST', '/authorize/decision', { 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ rid, csrf, username: 'alice', password: 'wonderland', action: 'approve' }).toString());
      const code = new URL(decision.location).searchParams.get('code');
      const t = await send('POST', '/token', { 'content-type': 'application/x-www-form-urlencoded', authorization: AUTH }, new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }).toString());
      if (t.status !== 200) throw new Error(`flow ${i}: ${t.status} ${t.text}`);
    });
    const t2 = process.hrtime.bigint();
    const loaded = await ask('measure');
    const after = await ask('expire');
    const s = (x) => Number(x) / 1e9;
    const held = (z) => `${z.pending} pending, ${z.codes} codes, ${z.refreshTokens} refresh`;
    return [
      report('provider RSS at start (after gc)', `${start.rss.toFixed(0)} MB`),
      report(`peak RSS: ${AUTHORIZE / 1000}k /authorize + ${FLOWS / 1000}k flows`, `${loaded.peak.toFixed(0)} MB`, loaded.peak / 150, 1),
      report('  RSS after the load (gc)', `${loaded.rss.toFixed(0)} MB`, loaded.rss / 150, 1),
      report('  heap used after the load', `${loaded.heap.toFixed(0)} MB`),
      report(`  held: ${held(loaded.sizes)}`, ''),
      report('RSS after the lifetimes pass (fake clock)', `${after.rss.toFixed(0)} MB`, after.rss / start.rss, 1.5),
      report('  heap used then / at start', `${after.heap.toFixed(0)} / ${start.heap.toFixed(0)} MB`, after.heap / start.heap, 1.5),
      report(`  held: ${held(after.sizes)}`, ''),
      report('  /authorize rate (16 connections)', `${(AUTHORIZE / s(t1 - t0)).toFixed(0)} req/s`),
      report('  code flow rate (16 connections)', `${(FLOWS / s(t2 - t1)).toFixed(0)} flows/s`),
    ];
  } finally {
    agent.destroy();
    child.kill();
  }
}
