// oauth-tutor's provider on a fake clock, alone in its process (forked with IPC and --expose-gc), so that
// its RSS is measured without the load generator's. Messages: {cmd: 'measure'} answers
// {rss, heap, peak, sizes} in MB; {cmd: 'expire'} moves the clock past every lifetime, sweeps, and measures.
import { readFileSync } from 'node:fs';

const { startProvider } = await import(new URL('../../dist/provider/server.js', import.meta.url));
let now = Math.floor(Date.now() / 1000);
const p = await startProvider({
  port: 0,
  clock: () => now,
  demoSecret: 'bench-secret-0123456789abcdef',
});

const mb = (bytes) => bytes / 1024 / 1024;
async function measure(rounds = 3) {
  // Full collections with pauses between them, so that V8 also gives back the pages it no longer needs.
  for (let i = 0; i < rounds; i++) {
    globalThis.gc?.();
    await new Promise((r) => setTimeout(r, 100));
  }
  const peak =
    Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN) / 1024;
  return {
    rss: mb(process.memoryUsage().rss),
    heap: mb(process.memoryUsage().heapUsed),
    peak,
    sizes: p.sizes(),
  };
}

process.on('message', async (msg) => {
  if (msg.cmd === 'expire') {
    now += 31 * 24 * 3600;
    p.sweep();
  }
  process.send(await measure(msg.cmd === 'expire' ? 10 : 3));
});
process.send({ issuer: p.issuer });
