/**
 * What the provider's own HTML forms share, the sign-in and consent page of /authorize and the
 * device verification page: reading the posted form, its CSRF check, and the rate-limited
 * sign-in. Each answers the browser itself when it refuses, so a caller just stops.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { matchesHeldSecret, sameToken } from './client-auth.js';
import { errorPage } from './consent-page.js';
import type { ProviderContext, RequestLog } from './context.js';
import { formBody, HttpError, sendHtml, type Params } from './http.js';
import type { User } from './model.js';

/**
 * The posted form, or undefined once it has been answered with an error page: a body that cannot be
 * read, or a form another site's page submitted.
 *
 * The CSRF token (csrfHolds) proves the form came from a page this provider served, but not to whom: an
 * attacker can load the page, copy its token and have the victim's browser post it with the attacker's
 * password, signing the victim in as the attacker (login CSRF), a session that then sticks. OIDC Core
 * §3.1.2.3: "When interacting with the End-User, the Authorization Server MUST employ appropriate
 * measures against Cross-Site Request Forgery and Clickjacking". A browser says where a form comes from:
 * in Sec-Fetch-Site (W3C Fetch Metadata), sent to loopback and https addresses, where our own pages post
 * "same-origin" and any other value is refused (another port of 127.0.0.1 is "same-site", not
 * same-origin); and in Origin, sent with every POST, which must then be this provider's own (our pages'
 * Referrer-Policy is same-origin, so the browser sends it rather than "null"). A client that sends
 * neither (curl, the flow's consent bot) is no browser to forge for, and still has the CSRF token check.
 */
export async function readPageForm(
  req: IncomingMessage,
  res: ServerResponse,
  log: RequestLog,
  issuer: string,
): Promise<Params | undefined> {
  let params: Params;
  try {
    params = await formBody(req);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    log.fail(error.description);
    sendHtml(res, error.status, errorPage('Invalid request', error.description));
    return undefined;
  }
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers['origin'];
  const foreign =
    site !== undefined
      ? site !== 'same-origin' && `Sec-Fetch-Site: ${JSON.stringify(site.slice(0, 20))}`
      : origin !== undefined &&
        !ownOrigin(origin, issuer, req.headers.host) &&
        `Origin: ${JSON.stringify(origin.slice(0, 60))}`;
  if (foreign) {
    log.fail(`form not posted by this provider's page (${foreign}): refused`);
    sendHtml(
      res,
      403,
      errorPage(
        'Request refused',
        'This form was not sent from this sign-in page (another site or page sent it). Go back to the app and start again.',
      ),
    );
    return undefined;
  }
  return params;
}

/**
 * Whether a form's Origin is this provider's: the issuer's, or the address the browser itself used when
 * that is an IP address or localhost. A provider started on 0.0.0.0 (or reached as localhost while its
 * issuer says 127.0.0.1) is reached under another host than its issuer's, and its own page's form then
 * carries that host. A host name other than localhost is not accepted that way: under DNS rebinding an
 * attacker's page and the provider share one name, and so one origin.
 */
function ownOrigin(origin: string, issuer: string, host: string | undefined): boolean {
  if (origin === new URL(issuer).origin) return true;
  if (host === undefined || origin !== `http://${host}`) return false;
  const name = host.replace(/:\d+$/, '');
  return name === 'localhost' || isIP(name.replace(/^\[|\]$/g, '')) !== 0;
}

/**
 * Whether the form carries the CSRF token of the page we served; when not, 403 is answered.
 * RFC 6749 §10.12: "The authorization server MUST implement CSRF protection for its authorization
 * endpoint".
 */
export function csrfHolds(
  params: Params,
  expected: string,
  res: ServerResponse,
  log: RequestLog,
): boolean {
  if (!sameToken(params.get('csrf') ?? '', expected)) {
    log.fail('CSRF token missing or wrong');
    sendHtml(
      res,
      403,
      errorPage('Request refused', 'The form did not carry the right CSRF token.'),
    );
    return false;
  }
  log.pass('CSRF token matches');
  return true;
}

/** A sign-in from the form: the user, or what the page should say and with which status. */
export type SignIn =
  | { ok: true; user: User }
  | { ok: false; status: 401 | 429; message: string; username: string };

/**
 * Checks the username and password of the form. Password guessing is limited per username, whoever
 * guesses and from wherever: checked before the password, so that while a username is locked even
 * the right password is refused.
 */
export function signIn(ctx: ProviderContext, params: Params, log: RequestLog): SignIn {
  const username = params.get('username') ?? '';
  const locked = ctx.loginLimiter.check(username);
  if (!locked.ok) {
    log.fail(
      `limit: sign-in for "${username}" locked for ${locked.retryAfter} s after ${ctx.limits.loginFailures} failed attempts`,
    );
    const message = `Too many failed sign-ins for "${username}". Wait ${locked.retryAfter} seconds, then try again.`;
    return { ok: false, status: 429, message, username };
  }
  const user = ctx.users.find((u) => u.username === username);
  if (user === undefined || !matchesHeldSecret(params.get('password') ?? '', user, user.password)) {
    ctx.loginLimiter.hit(username);
    log.fail('wrong username or password');
    return { ok: false, status: 401, message: 'Wrong username or password.', username };
  }
  ctx.loginLimiter.reset(username);
  return { ok: true, user };
}
