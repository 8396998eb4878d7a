/**
 * The device authorization grant (RFC 8628) for a device without a browser
 * (a TV, a CLI on a server): it gets a device code and a short user code,
 * shows the user code and where to type it, and polls the token endpoint
 * while the user approves on another screen, waiting however long the provider
 * asks (§3.5: slow_down adds 5 seconds). Under --auto the client plays the
 * user on the verification page.
 */
import { playVerification } from '../device-bot.js';
import { formBody, jsonOf, type Exchange } from '../exchange.js';
import { checkTokens } from '../token-checks.js';
import type { StepModule } from '../engine/runner.js';
export { DEVICE_TITLES } from './titles.js';
import { required, type Session } from '../engine/session.js';
import type { StepRecord } from '../engine/types.js';
import { fetchJwks } from './code.js';
import { discover, registerClient } from './register.js';

export type DeviceStepId =
  | 'register'
  | 'device-authorization'
  | 'show-code'
  | 'poll'
  | 'tokens'
  | 'api';

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

interface DeviceGrant {
  deviceCode: string;
  userCode: string;
  uri: string;
  complete?: string;
  expiresIn: number;
  interval: number;
}

const grants = new WeakMap<Session, DeviceGrant>();

const isString = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isSeconds = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0;

async function register(s: Session, rec: StepRecord): Promise<StepRecord> {
  await discover(s, rec);
  await registerClient(s, rec, {
    clientName: 'oauth-tutor TV app (device flow)',
    grantTypes: [DEVICE_GRANT, 'refresh_token'],
    publicClient: true,
    redirect: false,
    scope: 'openid profile notes.read offline_access',
  });
  rec.notes.push(
    'no redirect URI: the device never receives a browser redirect; it will poll the token endpoint instead (RFC 8628 §3.4)',
  );
  rec.notes.push(
    'a public client: software on a device cannot keep a secret, so the device code it polls with is what ties the tokens to it',
  );
  return rec;
}

async function deviceAuthorization(s: Session, rec: StepRecord): Promise<StepRecord> {
  if (s.ep.deviceAuthorization === undefined)
    return s.fail(
      'the provider advertises no device_authorization_endpoint',
      'Use a provider that supports RFC 8628.',
    );
  s.scope = 'openid profile notes.read offline_access';
  const r = await s.call(
    {
      method: 'POST',
      url: s.ep.deviceAuthorization,
      headers: s.headers,
      body: formBody({ client_id: s.clientId, scope: s.scope }),
    },
    'the device authorization request (RFC 8628 §3.1): client_id and scope, nothing else',
  );
  rec.exchanges.push(r);
  const body = jsonOf(r) ?? {};
  const {
    device_code: deviceCode,
    user_code: userCode,
    verification_uri: uri,
    verification_uri_complete: complete,
    expires_in: expiresIn,
    interval,
  } = body;
  if (
    r.response.status !== 200 ||
    !isString(deviceCode) ||
    !isString(userCode) ||
    !isString(uri) ||
    !isSeconds(expiresIn)
  ) {
    return s.fail(
      `the device authorization endpoint answered ${r.response.status}: ${r.response.body.slice(0, 200)}`,
      'Run the flow again; if it persists, report it.',
    );
  }
  // The device code is what the device polls with: anyone holding it could collect the tokens.
  s.secrets.secret(deviceCode);
  // RFC 8628 §3.2: "If no value is provided, clients MUST use 5 as the default."
  const g: DeviceGrant = {
    deviceCode,
    userCode,
    uri,
    expiresIn,
    interval: isSeconds(interval) ? interval : 5,
    ...(isString(complete) ? { complete } : {}),
  };
  grants.set(s, g);
  rec.facts = [
    {
      name: 'device_code',
      value: deviceCode,
      meaning: 'for the device only: it polls the token endpoint with it',
    },
    {
      name: 'user_code',
      value: userCode,
      meaning: 'for the user: short, to type on another device',
    },
    { name: 'verification_uri', value: uri, meaning: 'where the user types the code' },
    ...(g.complete === undefined
      ? []
      : [
          {
            name: 'verification_uri_complete',
            value: g.complete,
            meaning: 'the same page with the code filled in: for a QR code (RFC 8628 §3.3.1)',
          },
        ]),
    {
      name: 'expires_in',
      value: `${expiresIn} s`,
      meaning: 'after this the codes are dead and the device must start again',
    },
    {
      name: 'interval',
      value: `${g.interval} s`,
      meaning: 'the least the device must wait between two polls',
    },
  ];
  return rec;
}

async function showCode(s: Session, rec: StepRecord): Promise<StepRecord> {
  const g = required(grants.get(s), 'the device authorization');
  rec.userCode = {
    code: g.userCode,
    uri: g.uri,
    ...(g.complete === undefined ? {} : { complete: g.complete }),
  };
  rec.notes.push(
    `the device shows: go to ${g.uri} and type ${g.userCode} (RFC 8628 §3.3)${g.complete === undefined ? '' : '; a phone can scan the QR code of verification_uri_complete instead (RFC 8628 §3.3.1)'}`,
  );
  rec.notes.push(
    'phishing risk: anyone can start a device flow and send a user code to a victim ("enter this code to claim your prize"); if she approves it, the attacker\'s device gets her tokens. The verification page warns her to continue only for a device in front of her (RFC 8628 §5.4)',
  );
  if (s.opts.auto)
    rec.notes.push(
      `--auto plays the user (${s.account()?.username ?? 'alice'}) on the verification page after the device's first poll`,
    );
  return rec;
}

