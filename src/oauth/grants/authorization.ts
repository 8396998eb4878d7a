/**
 * The browser part of the authorization-code grant, shared by the code and
 * refresh grants: the authorization request (RFC 6749 §4.1.1 with state,
 * PKCE and nonce), the user's visit to the provider, and the client's check
 * of the redirect back, made the moment it arrives so the browser gets its
 * answer even while `--step` waits for Enter.
 */
import { checkAuthorizationResponse } from '../authorization-response.js';
import { CallbackTimeout, type ReceivedCallback } from '../callback-server.js';
import { ConsentError, submitConsent } from '../consent-bot.js';
import { send } from '../http-request.js';
import { createVerifier, randomToken, s256 } from '../pkce.js';
import type { Exchange } from '../exchange.js';
import { required, type Session } from '../engine/session.js';
import type { StepRecord } from '../engine/types.js';

export const AUTHORIZE_PARAMS: Record<string, string> = {
  response_type: '"code": we want an authorization code (the authorization-code flow)',
  client_id: 'which registered app is asking',
  redirect_uri: 'where to send the browser back; must match a registered URI exactly',
  scope: 'what the app asks to do; the user approves it and the token is limited to it',
  state:
    'a one-time value bound to this browser, checked on the way back: the callback must answer our own request (CSRF, RFC 9700 §4.7.1)',
  code_challenge:
    'base64url of the SHA-256 hash of a secret code_verifier we keep: binds the code to us and this browser; checked by the provider at the token endpoint (PKCE, RFC 7636)',
  code_challenge_method: '"S256": how the challenge was made from the verifier',
  nonce:
    'a one-time value the ID token must carry back: binds the ID token to this login request (OIDC Core §3.1.2.1)',
};

/** Makes state, nonce and the PKCE verifier, and the authorize URL; its parameters become the step's facts. */
export function authorizationRequest(
  s: Session,
  rec: StepRecord,
  o: { redirectUri?: string } = {},
): void {
  s.state = randomToken(16);
  s.nonce = randomToken(16);
  s.verifier = createVerifier();
  s.secrets.secret(s.verifier);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: s.clientId,
    redirect_uri: o.redirectUri ?? s.redirectUri,
    scope: s.scope,
    state: s.state,
  };
  if (s.usePkce)
    Object.assign(params, { code_challenge: s256(s.verifier), code_challenge_method: 'S256' });
  if (s.scope.split(' ').includes('openid')) params['nonce'] = s.nonce;
  s.params = params;
  s.authorizeUrl = `${s.ep.authorize}${s.ep.authorize.includes('?') ? '&' : '?'}${new URLSearchParams(params)}`;
  rec.facts = Object.entries(params).map(([name, value]) => ({
    name,
    value,
    meaning: AUTHORIZE_PARAMS[name] ?? '',
  }));
}

/** The page the authorization endpoint served, shortened: it is HTML for the user, not for the record. */
export function truncate(e: Exchange): Exchange {
  return e.response.body.length > 400
    ? {
        ...e,
        response: {
          ...e.response,
          body: `${e.response.body.slice(0, 400)}… (${e.response.body.length} bytes: the login and consent page)`,
        },
      }
    : e;
}

/**
 * The user signs in and approves: played by this process under --auto, or in the learner's browser. Ends when
 * the redirect reaches the loopback callback.
 */
export async function userAuthorizes(s: Session, rec: StepRecord): Promise<ReceivedCallback> {
  if (s.opts.auto) {
    const account = s.account();
    rec.notes.push(
      `the user's browser goes to ${s.ep.authorize}; --auto plays the user (${account?.username ?? s.opts.user ?? 'alice'}) on the consent page`,
    );
    const first = await s.call(
      { method: 'GET', url: s.authorizeUrl, headers: { accept: 'text/html' } },
      'the browser loads the authorization endpoint',
    );
    rec.exchanges.push(truncate(first));
    let location: string;
    if (first.response.status >= 300 && first.response.status < 400) {
      location = first.response.headers['location'] ?? '';
    } else {
      try {
        // The page the browser loaded just above is the one the user fills in: one load, as in a browser.
        const played = await submitConsent(s.authorizeUrl, first.response, {
          username: account?.username ?? s.opts.user ?? 'alice',
          password: account?.password ?? '',
        });
        location = played.location;
        rec.exchanges.push({
          request: {
            method: 'POST',
            url: new URL('/authorize/decision', s.ep.authorize).href,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: 'rid=…&csrf=…&username=…&password=…&action=approve',
          },
          response: { status: 303, headers: { location }, body: '' },
          note: 'the user signs in and approves (the app never sees this request)',
        });
      } catch (error) {
        if (error instanceof ConsentError)
          return s.fail(
            `the consent page could not be completed automatically: ${error.message}`,
            'Drop --auto and sign in in the browser.',
          );
        throw error;
      }
    }
    return followRedirect(s, location);
  }
  // What the learner is about to approve is on screen before the browser opens (issue 13).
  s.show(rec);
  await s.io.openBrowser(s.authorizeUrl);
  const spinner = s.io.waiting?.(`waiting for the browser to come back to ${s.redirectUri}`);
  try {
    return await required(s.callback, 'the loopback callback server').next(s.timeoutMs);
  } catch (error) {
    if (error instanceof CallbackTimeout) {
      return s.fail(
        error.message,
        s.opts.external === undefined
          ? 'Open the URL above in a browser and sign in (demo users: alice / wonderland), or use --auto.'
          : 'Open the URL above in a browser and sign in; check that the redirect URI registered at the provider is exactly the one above.',
      );
    }
    throw error;
  } finally {
    spinner?.stop();
  }
}

