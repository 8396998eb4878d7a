/** `oauth-tutor provider` as a learner or instructor runs it: start, log requests with their checks, stop on Ctrl-C. */
import { describe, expect, it, onTestFinished } from 'vitest';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProviderProcess } from '../helpers/provider-process.js';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { root, run, start } from '../helpers/cli.js';
import { createRemoteJWKSet } from 'jose/jwks/remote';
import { jwtVerify } from 'jose/jwt/verify';

describe('oauth-tutor provider', () => {
  it('prints the issuer, clients and users, logs each request with its checks, and stops cleanly on Ctrl-C', async () => {
    const p = await startProviderProcess([
      '--port',
      '0',
      '--client',
      'class-app:s3cret-value:http://127.0.0.1:3000/cb',
    ]);
    const { issuer } = p;
    const out = p.stdout();
    expect(out).toMatch(/client_id oauth-tutor-demo\s+client_secret \S{20,}/);
    expect(out).toMatch(/client_id class-app/);
    expect(out).toContain('alice / wonderland');
    // The demo clients have no device grant: the banner says how to get one.
    expect(out).toMatch(/may not use the device grant: register one with grant_types/);
    const res = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('class-app:s3cret-value').toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
    await fetch(`${issuer}/api/notes`);
    // The log line is written after the response is sent: wait until it is there (a hang guard, not a timing check).
    await p.waitFor('/api/notes');
    const log = p.stdout();
    expect(log).toMatch(/POST\s+\/token\s+200/);
    expect(log).toMatch(
      /✓ client class-app authenticated \(client_secret_basic, constant-time compare\)/,
    );
    expect(log).toMatch(/GET\s+\/api\/notes\s+401/);
    expect(log).toMatch(/✗ no access token/);
    expect(await p.stop()).toBe(130);
    expect(p.stderr()).toContain('Stopped.');
    expect(p.stderr()).not.toMatch(/\n\s+at /);
  });

  it('refuses a non-loopback address without --yes, bad --client specs and bad algorithms (exit 2)', async () => {
    const host = await run(['provider', '--host', '0.0.0.0', '--port', '0']);
    expect(host.code).toBe(2);
    expect(host.stderr).toMatch(/teaching server.*\n.*--yes/);
    expect((await run(['provider', '--client', 'nocolons'])).code).toBe(2);
    const http = await run(['provider', '--client', 'a:b:http://example.com/cb']);
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/http on a non-loopback host/);
    expect((await run(['provider', '--alg', 'HS256'])).code).toBe(2);
  });

  it.each([
    ['Ed25519', false],
    ['EdDSA', true],
  ] as const)(
    '--alg %s: tokens, JWKS and discovery name it; jose verifies with algorithms [it]; deprecated: %s (RFC 9864 §4.1.2)',
    async (alg, deprecated) => {
      const p = await startProviderProcess(['--port', '0', '--quiet', '--alg', alg]);
      const { issuer } = p;
      try {
        const meta = (await (
          await fetch(`${issuer}/.well-known/openid-configuration`)
        ).json()) as Record<string, unknown>;
        expect(meta['id_token_signing_alg_values_supported']).toEqual([alg]);
        const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: unknown[] };
        expect(jwks.keys).toEqual([expect.objectContaining({ alg, kty: 'OKP', crv: 'Ed25519' })]);
        const res = await fetch(`${issuer}/token`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: `Basic ${Buffer.from(`oauth-tutor-demo:${/client_secret (\S+)/.exec(p.stdout())?.[1]}`).toString('base64')}`,
          },
          body: 'grant_type=client_credentials',
        });
        expect(res.status).toBe(200);
        const { access_token } = (await res.json()) as { access_token: string };
        const { protectedHeader } = await jwtVerify(
          access_token,
          createRemoteJWKSet(new URL(`${issuer}/jwks`)),
          { algorithms: [alg] },
        );
        expect(protectedHeader.alg).toBe(alg);
        expect(p.stdout()).toContain(`signing    ${alg} `);
      } finally {
        expect(await p.stop()).toBe(130);
      }
      const notes = p
        .stderr()
        .split('\n')
        .filter((l) => /deprecated/.test(l));
      if (deprecated)
        expect(notes).toEqual([
          expect.stringMatching(
            /^! --alg EdDSA is deprecated \(RFC 9864 §4\.1\.2\): .*; use --alg Ed25519, its fully-specified name \(RFC 9864 §2\.2\)\.$/,
          ),
        ]);
      else expect(notes).toEqual([]);
    },
  );

  it('says clearly when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const r = await run(['provider', '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`Port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });
});

describe('left running for a class', () => {
  it('outlives a rebuild of dist/ under it: what it loads on first use was loaded at start', async () => {
    // A copy of the package, so its build can be taken away while the provider runs (as `npm install`
    // after a pull replaces the chunks under a provider that has been up since Monday).
    const dir = await mkdtemp(join(tmpdir(), 'oauth-tutor-rebuild-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    for (const part of ['bin', 'dist', 'package.json'])
      await cp(join(root, part), join(dir, part), { recursive: true });
    const p = start([join(dir, 'bin', 'oauth-tutor.cjs'), 'provider', '--port', '0'], {
      command: process.execPath,
    });
    const issuer = await p.waitForMatch('stdout', /issuer\s+(http:\/\/127\.0\.0\.1:\d+)/);
    const secret = await p.waitForMatch('stdout', /client_secret (\S+)/);
    await p.waitFor('stdout', 'Press Ctrl-C');
    await rm(join(dir, 'dist'), { recursive: true });

    // The device grant and DPoP checks are first used only now.
    const device = await fetch(`${issuer}/device_authorization`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'client_id=oauth-tutor-public',
    });
    expect(device.status).toBe(400);
    expect(await device.json()).toMatchObject({ error: 'unauthorized_client' });
    const dpop = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`oauth-tutor-demo:${secret}`).toString('base64')}`,
        dpop: 'not.a.proof',
      },
      body: 'grant_type=client_credentials',
    });
    expect(dpop.status).toBe(400);
    expect(await dpop.json()).toMatchObject({ error: 'invalid_dpop_proof' });
    expect(p.stdout() + p.stderr()).not.toMatch(/Cannot find module|internal error/);
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(130);
  });
});
