// Bounded memory under a flood (issue 12): the provider runs alone in a child process on a fake clock;
// this process sends, over loopback with 16 keep-alive connections, FLOOD_AUTHORIZE (200,000) anonymous
// /authorize requests with a 512-byte state and nonce, then FLOOD_FLOWS (50,000) full code flows
// (authorize → consent → token with PKCE). The provider's RSS must stay within 150 MB, and return near
// its start once the clock has passed every lifetime and the stores are swept.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { authorizePath, codeFlow, loopbackClient } from './loopback.mjs';
import { report } from './util.mjs';

const AUTHORIZE = Number(process.env.FLOOD_AUTHORIZE ?? 200_000);
const FLOWS = Number(process.env.FLOOD_FLOWS ?? 50_000);

export async function benchMemory() {
  const pkce = await import(new URL('../dist/protocol/pkce.js', import.meta.url));
  const { createVerifier, s256 } = pkce;
  const child = fork(new URL('./servers/flood-provider.mjs', import.meta.url), {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = async (cmd) => {
    child.send({ cmd });
    return (await once(child, 'message'))[0];
  };
  const { issuer } = (await once(child, 'message'))[0];
  const { send, pool, close } = loopbackClient(issuer);

  try {
    await pool(
      200,
      async (i) => void (await send('GET', authorizePath(i, s256(createVerifier()), 512))),
    );
    const start = await ask('measure');
    const challenge = s256(createVerifier());
    const t0 = process.hrtime.bigint();
    await pool(AUTHORIZE, async (i) => {
      const r = await send('GET', authorizePath(i, challenge, 512));
      if (r.status !== 200) throw new Error(`authorize ${i}: ${r.status}`);
    });
    const t1 = process.hrtime.bigint();
    await pool(FLOWS, async (i) => {
      const t = await codeFlow(send, i, pkce, 512);
      if (t.status !== 200) throw new Error(`flow ${i}: ${t.status} ${t.text}`);
    });
    const t2 = process.hrtime.bigint();
    const loaded = await ask('measure');
    const after = await ask('expire');
    const s = (x) => Number(x) / 1e9;
    const held = (z) => `${z.pending} pending, ${z.codes} codes, ${z.refreshTokens} refresh`;
    return [
      report('provider RSS at start (after gc)', `${start.rss.toFixed(0)} MB`),
      report(
        `peak RSS: ${AUTHORIZE / 1000}k /authorize + ${FLOWS / 1000}k flows`,
        `${loaded.peak.toFixed(0)} MB`,
        loaded.peak / 150,
        1,
      ),
      report('  RSS after the load (gc)', `${loaded.rss.toFixed(0)} MB`, loaded.rss / 150, 1),
      report('  heap used after the load', `${loaded.heap.toFixed(0)} MB`),
      report(`  held: ${held(loaded.sizes)}`, ''),
      report(
        'RSS after the lifetimes pass (fake clock)',
        `${after.rss.toFixed(0)} MB`,
        after.rss / start.rss,
        1.5,
      ),
      report(
        '  heap used then / at start',
        `${after.heap.toFixed(0)} / ${start.heap.toFixed(0)} MB`,
        after.heap / start.heap,
        1.5,
      ),
      report(`  held: ${held(after.sizes)}`, ''),
      report('  /authorize rate (16 connections)', `${(AUTHORIZE / s(t1 - t0)).toFixed(0)} req/s`),
      report('  code flow rate (16 connections)', `${(FLOWS / s(t2 - t1)).toFixed(0)} flows/s`),
    ];
  } finally {
    close();
    child.kill();
  }
}
