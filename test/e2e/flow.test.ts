/** `oauth-tutor flow` end to end over real HTTP on 127.0.0.1: the seven steps, the attack labs, a third-party provider, errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { OAuth2Server } from 'oauth2-mock-server';
import { playConsent } from '../../src/oauth/consent-bot.js';
import { baseEnv, bin, root, run, strip, tempHome } from '../helpers/cli.js';
import { CANONICAL_STEPS } from '../helpers/steps.js';

const TITLES = [...CANONICAL_STEPS];

interface Transcript {
  ok: boolean;
  issuer: string;
  steps: { number: number; title: string; exchanges: { request: { method: string; url: string; headers: Record<string, string>; body?: string }; response: { status: number; headers: Record<string, string>; body: string } }[]; tokens: { kind: string; verified: boolean; payload: Record<string, unknown> }[]; notes: string[] }[];
  extras: { title: string }[];
  attack?: { name: string; blocked: boolean; evidence: string; checkedBy: string; rfc: string; withoutCheck: string };
  error?: { step: number; message: string };
}

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempHome()));
afterAll(async () => cleanup());

describe('flow --auto --json', () => {
  it('runs the seven steps in order against the built-in provider: tokens verified, the API answers 200', async () => {
    const r = await run(['flow', '--auto', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout) as Transcript;
    expect(t.ok).toBe(true);
    expect(t.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(t.steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(t.steps.map((s) => s.title)).toEqual(TITLES);
    expect(t.steps[0]!.exchanges.map((e) => `${e.request.method} ${new URL(e.request.url).pathname} ${e.response.status}`)).toEqual(['GET /.well-known/openid-configuration 200', 'POST /register 201']);
    const token = t.steps[4]!.exchanges[0]!;
    expect(token.request.method).toBe('POST');
    expect(token.request.headers['authorization']).toMatch(/^Basic /);
    expect(new URLSearchParams(token.request.body)).toSatisfy((p: URLSearchParams) => p.get('grant_type') === 'authorization_code' && (p.get('code_verifier') ?? '').length >= 43);
    const kinds = Object.fromEntries(t.steps[5]!.tokens.map((k) => [k.kind, k]));
    expect(kinds['access_token']).toMatchObject({ verified: true, payload: { sub: 'user-alice-0001' } });
    expect(kinds['id_token']).toMatchObject({ verified: true, payload: { nonce: expect.any(String) } });
    const apiCall = t.steps[6]!.exchanges[0]!;
    expect(apiCall.request.headers['authorization']).toMatch(/^Bearer ey/);
    expect(apiCall.response.status).toBe(200);
  });

  it('--user bob --alg RS256 --extras: rotation and revocation shown; --transcript writes a notebook', async () => {
    const notebook = join(dir, 'notes.md');
    const r = await run(['flow', '--auto', '--json', '--user', 'bob', '--alg', 'RS256', '--extras', '--transcript', notebook]);
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout) as Transcript;
    expect(t.steps[5]!.tokens[0]!.payload['sub']).toBe('user-bob-0002');
    expect(t.extras.map((x) => x.title)).toEqual(['Refresh the token (rotation)', 'Revoke it, then call the API']);
    const md = await readFile(notebook, 'utf8');
    for (const title of TITLES) expect(md).toContain(title);
    expect(md).toMatch(/```sh\ncurl -i -X POST -H 'content-type: application\/x-www-form-urlencoded'/);
    expect(md).toContain('"alg": "RS256"');
  });
});

describe('attack labs', () => {
  it.each([
    ['state', 'client', /state mismatch/],
    ['replay', 'provider', /400 invalid_grant; earlier token now 401/],
    ['verifier', 'provider', /400 invalid_grant: code_verifier is required/],
    ['redirect', 'provider', /HTTP 400, an error page and no redirect/],
    ['no-pkce', 'provider', /error=invalid_request: PKCE is required for public clients/],
    ['scope', 'API', /403 Bearer .*error="insufficient_scope"/],
  ])('%s ends with the expected rejection by the %s', async (name, by, evidence) => {
    const r = await run(['flow', '--auto', '--json', '--attack', name]);
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout) as Transcript;
    expect(t.attack).toMatchObject({ name, blocked: true, checkedBy: by, rfc: expect.stringMatching(/RFC/), withoutCheck: expect.any(String) });
    expect(t.attack!.evidence).toMatch(evidence);
  });

  it('prose mode explains the lab: which check, which RFC, what would have happened', async () => {
    const r = await run(['flow', '--auto', '--attack', 'state']);
    expect(r.code).toBe(0);
    expect(strip(r.stdout)).toMatch(/✓ Stopped by the client: the state in the callback must equal the one the client sent \(RFC 6749 §10\.12/);
    expect(strip(r.stdout)).toMatch(/Without this check: the client would exchange the attacker's code/);
  });
});

describe('against a third-party provider (oauth2-mock-server, run locally)', () => {
  let peer: OAuth2Server;
  beforeAll(async () => {
    peer = new OAuth2Server();
    await peer.issuer.keys.generate('RS256');
    await peer.start(0, '127.0.0.1');
  });
  afterAll(async () => peer.stop());

  it('--issuer uses discovery and shows the same seven steps', async () => {
    const r = await run(['flow', '--auto', '--json', '--issuer', peer.issuer.url!, '--client-id', 'class-app', '--client-secret', 'class-secret']);
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout) as Transcript;
    expect(t.steps.map((s) => s.title)).toEqual(TITLES);
    expect(t.steps[0]!.notes[0]).toMatch(/you registered this app at the provider yourself/);
    expect(t.steps[3]!.notes.join('\n')).toMatch(/no iss parameter/);
    expect(t.steps[5]!.tokens.find((k) => k.kind === 'id_token')).toMatchObject({ verified: true });
    expect(new URL(t.steps[6]!.exchanges[0]!.request.url).pathname).toBe('/userinfo');
  });

  it('--no-browser prints the authorize URL and waits on the loopback callback', async () => {
    const child = spawn(process.execPath, [bin, 'flow', '--no-browser', '--yes', '--json', '--issuer', peer.issuer.url!, '--client-id', 'class-app'], { cwd: root, env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    for (let i = 0; i < 500 && !/\/authorize\?\S+/.test(stderr); i++) await new Promise((r) => setTimeout(r, 10));
    const url = /(http:\/\/\S+\/authorize\?\S+)/.exec(stderr)![1]!;
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
    // The "browser": oauth2-mock-server redirects straight back to our loopback callback.
    await fetch(url);
    expect(await code).toBe(0);
    expect((JSON.parse(stdout) as Transcript).ok).toBe(true);
  });
});

describe('errors name the step that failed and what to try', () => {
  it('an unreachable provider: exit 1, step 1, no stack trace', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    const r = await run(['flow', '--auto', '--issuer', `http://127.0.0.1:${port}`, '--client-id', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Step 1 \(Register your application.*\) failed: GET .* failed: connection refused/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('no discovery document: exit 1, step 1, and the flags to use instead', async () => {
    const { createServer: createHttpServer } = await import('node:http');
    const bare = createHttpServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not here');
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
      const r = await run(['flow', '--auto', '--issuer', url, '--client-id', 'x']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Step 1 \(.*\) failed: no discovery document at http:\/\/127\.0\.0\.1:\d+ \(HTTP 404\)/);
      expect(r.stderr).toMatch(/--authorize-url and --token-url/);
    } finally {
      bare.close();
    }
  });

  it('the browser never comes back: exit 1 with a hint', async () => {
    const r = await run(['flow', '--yes', '--no-browser', '--timeout', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Step 3 \(Redirect to a third party authentication endpoint\) failed: no redirect reached http:\/\/127\.0\.0\.1:\d+\/callback within 1 seconds/);
    expect(r.stderr).toMatch(/alice \/ wonderland|--auto/);
  });

  it('the user denies consent: exit 1, step 4', async () => {
    const child = spawn(process.execPath, [bin, 'flow', '--no-browser', '--yes'], { cwd: root, env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.resume();
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    for (let i = 0; i < 500 && !/\/authorize\?\S+/.test(stderr); i++) await new Promise((r) => setTimeout(r, 10));
    const url = /(http:\/\/\S+\/authorize\?\S+)/.exec(stderr)![1]!;
    const { location } = await playConsent(url, { username: 'alice', password: 'wonderland', approve: false });
    await fetch(location);
    expect(await code).toBe(1);
    expect(stderr).toMatch(/Step 4 \(Receive authorization code\) failed: the user denied consent/);
  });

  it.each([
    [['flow', '--auto', '--attack', 'nope'], /--attack nope/],
    [['flow', '--auto', '--issuer', 'http://127.0.0.1:1'], /needs --client-id/],
    [['flow', '--auto', '--user', 'carol'], /--user carol/],
    [['flow'], /needs an interactive terminal[\s\S]*--auto/],
    [['flow', '--auto', '--attack', 'state', '--issuer', 'http://127.0.0.1:1', '--client-id', 'x'], /built-in provider only/],
  ])('bad flags exit 2: %j', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
