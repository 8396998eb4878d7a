/** Issue 14: every grant end to end with `flow --grant … --auto --json` over real HTTP; issue 13: step mode and the order on screen. */
import { describe, expect, it } from 'vitest';
import { playConsent } from '../../src/oauth/consent-bot.js';
import { bin, root, run, start } from '../helpers/cli.js';
import { openTerminal } from '../helpers/pty.js';

interface Exchange {
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  response: { status: number; headers: Record<string, string>; body: string };
}
interface Transcript {
  ok: boolean;
  grant: string;
  clientId: string;
  steps: {
    number: number;
    title: string;
    notes: string[];
    exchanges: Exchange[];
    tokens: { kind: string; verified: boolean; payload: Record<string, unknown> }[];
    userCode?: { code: string; uri: string; complete?: string };
  }[];
  error?: { step: number; message: string; extra?: string };
}

const route = (e: Exchange) =>
  `${e.request.method} ${new URL(e.request.url).pathname} ${e.response.status}`;

describe('flow --grant client-credentials --auto --json', () => {
  it('registers a confidential client, gets a token with Basic authentication, sub is the client, the API answers', async () => {
    const r = await run(['flow', '--grant', 'client-credentials', '--auto', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout) as Transcript;
    expect(t).toMatchObject({ ok: true, grant: 'client-credentials' });
    expect(t.steps.map((s) => s.number)).toEqual([1, 2, 3, 4]);
    expect(t.steps[0]!.exchanges.map(route)).toEqual([
      'GET /.well-known/openid-configuration 200',
      'POST /register 201',
    ]);
    expect(JSON.parse(t.steps[0]!.exchanges[1]!.request.body!)).toMatchObject({
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'client_secret_basic',
    });
    const token = t.steps[1]!.exchanges[0]!;
    expect(route(token)).toBe('POST /token 200');
    expect(token.request.headers['authorization']).toMatch(/^Basic /);
    expect(new URLSearchParams(token.request.body).get('grant_type')).toBe('client_credentials');
    expect(JSON.parse(token.response.body)).not.toHaveProperty('refresh_token');
    const access = t.steps[2]!.tokens.find((k) => k.kind === 'access_token')!;
    expect(access).toMatchObject({
      verified: true,
      payload: { sub: t.clientId, client_id: t.clientId },
    });
    expect(t.steps[2]!.notes.join('\n')).toMatch(
      /RFC 6749 §4\.4\.3: "A refresh token SHOULD NOT be included"/,
    );
    expect(t.steps[1]!.notes.join('\n')).toMatch(/no consent screen/);
    const api = t.steps[3]!.exchanges[0]!;
    expect(route(api)).toBe('GET /api/notes 200');
    expect(JSON.parse(api.response.body)).toMatchObject({ sub: t.clientId });
  });

  it('needs no terminal: prose mode runs without --auto in a pipe', async () => {
    const r = await run(['flow', '--grant', 'client-credentials']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Step 4 of 4\s+Call the API as the client itself/);
  });
});

describe('flow --grant refresh --auto --json', () => {
  it('signs in once, refreshes with rotation, and a reused refresh token revokes the whole chain', async () => {
    const r = await run(['flow', '--grant', 'refresh', '--auto', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout) as Transcript;
    expect(t).toMatchObject({ ok: true, grant: 'refresh' });
    expect(t.steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.steps[1]!.exchanges.map(route)).toEqual([
      'GET /authorize 200',
      'POST /authorize/decision 303',
      'GET /callback 200',
      'POST /token 200',
    ]);
    const [first] = t.steps[2]!.exchanges;
    expect(new URLSearchParams(first!.request.body).get('grant_type')).toBe('refresh_token');
    expect(first!.response.status).toBe(200);
    expect(t.steps[2]!.notes.join('\n')).toMatch(
      /a NEW refresh token .* rotation \(RFC 9700 §4\.14\.2\)/,
    );
    expect(t.steps[3]!.exchanges.map(route)).toEqual(['GET /api/notes 200']);
    const reuse = t.steps[4]!.exchanges[0]!;
    expect(route(reuse)).toBe('POST /token 400');
    expect(JSON.parse(reuse.response.body)).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(
        /already used; the whole token chain has been revoked/,
      ),
    });
    // The refresh token reused in step 5 is the one used in step 3.
    expect(new URLSearchParams(reuse.request.body).get('refresh_token')).toBe(
      new URLSearchParams(first!.request.body).get('refresh_token'),
    );
    expect(t.steps[5]!.exchanges.map(route)).toEqual(['POST /token 400', 'GET /api/notes 401']);
  });
});

