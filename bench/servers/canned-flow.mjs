// The ceiling for one code + PKCE round trip through the bench's client: the same three requests our
// provider answers (GET /authorize → a consent page with rid and csrf, POST /authorize/decision → 303 to
// the redirect URI with a code, POST /token → a token response the size of ours), answered with canned
// bytes: no checks, no stores, no signing. Whatever the provider does beyond this is its own cost; what
// this costs is node:http's and the client's. Prints its URL.
import { createServer } from 'node:http';

const page = Buffer.from(
  `<!doctype html><html><body><form method="post" action="/authorize/decision"><input type="hidden" name="rid" value="${'r'.repeat(22)}"><input type="hidden" name="csrf" value="${'c'.repeat(43)}"></form>${'x'.repeat(1800)}</body></html>`,
);
const tokens = Buffer.from(
  JSON.stringify({
    access_token: 'a'.repeat(560),
    token_type: 'Bearer',
    expires_in: 3600,
    scope: 'openid notes.read offline_access',
    refresh_token: 'r'.repeat(43),
    id_token: 'i'.repeat(600),
  }),
);

const server = createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    return;
  }
  req.resume();
  req.on('end', () => {
    if (req.url === '/authorize/decision')
      res
        .writeHead(303, { location: `${redirect}?code=${'k'.repeat(43)}&state=s&iss=${iss}` })
        .end();
    else
      res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(tokens);
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const redirect = 'http://127.0.0.1:9/callback';
const iss = encodeURIComponent(url);
process.stdout.write(`${url}\n`);
