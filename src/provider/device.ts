/**
 * The device authorization grant (RFC 8628): the device authorization
 * endpoint (§3.1, §3.2), the verification page where the user types the user
 * code, signs in and decides (§3.3), and the token endpoint's device-code
 * grant with its polling answers (§3.4, §3.5). Every device authorization
 * lives in a bounded store until it expires (and a while after, so that a late
 * poll is told expired_token rather than "unknown").
 */
import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomToken } from '../protocol/random.js';
import { authenticateClient } from './client-auth.js';
import type { ProviderContext, RequestLog } from './context.js';
import { errorPage } from './consent-page.js';
import { verificationDone, verificationPage as renderPage } from './device-page.js';
import { formBody, HttpError, sendHtml, sendJson } from './http.js';
import { csrfHolds, readPageForm, signIn } from './page-form.js';
import {
  DEVICE_CODE_GRANT,
  SCOPES,
  type Client,
  type DeviceAuthorization,
  type VerificationPage,
} from './model.js';
import { issueUserTokens } from './token.js';

/**
 * A user code of 8 characters from the 20 consonants of RFC 8628 §6.1's example character set: 20^8, about
 * 2^34.5 codes, shown in the form XXXX-XXXX. Typed input is compared case-insensitively and without the dash.
 */
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

function newUserCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export function normaliseUserCode(typed: string): string {
  const letters = typed.toUpperCase().replace(/[^A-Z]/g, '');
  return letters.length === 8 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : letters;
}

/** RFC 8628 §3.1: the client asks for a device code; RFC 6749 §3.2.1 client authentication applies (public clients by client_id). */
export async function deviceAuthorization(
  ctx: ProviderContext,
  req: IncomingMessage,
  res: ServerResponse,
  log: RequestLog,
): Promise<void> {
  const params = await formBody(req, 'RFC 8628 §3.1');
  const client = authenticateClient(ctx, req, params, log);
  if (!client.grant_types.includes(DEVICE_CODE_GRANT))
    throw new HttpError(
      400,
      'unauthorized_client',
      `client ${client.client_id} is not registered for the device grant (${DEVICE_CODE_GRANT})`,
    );
  // RFC 6749 §3.2: an empty `scope=` is as if omitted. Unlike the authorization endpoint, this one
  // refuses a scope value it does not understand even beside openid (RFC 8628 §3.1 takes scope as
  // RFC 6749 §3.3 defines it, which allows invalid_scope; OIDC Core §3.1.2.1's SHOULD ignore is
  // about the authorization endpoint).
  const scope = params.get('scope') || client.scope;
  const scopes = scope.split(' ').filter(Boolean);
  const allowed = new Set(client.scope.split(' '));
  const unknown = scopes.filter((s) => SCOPES[s] === undefined || !allowed.has(s));
  if (unknown.length > 0)
    throw new HttpError(400, 'invalid_scope', `scope not allowed: ${unknown.join(', ')}`);
  const now = ctx.now();
  const device: DeviceAuthorization = {
    device_code: randomToken(32),
    user_code: newUserCode(),
    client_id: client.client_id,
    scope: scopes.join(' '),
    expires: now + ctx.limits.deviceCodeTtl,
    interval: ctx.limits.deviceInterval,
    status: 'pending',
  };
  // Kept one more lifetime past expiry, so that a late poll is answered expired_token (RFC 8628 §3.5).
  const keep = device.expires + ctx.limits.deviceCodeTtl;
  if (ctx.deviceCodes.set(device.device_code, device, keep))
    log.fail(
      `limit: over ${ctx.limits.maxDeviceCodes} device authorizations held; the oldest was dropped`,
    );
  ctx.userCodes.set(device.user_code, device.device_code, device.expires);
  log.pass(
    `device authorization for ${client.client_id}: user code issued (${ctx.limits.deviceCodeTtl} s)`,
  );
  const verification = `${ctx.issuer}/device`;
  // RFC 8628 §3.2: device_code, user_code, verification_uri, verification_uri_complete, expires_in, interval.
  sendJson(res, 200, {
    device_code: device.device_code,
    user_code: device.user_code,
    verification_uri: verification,
    verification_uri_complete: `${verification}?user_code=${encodeURIComponent(device.user_code)}`,
    expires_in: ctx.limits.deviceCodeTtl,
    interval: device.interval,
  });
}

