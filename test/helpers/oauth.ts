/** A small OAuth client for tests against the real provider over loopback HTTP. */
import { createVerifier, s256 } from '../../src/oauth/pkce.js';
import { playConsent } from '../../src/oauth/consent-bot.js';
import { onTestFinished } from 'vitest';
import {
  startProvider,
  type ProviderOptions,
  type RunningProvider,
} from '../../src/provider/server.js';

export const REDIRECT = 'http://127.0.0.1:9999/callback';

/** A clock the tests move by hand (seconds since the epoch) instead of waiting. */
export interface FakeClock {
  now: number;
}

export function fakeClock(start = 1_800_000_000): FakeClock {
  return { now: start };
}

/** The provider on 127.0.0.1 (port 0) reading time from `clock`; closed when the current test ends, pass or fail. */
export async function providerOnClock(
  clock: FakeClock,
  opts: ProviderOptions = {},
): Promise<RunningProvider> {
  const p = await startProvider({ port: 0, clock: () => clock.now, ...opts });
  onTestFinished(() => p.close());
  return p;
}

export const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export function authorizeUrl(
  p: RunningProvider,
  params: Record<string, string | string[] | undefined>,
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, one);
  }
  return `${p.issuer}/authorize?${q}`;
}

export interface CodeResult {
  code: string;
  verifier?: string;
  location: URL;
}

/** Runs the front channel as alice (or another user): authorize → consent → code. */
export async function getCode(
  p: RunningProvider,
  opts: {
    client_id?: string;
    redirect_uri?: string | null;
    scope?: string;
    pkce?: boolean;
    state?: string;
    nonce?: string;
    user?: string;
    password?: string;
  } = {},
): Promise<CodeResult> {
  const verifier = opts.pkce === false ? undefined : createVerifier();
  const url = authorizeUrl(p, {
    response_type: 'code',
    client_id: opts.client_id ?? p.demoClient.client_id,
    redirect_uri: opts.redirect_uri === null ? undefined : (opts.redirect_uri ?? REDIRECT),
    scope: opts.scope ?? 'openid profile email notes.read offline_access',
    state: opts.state ?? 'state-123',
    nonce: opts.nonce,
    code_challenge: verifier === undefined ? undefined : s256(verifier),
    code_challenge_method: verifier === undefined ? undefined : 'S256',
  });
  const { location } = await playConsent(url, {
    username: opts.user ?? 'alice',
    password: opts.password ?? 'wonderland',
  });
  const loc = new URL(location);
  const code = loc.searchParams.get('code');
  if (code === null) throw new Error(`no code: ${location}`);
  return { code, location: loc, ...(verifier === undefined ? {} : { verifier }) };
}

export async function post(
  url: string,
  body: Record<string, string | undefined>,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string; json: Record<string, unknown> }> {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) if (v !== undefined) form.append(k, v);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: form,
  });
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: isJson && text !== '' ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

export async function tokenWithCode(
  p: RunningProvider,
  r: CodeResult,
  extra: Record<string, string | undefined> = {},
) {
  return post(
    `${p.issuer}/token`,
    {
      grant_type: 'authorization_code',
      code: r.code,
      redirect_uri: REDIRECT,
      code_verifier: r.verifier,
      ...extra,
    },
    { authorization: basic(p.demoClient.client_id, p.demoClient.client_secret!) },
  );
}

export async function api(
  p: RunningProvider,
  path: string,
  token?: string,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${p.issuer}${path}`, {
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text };
}
