/**
 * Issue 14: the device authorization grant (RFC 8628) over real HTTP — the provider's answers to each poll
 * under a fake clock, the client backing off on slow_down and giving up on expired_token and access_denied
 * (its waits move the fake clock instead of passing), and `flow --grant device --auto --json` end to end.
 */
import { describe, expect, it } from 'vitest';
import type { RunningProvider } from '../../src/provider/server.js';
import { playVerification } from '../../src/oauth/device-bot.js';
import { FlowError, runFlow, type FlowIO } from '../../src/oauth/flow.js';
import { DEMO_USERS } from '../../src/provider/model.js';
import { fakeClock, post, providerOnClock } from '../helpers/oauth.js';
import { run } from '../helpers/cli.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const clock = fakeClock();
const provider = () => providerOnClock(clock);

async function deviceClient(p: RunningProvider): Promise<string> {
  const res = await fetch(`${p.issuer}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'tv',
      token_endpoint_auth_method: 'none',
      grant_types: [DEVICE_GRANT],
      scope: 'openid notes.read',
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { client_id: string }).client_id;
}

async function authorize(p: RunningProvider, clientId: string) {
  const r = await post(`${p.issuer}/device_authorization`, {
    client_id: clientId,
    scope: 'openid notes.read',
  });
  expect(r.status).toBe(200);
  return r.json as {
    device_code: string;
    user_code: string;
    verification_uri: string;
    verification_uri_complete: string;
    expires_in: number;
    interval: number;
  };
}

const poll = (p: RunningProvider, clientId: string, deviceCode: string) =>
  post(`${p.issuer}/token`, {
    grant_type: DEVICE_GRANT,
    device_code: deviceCode,
    client_id: clientId,
  });
const alice = { username: 'alice', password: 'wonderland' };

describe('the provider (RFC 8628 §3.1–3.5)', () => {
  it('answers authorization_pending, then slow_down to a poll that comes too soon, then the tokens once the user approved', async () => {
    const p = await provider();
    const id = await deviceClient(p);
    const d = await authorize(p, id);
    expect(d).toMatchObject({
      user_code: expect.stringMatching(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/),
      verification_uri: `${p.issuer}/device`,
      expires_in: 600,
      interval: 5,
    });
    expect(d.verification_uri_complete).toBe(
      `${p.issuer}/device?user_code=${encodeURIComponent(d.user_code)}`,
    );
    expect((await poll(p, id, d.device_code)).json).toMatchObject({
      error: 'authorization_pending',
    });
    clock.now += 2;
    const fast = await poll(p, id, d.device_code);
    expect(fast.status).toBe(400);
    expect(fast.json).toMatchObject({
      error: 'slow_down',
      error_description: expect.stringMatching(/10 seconds/),
    });
    // The interval is now 10 s: a poll after 6 s is still too soon.
    clock.now += 6;
    expect((await poll(p, id, d.device_code)).json).toMatchObject({ error: 'slow_down' });
    await playVerification(d.verification_uri_complete, alice);
    clock.now += 15;
    const ok = await poll(p, id, d.device_code);
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({
      token_type: 'Bearer',
      access_token: expect.any(String),
      id_token: expect.any(String),
    });
    // Used once: the device code is gone.
    clock.now += 20;
    expect((await poll(p, id, d.device_code)).json).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers expired_token once the device code has expired, and access_denied when the user denied', async () => {
    const p = await provider();
    const id = await deviceClient(p);
    const late = await authorize(p, id);
    clock.now += 601;
    expect((await poll(p, id, late.device_code)).json).toMatchObject({ error: 'expired_token' });
    const denied = await authorize(p, id);
    await playVerification(denied.verification_uri_complete, { ...alice, approve: false });
    expect((await poll(p, id, denied.device_code)).json).toMatchObject({ error: 'access_denied' });
  });

  it('a device code polled by another client is refused, and left for its owner', async () => {
    const p = await provider();
    const [owner, other] = [await deviceClient(p), await deviceClient(p)];
    const d = await authorize(p, owner);
    expect((await poll(p, other, d.device_code)).json).toMatchObject({
      error: 'invalid_grant',
      error_description: 'device_code was issued to another client',
    });
    expect((await poll(p, owner, d.device_code)).json).toMatchObject({
      error: 'authorization_pending',
    });
  });

  it('the verification page refuses a form without its CSRF token, and a wrong user code several times', async () => {
    const p = await provider();
    const page = await (await fetch(`${p.issuer}/device`)).text();
    const rid = /name="rid" value="([^"]+)"/.exec(page)![1]!;
    const noCsrf = await post(`${p.issuer}/device`, {
      rid,
      csrf: 'forged',
      user_code: 'BCDF-GHJK',
      ...alice,
      action: 'approve',
    });
    expect(noCsrf.status).toBe(403);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await post(`${p.issuer}/device`, { rid, csrf, user_code: 'BCDF-GHJK' })).status,
      );
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
  });

  it('a right user code does not count against the address', async () => {
    const p = await providerOnClock(clock, { limits: { userCodeGuesses: 2, userCodeWindow: 300 } });
    const { user_code } = await authorize(p, await deviceClient(p));
    expect((await fetch(`${p.issuer}/device?user_code=BCDF-GHJK`)).status).toBe(200);
    for (let i = 0; i < 4; i++)
      expect(
        (await fetch(`${p.issuer}/device?user_code=${encodeURIComponent(user_code)}`)).status,
      ).toBe(200);
  });

  it('wrong user codes are counted per address across new pages and links, and past the limit even a right code waits (RFC 8628 §5.1)', async () => {
    const p = await providerOnClock(clock, { limits: { userCodeGuesses: 4, userCodeWindow: 300 } });
    const { user_code } = await authorize(p, await deviceClient(p));
    // Two wrong codes on the verification_uri_complete link, two on fresh pages: each starts no new count.
    for (let i = 0; i < 2; i++)
      expect((await fetch(`${p.issuer}/device?user_code=BCDF-GHJK`)).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const page = await (await fetch(`${p.issuer}/device`)).text();
      const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(page)![1]!;
      const wrong = await post(`${p.issuer}/device`, {
        rid: field('rid'),
        csrf: field('csrf'),
        user_code: 'BCDF-GHJK',
      });
      expect(wrong.status).toBe(400);
    }
    const locked = await fetch(`${p.issuer}/device?user_code=${encodeURIComponent(user_code)}`);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await locked.text()).toMatch(/Too many wrong codes/);
    // The form is locked too.
    const page = await (await fetch(`${p.issuer}/device`)).text();
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(page)![1]!;
    const lockedForm = await post(`${p.issuer}/device`, {
      rid: field('rid'),
      csrf: field('csrf'),
      user_code,
    });
    expect(lockedForm.status).toBe(429);
    // The window passes: the right code is looked up again.
    clock.now += 301;
    const open = await fetch(`${p.issuer}/device?user_code=${encodeURIComponent(user_code)}`);
    expect(open.status).toBe(200);
    expect(await open.text()).toContain(user_code);
  });

  it('device authorizations and user codes are held only for their lifetime (bounded stores)', async () => {
    const p = await provider();
    const id = await deviceClient(p);
    await authorize(p, id);
    expect(p.sizes()).toMatchObject({ deviceCodes: 1, userCodes: 1 });
    clock.now += 2 * 600 + 1;
    p.sweep();
    expect(p.sizes()).toMatchObject({ deviceCodes: 0, userCodes: 0 });
  });
});

describe('the client (flow --grant device), its waits moving the fake clock', () => {
  const quiet: FlowIO = {
    step: () => undefined,
    askSignIn: async () => true,
    openBrowser: async () => undefined,
  };
  const accounts = DEMO_USERS.map((u) => ({ username: u.username, password: u.password }));

  it('waits the interval between polls, 5 s more after slow_down, and stops with expired_token when nobody approves', async () => {
    const p = await provider();
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms / 1000);
      clock.now += ms / 1000;
    };
    let failure: unknown;
    try {
      // auto: false — nobody plays the user, so the device polls until its code expires.
      await runFlow(
        {
          grant: 'device',
          titles: [],
          auto: false,
          timeoutMs: 3_600_000,
          provider: { issuer: p.issuer, accounts },
          sleep,
          now: () => new Date(clock.now * 1000),
        },
        quiet,
      );
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(FlowError);
    expect(failure).toMatchObject({
      step: 4,
      message: expect.stringMatching(
        /expired before the user approved \(poll \d+: expired_token\)/,
      ),
    });
    expect(waits.every((w) => w === 5)).toBe(true);
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(600);
  });

  it('--auto: the too-soon poll gets slow_down and the next one waits 10 s; the user approves; tokens verified; the API answers', async () => {
    const p = await provider();
    const waits: number[] = [];
    const t = await runFlow(
      {
        grant: 'device',
        titles: [],
        auto: true,
        provider: { issuer: p.issuer, accounts },
        sleep: async (ms) => void (waits.push(ms / 1000), (clock.now += ms / 1000)),
        now: () => new Date(clock.now * 1000),
      },
      quiet,
    );
    expect(t.ok).toBe(true);
    const polls = t.steps[3]!.exchanges.filter(
      (e) => new URL(e.request.url).pathname === '/token',
    ).map((e) => (JSON.parse(e.response.body) as { error?: string }).error ?? e.response.status);
    expect(polls).toEqual(['authorization_pending', 'slow_down', 200]);
    expect(waits).toEqual([10]);
    expect(t.steps[4]!.tokens.every((k) => k.verified)).toBe(true);
  });

  it('access_denied ends the flow at the poll step with advice', async () => {
    const p = await provider();
    // The "user" denies on the verification page as soon as the device shows its code; the device's wait lets it finish.
    let decision: Promise<unknown> = Promise.resolve();
    const sleep = async (ms: number) => {
      clock.now += ms / 1000;
      await decision;
    };
    const io: FlowIO = {
      ...quiet,
      step: (r) => {
        if (r.userCode?.complete !== undefined)
          decision = playVerification(r.userCode.complete, { ...alice, approve: false });
      },
    };
    await expect(
      runFlow(
        {
          grant: 'device',
          titles: [],
          auto: false,
          provider: { issuer: p.issuer, accounts },
          sleep,
          now: () => new Date(clock.now * 1000),
        },
        io,
      ),
    ).rejects.toMatchObject({
      step: 4,
      message: 'the user denied the device (access_denied)',
      hint: expect.stringMatching(/Approve/),
    });
  });
});

describe('flow --grant device --auto --json', () => {
  it('runs the six steps over real HTTP: the codes, every poll, the verification page, verified tokens, the API', async () => {
    const r = await run(['flow', '--grant', 'device', '--auto', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout) as {
      ok: boolean;
      grant: string;
      steps: {
        number: number;
        notes: string[];
        userCode?: { code: string; uri: string; complete?: string };
        exchanges: {
          request: { method: string; url: string; body?: string };
          response: { status: number; body: string };
        }[];
        tokens: { kind: string; verified: boolean }[];
      }[];
    };
    expect(t).toMatchObject({ ok: true, grant: 'device' });
    expect(t.steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.steps[2]!.userCode).toMatchObject({
      code: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
      uri: expect.stringMatching(/\/device$/),
      complete: expect.stringMatching(/\/device\?user_code=/),
    });
    expect(t.steps[2]!.notes.join('\n')).toMatch(/RFC 8628 §5\.4/);
    const routes = t.steps[3]!.exchanges.map(
      (e) => `${e.request.method} ${new URL(e.request.url).pathname} ${e.response.status}`,
    );
    expect(routes).toEqual([
      'POST /token 400',
      'POST /token 400',
      'GET /device 200',
      'POST /device 200',
      'POST /token 200',
    ]);
    expect(t.steps[3]!.notes.join('\n')).toMatch(/slow_down .* 10 s/);
    // The device code is a credential: recorded shortened.
    expect(new URLSearchParams(t.steps[3]!.exchanges[0]!.request.body).get('device_code')).toMatch(
      /…\(redacted\)$/,
    );
    expect(t.steps[4]!.tokens.map((k) => [k.kind, k.verified])).toEqual([
      ['access_token', true],
      ['id_token', true],
    ]);
    expect(t.steps[5]!.exchanges[0]!.response.status).toBe(200);
  });

  it('without --auto and nobody to approve, --timeout ends the run with the code and where to type it (a pipe never hangs)', async () => {
    const r = await run(['flow', '--grant', 'device', '--timeout', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /Step 4 \(Poll the token endpoint while the user approves on another screen\) failed: no answer from the user within 1 s/,
    );
    expect(r.stderr).toMatch(
      /approve at http:\/\/127\.0\.0\.1:\d+\/device in time \(code [A-Z]{4}-[A-Z]{4}\)/,
    );
  });

  it('prose mode draws the user code and a QR code', async () => {
    const r = await run(['flow', '--grant', 'device', '--auto']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/│ +[A-Z] [A-Z] [A-Z] [A-Z] - [A-Z] [A-Z] [A-Z] [A-Z] +│/);
    expect(r.stdout).toMatch(/or scan this QR code/);
    expect(r.stdout).toMatch(/[▀▄█]{10,}/);
  });
});