/** The waiting device a typed user code names, or undefined (unknown, expired or already decided). */
function waitingDevice(
  ctx: ProviderContext,
  typed: string | undefined,
): { device: DeviceAuthorization; client: Client } | undefined {
  if (typed === undefined) return undefined;
  const deviceCode = ctx.userCodes.get(normaliseUserCode(typed));
  const device = deviceCode === undefined ? undefined : ctx.deviceCodes.get(deviceCode);
  if (device === undefined || device.status !== 'pending' || device.expires < ctx.now())
    return undefined;
  const client = ctx.clients.get(device.client_id);
  return client === undefined ? undefined : { device, client };
}

function newPage(ctx: ProviderContext, log: RequestLog): VerificationPage {
  const p: VerificationPage = {
    rid: randomToken(16),
    csrf: randomToken(32),
    failures: 0,
    expires: ctx.now() + ctx.limits.pendingTtl,
  };
  if (ctx.verificationPages.set(p.rid, p, p.expires))
    log.fail(
      `limit: over ${ctx.limits.maxPending} verification pages held; the oldest was dropped`,
    );
  return p;
}

/**
 * RFC 8628 §5.1: "it is recommended that the server rate-limit user code attempts". Wrong codes are counted
 * per remote address, over pages and links alike (a new page, or a verification_uri_complete link, would
 * otherwise start the count again); past ctx.limits.userCodeGuesses in the window, codes are not even
 * looked up, and the answer (a 429 page) is sent here: `locked` says so.
 */
function userCodeLocked(
  ctx: ProviderContext,
  req: IncomingMessage,
  res: ServerResponse,
  log: RequestLog,
): { address: string; locked: boolean } {
  const address = req.socket.remoteAddress ?? 'unknown';
  const decision = ctx.userCodeLimiter.check(address);
  if (decision.ok) return { address, locked: false };
  log.fail(
    `limit: ${ctx.limits.userCodeGuesses} wrong user codes from ${address} within ${ctx.limits.userCodeWindow} s; locked for ${decision.retryAfter} s (RFC 8628 §5.1)`,
  );
  res.setHeader('retry-after', String(decision.retryAfter));
  sendHtml(
    res,
    429,
    errorPage(
      'Too many attempts',
      `Too many wrong codes were typed from this address. Try again in ${Math.ceil(decision.retryAfter / 60)} minute(s).`,
    ),
  );
  return { address, locked: true };
}

/** GET /device (verification_uri), or /device?user_code=… (verification_uri_complete, RFC 8628 §3.3.1). */
export function verificationPage(
  ctx: ProviderContext,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
  log: RequestLog,
): void {
  const typed = url.searchParams.get('user_code') ?? undefined;
  let address: string | undefined;
  if (typed !== undefined) {
    const limit = userCodeLocked(ctx, req, res, log);
    if (limit.locked) return;
    address = limit.address;
  }
  const p = newPage(ctx, log);
  const found = waitingDevice(ctx, typed);
  if (found === undefined && address !== undefined) ctx.userCodeLimiter.hit(address);
  const users = ctx.showPasswords ? ctx.users : [];
  log.pass(
    found === undefined
      ? 'verification page shown (CSRF token issued)'
      : 'verification page shown for a waiting device',
  );
  sendHtml(
    res,
    200,
    renderPage({
      rid: p.rid,
      csrf: p.csrf,
      users,
      ...(found === undefined
        ? typed === undefined
          ? {}
          : {
              error: 'That code is not valid (or has expired). Check the code on your device.',
              typed,
            }
        : {
            device: {
              userCode: found.device.user_code,
              client: found.client,
              scope: found.device.scope,
            },
          }),
    }),
  );
}