async function poll(s: Session, rec: StepRecord): Promise<StepRecord> {
  const g = required(grants.get(s), 'the device authorization');
  const sleep =
    s.opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let interval = g.interval;
  let waited = 0;
  let n = 0;
  let tooSoon = s.opts.auto;
  let played = !s.opts.auto;
  const once = async (wait: number, why: string): Promise<Exchange> => {
    if (wait > 0) await sleep(wait * 1000);
    waited += wait;
    n++;
    const e = await s.call(
      {
        method: 'POST',
        url: s.ep.token,
        headers: s.headers,
        body: formBody({
          grant_type: DEVICE_GRANT,
          device_code: g.deviceCode,
          client_id: s.clientId,
        }),
      },
      `poll ${n}, ${why}`,
    );
    rec.exchanges.push(e);
    return e;
  };
  let next = await once(0, 'at once');
  for (;;) {
    const body = jsonOf(next) ?? {};
    const error = body['error'];
    if (next.response.status === 200) {
      s.tokens = s.tokenResponse(next);
      rec.notes.push(
        `poll ${n}: 200 — the user approved; the tokens came to the device (after ${waited} s of polling)`,
      );
      return rec;
    }
    if (error === 'authorization_pending') {
      rec.notes.push(
        `poll ${n}: authorization_pending — the user has not decided yet; the device waits at least ${interval} s before the next poll (RFC 8628 §3.5)`,
      );
    } else if (error === 'slow_down') {
      interval += 5;
      rec.notes.push(
        `poll ${n}: slow_down — the device polled too soon, so from now on it waits 5 s more: ${interval} s (RFC 8628 §3.5: "the interval MUST be increased by 5 seconds for this and all subsequent requests")`,
      );
    } else if (error === 'expired_token') {
      return s.fail(
        `the device code expired before the user approved (poll ${n}: expired_token)`,
        'Run the flow again and type the code within the time shown (RFC 8628 §3.5: the client may start a new device authorization).',
      );
    } else if (error === 'access_denied') {
      return s.fail(
        'the user denied the device (access_denied)',
        'Run the flow again and choose Approve on the verification page.',
      );
    } else {
      return s.fail(
        `the token endpoint answered ${next.response.status} ${String(error ?? '')}: ${String(body['error_description'] ?? '')}`,
        'Run the flow again; if it persists, report it.',
      );
    }
    s.show(rec);
    // Never longer than the codes live, nor than --timeout: a run without a user ends.
    const limit = Math.min(g.expiresIn + interval, s.timeoutMs / 1000);
    if (waited + interval > limit)
      return s.fail(
        `no answer from the user within ${Math.round(Math.min(g.expiresIn, s.timeoutMs / 1000))} s`,
        `Run the flow again and approve at ${g.uri} in time (code ${g.userCode}), or use --auto.`,
      );
    if (tooSoon) {
      // Once, on purpose: a poll before the interval has passed, to show what the provider says to it.
      tooSoon = false;
      next = await once(0, 'sent too soon on purpose (--auto), to show slow_down');
      continue;
    }
    if (!played) {
      played = true;
      const account = s.account();
      const pages = await playVerification(
        g.complete ?? `${g.uri}?user_code=${encodeURIComponent(g.userCode)}`,
        { username: account?.username ?? 'alice', password: account?.password ?? '' },
      );
      rec.exchanges.push(...pages);
    }
    const spinner = s.io.waiting?.(
      `waiting ${interval} s, then polling (the user types ${g.userCode} at ${g.uri})`,
    );
    try {
      next = await once(interval, `after waiting ${interval} s`);
    } finally {
      spinner?.stop();
    }
  }
}

async function tokens(s: Session, rec: StepRecord): Promise<StepRecord> {
  const received = required(s.tokens, 'the token response');
  s.accessToken = received.access_token;
  rec.notes.push(
    `token_type ${received.token_type}, expires_in ${String(received.expires_in)} s, scope "${received.scope ?? s.scope}"${received.refresh_token ? ', plus a refresh token (the device can stay signed in)' : ''}`,
  );
  await fetchJwks(s, rec);
  rec.tokens = await checkTokens(received, {
    ...(s.jwks === undefined ? {} : { jwks: s.jwks }),
    issuer: s.ep.issuer,
    clientId: s.clientId,
    ...(s.opts.now === undefined ? {} : { now: s.opts.now() }),
  });
  const bad = rec.tokens.find((t) => t.kind === 'id_token' && !t.verified);
  if (bad !== undefined)
    return s.fail(
      `the ID token failed a check: ${bad.checks
        .filter((c) => !c.ok)
        .map((c) => `${c.name}: ${c.detail}`)
        .join('; ')}`,
      'A real client must reject it.',
    );
  rec.notes.push(
    'no nonce here: there was no browser redirect whose answer could be swapped; the device code alone ties these tokens to this device',
  );
  return rec;
}

async function api(s: Session, rec: StepRecord): Promise<StepRecord> {
  const call = await s.callApi();
  rec.exchanges.push(call);
  if (call.response.status !== 200)
    return s.fail(`the API answered ${call.response.status}`, 'Check the scope.');
  rec.notes.push("200: the device reads the user's notes; the user never typed a password on it");
  return rec;
}

export const DEVICE_STEPS: readonly StepModule<DeviceStepId>[] = [
  { id: 'register', run: register },
  { id: 'device-authorization', run: deviceAuthorization },
  { id: 'show-code', run: showCode },
  { id: 'poll', run: poll },
  { id: 'tokens', run: tokens },
  { id: 'api', run: api },
];