describe('flow --grant: usage errors exit 2', () => {
  it.each([
    [
      ['flow', '--grant', 'implicit', '--auto'],
      /--grant <grant>' argument 'implicit' is invalid\. Allowed choices are code, device/,
    ],
    [
      ['flow', '--grant', 'refresh', '--auto', '--attack', 'state'],
      /--attack labs run on the authorization-code grant/,
    ],
    [
      [
        'flow',
        '--grant',
        'client-credentials',
        '--auto',
        '--issuer',
        'http://127.0.0.1:1',
        '--client-id',
        'x',
      ],
      /built-in provider only/,
    ],
  ])('%j', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

// Issue 13: step 3's table of authorize parameters is on screen before the URL to open (and the browser).
describe('the order on screen', () => {
  it('prints step 3 and its parameters before "Open this URL to sign in"', async () => {
    // One pipe for both streams, so the order they were written in is the order read.
    const flow = start(['-c', `exec "${process.execPath}" "${bin}" flow --no-browser --yes 2>&1`], {
      command: '/bin/sh',
    });
    const url = await flow.waitForMatch('stdout', /(http:\/\/\S+\/authorize\?\S+)\n/);
    const { location } = await playConsent(url, { username: 'alice', password: 'wonderland' });
    await fetch(location);
    expect(await flow.exited).toBe(0);
    const output = flow.stdout();
    const step3 = output.indexOf('Step 3 of 7');
    const table = output.indexOf('code_challenge_method');
    const open = output.indexOf('Open this URL to sign in');
    expect(step3).toBeGreaterThan(-1);
    expect(step3).toBeLessThan(table);
    expect(table).toBeLessThan(open);
    // The step is not printed twice: the rest of it follows without a second header.
    expect(output.split('Step 3 of 7').length).toBe(2);
    expect(output.indexOf('Step 4 of 7')).toBeGreaterThan(open);
  });
});

// Issue 13: a learner who reads between steps must not see the code expire under them.
describe('flow --step', () => {
  it('starts the built-in provider with 10-minute codes and says so', async () => {
    const term = openTerminal(['flow', '--no-browser', '--step']);
    await term.waitFor(
      'keeps authorization codes for 10 minutes in step mode (normally 60 seconds)',
    );
    await term.waitFor('Step 1: ');
  });
});

// Issue 14: the client side no longer imports the provider; both import the shared protocol helpers.
describe('layers', () => {
  it('nothing under src/oauth imports src/provider, and src/provider imports nothing from src/oauth', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const files = async (dir: string): Promise<string[]> =>
      (await readdir(join(root, dir), { recursive: true }))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(root, dir, f));
    for (const f of await files('src/oauth'))
      expect(await readFile(f, 'utf8'), f).not.toMatch(/from '(\.\.\/)+provider\//);
    for (const f of await files('src/provider'))
      expect(await readFile(f, 'utf8'), f).not.toMatch(/from '(\.\.\/)+oauth\//);
    for (const f of await files('src/protocol'))
      expect(await readFile(f, 'utf8'), f).not.toMatch(/from '\.\.\//);
  });
});

// Issue 14: the mix-up lab (RFC 9700 §4.4, RFC 9207) with two providers, one of them the attacker's.
describe('flow --attack mix-up', () => {
  it("refuses the honest provider's code on iss; a client that ignores iss hands code and verifier to the attacker", async () => {
    const r = await run(['flow', '--auto', '--json', '--attack', 'mix-up']);
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout) as Transcript & {
      issuer: string;
      attack: { name: string; blocked: boolean; checkedBy: string; evidence: string };
      extras: { title: string; notes: string[]; exchanges: Exchange[] }[];
    };
    expect(t.attack).toMatchObject({ name: 'mix-up', blocked: true, checkedBy: 'client' });
    expect(t.attack.evidence).toMatch(
      /is not the provider we sent the user to .*possible mix-up attack \(RFC 9207 §2\.4\) \(HTTP 400 to the browser\); a client that ignores iss: the attacker redeemed the code at the honest provider \(200\)/,
    );
    const callback = t.steps[3]!.exchanges[0]!;
    const iss = new URL(callback.request.url).searchParams.get('iss')!;
    expect(iss).not.toBe(t.issuer);
    expect(callback.response.status).toBe(400);
    const [weak] = t.extras;
    expect(weak!.title).toBe('The same attack against a client that ignores iss');
    const hops = weak!.exchanges.map(
      (e) =>
        `${new URL(e.request.url).origin === iss ? 'honest' : new URL(e.request.url).origin === t.issuer ? 'attacker' : 'client'} ${e.request.method} ${new URL(e.request.url).pathname} ${e.response.status}`,
    );
    expect(hops).toEqual([
      'client GET /callback 200',
      'attacker POST /token 400',
      'honest POST /token 200',
      'honest GET /api/notes 200',
    ]);
    // What the attacker's token endpoint received: the code and the code_verifier.
    const leaked = new URLSearchParams(weak!.exchanges[1]!.request.body);
    expect(leaked.get('code')).toBeTruthy();
    expect(leaked.get('code_verifier')).toBeTruthy();
  });
});