/** POST /device: the code typed, or the decision. CSRF-checked like the consent page (RFC 6749 §10.12). */
export async function verificationDecision(
  ctx: ProviderContext,
  req: IncomingMessage,
  res: ServerResponse,
  log: RequestLog,
): Promise<void> {
  const params = await readPageForm(req, res, log, ctx.issuer);
  if (params === undefined) return;
  const p = ctx.verificationPages.get(params.get('rid') ?? '');
  if (p === undefined) {
    log.fail('unknown or expired verification page');
    return sendHtml(
      res,
      400,
      errorPage(
        'Page expired',
        'This page has expired. Open the verification address again and type the code your device shows.',
      ),
    );
  }
  if (!csrfHolds(params, p.csrf, res, log)) return;
  const users = ctx.showPasswords ? ctx.users : [];
  const typed = params.get('user_code') ?? '';
  const limit = userCodeLocked(ctx, req, res, log);
  if (limit.locked) return;
  const found = waitingDevice(ctx, typed);
  if (found === undefined) {
    // RFC 8628 §5.1: user codes are short, so guesses are limited: a few wrong ones per page, and
    // ctx.limits.userCodeGuesses per address (userCodeLocked).
    ctx.userCodeLimiter.hit(limit.address);
    p.failures++;
    log.fail(`wrong or expired user code (${p.failures} on this page)`);
    if (p.failures >= ctx.limits.userCodeFailures) {
      ctx.verificationPages.delete(p.rid);
      return sendHtml(
        res,
        429,
        errorPage(
          'Too many attempts',
          'Too many wrong codes. Open the verification address again to start over.',
        ),
      );
    }
    return sendHtml(
      res,
      400,
      renderPage({
        rid: p.rid,
        csrf: p.csrf,
        users,
        error: 'That code is not valid (or has expired). Check the code on your device.',
        typed,
      }),
    );
  }
  const { device, client } = found;
  const action = params.get('action');
  const again = (status: number, error: string, username: string) =>
    sendHtml(
      res,
      status,
      renderPage({
        rid: p.rid,
        csrf: p.csrf,
        users,
        device: { userCode: device.user_code, client, scope: device.scope },
        error,
        username,
      }),
    );
  if (action === undefined) {
    log.pass('user code names a waiting device: sign-in and decision asked');
    return again(200, '', '');
  }
  if (action === 'deny') {
    device.status = 'denied';
    ctx.userCodes.delete(device.user_code);
    ctx.verificationPages.delete(p.rid);
    log.fail('the user denied the device');
    return sendHtml(res, 200, verificationDone(false, client));
  }
  const signedIn = signIn(ctx, params, log);
  if (!signedIn.ok) return again(signedIn.status, signedIn.message, signedIn.username);
  const { user } = signedIn;
  device.status = 'approved';
  device.sub = user.sub;
  device.auth_time = ctx.now();
  ctx.userCodes.delete(device.user_code);
  ctx.verificationPages.delete(p.rid);
  log.pass(`${user.username} approved the device of ${client.client_id}`);
  sendHtml(res, 200, verificationDone(true, client));
}

const deviceError = (error: string, description: string) => new HttpError(400, error, description);

/**
 * The device-code grant (RFC 8628 §3.4, §3.5). As for codes: load it, check it belongs to the client polling,
 * then its lifetime, then how soon this poll came, and only then what the user decided.
 */
export async function deviceCodeGrant(
  ctx: ProviderContext,
  client: Client,
  deviceCode: string | undefined,
  log: RequestLog,
  bind: { jkt?: string } = {},
): Promise<Record<string, unknown>> {
  if (deviceCode === undefined)
    throw new HttpError(400, 'invalid_request', 'device_code is required (RFC 8628 §3.4)');
  const device = ctx.deviceCodes.get(deviceCode);
  if (device === undefined) throw deviceError('invalid_grant', 'unknown device_code');
  if (device.client_id !== client.client_id) {
    log.fail(`the device code belongs to ${device.client_id}, not ${client.client_id}`);
    throw deviceError('invalid_grant', 'device_code was issued to another client');
  }
  const now = ctx.now();
  if (device.expires < now) {
    ctx.deviceCodes.delete(deviceCode);
    log.fail('device code expired');
    // RFC 8628 §3.5: "The "device_code" has expired, and the device authorization session has concluded."
    throw deviceError(
      'expired_token',
      `the device code expired (device codes live ${ctx.limits.deviceCodeTtl} seconds); start again`,
    );
  }
  // RFC 8628 §3.5 slow_down: "the interval MUST be increased by 5 seconds for this and all subsequent requests."
  if (device.lastPoll !== undefined && now - device.lastPoll < device.interval) {
    device.interval += 5;
    device.lastPoll = now;
    log.fail(`polled too soon: interval now ${device.interval} s`);
    throw deviceError(
      'slow_down',
      `polling too fast: wait at least ${device.interval} seconds between requests`,
    );
  }
  device.lastPoll = now;
  if (device.status === 'pending') {
    log.pass('still waiting for the user');
    throw deviceError(
      'authorization_pending',
      'the user has not yet approved or denied this device',
    );
  }
  // A decided device code is used once: approved or denied, it is gone after this answer.
  ctx.deviceCodes.delete(deviceCode);
  if (device.status === 'denied') {
    log.fail('the user denied the device');
    throw deviceError('access_denied', 'the user denied the request');
  }
  const user = ctx.users.find((u) => u.sub === device.sub);
  if (user === undefined)
    throw deviceError('invalid_grant', 'the user who approved this device no longer exists');
  log.pass('device approved: tokens issued, the device code used up');
  return (
    await issueUserTokens(
      ctx,
      client,
      { user, scope: device.scope, auth_time: device.auth_time ?? now, ...bind },
      log,
    )
  ).body;
}