/**
 * The simulated browser (under --auto, and the victim's in the labs) follows a redirect to the app's
 * loopback callback; resolves with the callback the server received. The server answers the
 * browser only once the client has checked the callback (checkCallback awaits `s.browserDone`).
 */
export async function followRedirect(s: Session, location: string): Promise<ReceivedCallback> {
  const follow = required(s.callback, 'the loopback callback server').next(10_000);
  const browser = send('GET', location);
  // Dropped on purpose: once the callback has arrived, the browser's request failing (its connection cut
  // when the run ends and closes the server) loses only the page the browser would show, nothing the flow
  // needs. A failure before then is not dropped: it fails the step just below.
  s.browserDone = browser.catch(() => undefined);
  // The browser's request ends only after the client's answer, so if it ends first (an error, or an answer
  // from somewhere else) the redirect does not lead to this app: the callback will never come. Say so now,
  // with the browser's own error, instead of after waiting out the timeout.
  const first = await Promise.race([
    follow.then(
      (callback) => ({ callback }),
      // The browser's request neither arrived nor failed in time (it hangs somewhere).
      (error: unknown) => {
        if (error instanceof CallbackTimeout) return { elsewhere: error.message };
        throw error;
      },
    ),
    browser.then(
      (res) => ({ elsewhere: `it was answered ${res.status} by something else` }),
      (error: unknown) => ({ elsewhere: error instanceof Error ? error.message : String(error) }),
    ),
  ]);
  if ('callback' in first) return first.callback;
  return s.fail(
    `the browser's redirect to ${location || '(no location)'} did not reach the app's callback ${s.redirectUri}: ${first.elsewhere}`,
    'The provider sent the browser somewhere other than the redirect URI; check the redirect URI registered there.',
  );
}

/**
 * iss, then state, then error, then the code: the order of a certified client (authorization-response.ts).
 * The browser is answered at once: the tab can be closed, or the response was refused and why.
 */
export async function checkCallback(
  s: Session,
  received: ReceivedCallback,
  expectedState: string | undefined = s.state,
): Promise<void> {
  s.received = received;
  const checked = checkAuthorizationResponse(new URL(received.url).searchParams, {
    issuer: s.ep.issuer,
    issParameterSupported: s.ep.issParameter,
    state: expectedState,
  });
  s.checked = checked;
  s.answer = received.reply(
    checked.ok
      ? { ok: true }
      : checked.failed === 'error'
        ? {
            ok: true,
            message: `Sign-in did not complete: ${checked.message}. You can close this tab.`,
          }
        : { ok: false, reason: `${checked.message}. The app sent nothing to the provider.` },
  );
  await s.browserDone;
}

/** The callback the loopback server received, and what it answered the browser. */
export function callbackExchange(s: Session, note: string): Exchange {
  const received = required(s.received, 'the received callback');
  const answer = required(s.answer, "the callback's answer to the browser");
  const unescape = (h: string) =>
    h.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
  const title = unescape(/<h1>(.*?)<\/h1>/.exec(answer.body)?.[1] ?? '');
  const text = unescape(/<p>(.*?)<\/p>/.exec(answer.body)?.[1] ?? '');
  return {
    request: { method: received.method, url: received.url, headers: received.headers },
    response: {
      status: answer.status,
      headers: answer.headers,
      body: `(a page: "${title}: ${text}")`,
    },
    note,
  };
}
