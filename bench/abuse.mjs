// The provider as an attacker and a busy class meet it (issue 12's figures), over loopback only, with the
// provider alone in its own process: ABUSE_FLOWS (1,000) code flows all at once, ABUSE_MALFORMED (15,000)
// malformed requests (counting 5xx answers), and ABUSE_HALF_OPEN (3,000) connections that send half a
// request and wait, while one more normal flow must still complete. Every loop is bounded.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { codeFlow, loopbackClient } from './loopback.mjs';
import { report } from './util.mjs';

const FLOWS = Number(process.env.ABUSE_FLOWS ?? 1000);
const MALFORMED = Number(process.env.ABUSE_MALFORMED ?? 15_000);
const HALF_OPEN = Number(process.env.ABUSE_HALF_OPEN ?? 3000);

/** A deterministic stream of junk: paths, methods, headers and bodies that no client should send. */
function* malformed(count) {
  let seed = 42;
  const rnd = (n) => (seed = (seed * 1103515245 + 12345) >>> 0) % n;
  const pick = (xs) => xs[rnd(xs.length)];
  const junk = () =>
    pick([
      '',
      '%',
      '%zz',
      '\u0000',
      'a'.repeat(rnd(9000)),
      '{"x":',
      '[]',
      'null',
      '{"redirect_uris":"javascript:alert(1)"}',
      '{"token_endpoint_auth_method":{"toString":1}}',
      '💥',
      '&&&==',
      'grant_type=authorization_code&code=',
      'grant_type=refresh_token&refresh_token=' + 'r'.repeat(rnd(600)),
    ]);
  const paths = [
    '/authorize',
    '/authorize/decision',
    '/token',
    '/register',
    '/revoke',
    '/introspect',
    '/userinfo',
    '/api/notes',
    '/.well-known/openid-configuration',
    '/jwks.json',
    '/%',
    '/../../etc/passwd',
    '/' + 'p'.repeat(rnd(5000)),
  ];
  for (let i = 0; i < count; i++) {
    const query = rnd(2)
      ? `?${pick(['', 'state=', 'client_id=' + junk(), 'response_type=code&client_id=oauth-tutor-demo&redirect_uri=' + encodeURIComponent(junk()), 'state=' + 's'.repeat(rnd(4000)), '%%%'])}`
      : '';
    yield {
      method: pick(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']),
      path: pick(paths) + query,
      headers: {
        'content-type': pick([
          'application/json',
          'application/x-www-form-urlencoded',
          'text/plain',
          'multipart/form-data',
          '',
        ]),
        authorization: pick([
          '',
          'Basic',
          'Basic %%%',
          'Bearer',
          'Bearer ' + junk(),
          'Basic ' + Buffer.from(junk()).toString('base64'),
        ]),
      },
      body: junk(),
    };
  }
}

export async function benchAbuse() {
  const pkce = await import(new URL('../dist/protocol/pkce.js', import.meta.url));
  const child = fork(new URL('./servers/flood-provider.mjs', import.meta.url), {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const { issuer } = (await once(child, 'message'))[0];
  const rows = [];
  try {
    // 1. Many flows at once: every one must end with tokens.
    const wide = loopbackClient(issuer, { connections: FLOWS });
    let flowErrors = 0;
    const t0 = process.hrtime.bigint();
    await wide.pool(
      FLOWS,
      async (i) => {
        const r = await codeFlow(wide.send, i, pkce).catch(() => ({ status: 0 }));
        if (r.status !== 200) flowErrors++;
      },
      FLOWS,
    );
    const flowSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    wide.close();
    rows.push(report(`${FLOWS} code flows at once: errors`, `${flowErrors}`, flowErrors, 0));
    rows.push(report('  wall time', `${flowSeconds.toFixed(1)} s`));

    // 2. Malformed requests: none may answer 5xx, and the provider keeps serving.
    const { send, pool, close } = loopbackClient(issuer, { connections: 32 });
    const requests = [...malformed(MALFORMED)];
    let serverErrors = 0;
    const failures = new Map();
    await pool(requests.length, async (i) => {
      const r = requests[i];
      const res = await send(
        r.method,
        r.path,
        Object.fromEntries(Object.entries(r.headers).filter(([, v]) => v !== '')),
        r.body,
      ).catch((e) => ({ status: -1, code: e.code ?? e.message }));
      if (res.status >= 500) serverErrors++;
      if (res.status === -1) failures.set(res.code, (failures.get(res.code) ?? 0) + 1);
    });
    const refused = [...failures].map(([code, n]) => `${n} ${code}`).join(', ') || 'none';
    const alive = await send('GET', '/.well-known/openid-configuration');
    rows.push(
      report(`${MALFORMED} malformed requests: 5xx answers`, `${serverErrors}`, serverErrors, 0),
    );
    // Requests Node's own HTTP client will not send (a NUL in the path, a non-Latin-1 header) or the server cut off.
    rows.push(report('  not sent or cut off', refused));
    rows.push(
      report('  still serving afterwards', alive.status === 200 ? 'yes' : `no (${alive.status})`),
    );

    // 3. Half-open connections hold sockets; a real flow must still get through.
    const url = new URL(issuer);
    const sockets = await Promise.all(
      Array.from(
        { length: HALF_OPEN },
        () =>
          new Promise((resolve) => {
            const s = connect(Number(url.port), url.hostname, () => {
              s.write('POST /token HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\ngrant_type=');
              resolve(s);
            });
            s.on('error', () => resolve(s));
          }),
      ),
    );
    const during = await codeFlow(send, 1, pkce).catch((e) => ({ status: 0, text: String(e) }));
    for (const s of sockets) s.destroy();
    close();
    rows.push(
      report(
        `a flow while ${HALF_OPEN} connections are half-open`,
        during.status === 200 ? 'completed' : `failed (${during.status})`,
      ),
    );
    return rows;
  } finally {
    child.kill();
  }
}
