/**
 * What the provider's own HTML forms share, the sign-in and consent page of /authorize and the
 * device verification page: reading the posted form, its CSRF check, and the rate-limited
 * sign-in. Each answers the browser itself when it refuses, so a caller just stops.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchesHeldSecret, sameToken } from './client-auth.js';
import { errorPage } from './consent-page.js';
import type { ProviderContext, RequestLog } from './context.js';
import { formBody, HttpError, sendHtml, type Params } from './http.js';
import type { User } from './model.js';

/** The posted form, or undefined once a body that cannot be read has been answered with an error page. */
export async function readPageForm(
  req: IncomingMessage,
  res: ServerResponse,
  log: RequestLog,
): Promise<Params | undefined> {
  try {
    return await formBody(req);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    log.fail(error.description);
    sendHtml(res, error.status, errorPage('Invalid request', error.description));
    return undefined;
  }
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
