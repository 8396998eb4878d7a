// Starts oauth-tutor's provider (ES256) on a free loopback port and prints its URL.
const { startProvider } = await import(new URL('../../dist/provider/server.js', import.meta.url));
const p = await startProvider({
  port: 0,
  alg: 'ES256',
  demoSecret: 'bench-secret-0123456789abcdef',
});
process.stdout.write(`${p.issuer}\n`);
