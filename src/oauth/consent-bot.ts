/**
 * Plays the user on the mock provider's consent page over plain HTTP (node:http): loads
 * the authorize URL, reads the form's hidden fields, and posts the
 * decision. Used by `flow --auto` and the tests; a real user clicks instead.
 * `flow --auto` has loaded the page already (it records that request), so it
 * only submits it (submitConsent), as a browser submits the page it shows.
 */

import { TutorError } from '../errors.js';
import { header, send } from './http-request.js';
import { hiddenField } from './html-form.js';

export interface ConsentOptions {
  username: string;
  password: string;
  approve?: boolean;
}

export interface ConsentResult {
  /** Where the provider sent the browser: the client's redirect URI with code (or error), state and iss. */
  location: string;
  /** The consent page's HTML: what the browser would have shown. */
  page: string;
}

/** The consent page could not be played automatically; keeps the page's status and body for the record. */
export class ConsentError extends TutorError {
  override name = 'ConsentError';
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super('ERR_FAILED', message, { hint: 'Sign in in the browser instead (drop --auto).' });
  }
}

/** Loads the authorize URL as a browser would, and plays the user on the page it gets. */
export async function playConsent(
  authorizeUrl: string,
  opts: ConsentOptions,
): Promise<ConsentResult> {
  const first = await send('GET', authorizeUrl, { accept: 'text/html' });
  if (first.status >= 300 && first.status < 400) {
    // A provider that redirects at once (no login page), or an error sent straight back (e.g. invalid_scope).
    return {
      location: new URL(header(first, 'location') ?? '', authorizeUrl).href,
      page: first.body,
    };
  }
  return submitConsent(authorizeUrl, first, opts);
}

/**
 * Fills in and posts the consent page that loading `authorizeUrl` answered (`first`, not a
 * redirect): the decision goes to the provider's /authorize/decision with the page's hidden fields.
 */
export async function submitConsent(
  authorizeUrl: string,
  first: { status: number; body: string },
  opts: ConsentOptions,
): Promise<ConsentResult> {
  const page = first.body;
  if (first.status !== 200)
    throw new ConsentError(
      `the authorization endpoint answered ${first.status}`,
      first.status,
      page,
    );
  const rid = hiddenField(page, 'rid');
  const csrf = hiddenField(page, 'csrf');
  if (rid === undefined || csrf === undefined)
    throw new ConsentError('the consent page has no form to fill in', first.status, page);
  const form = new URLSearchParams({
    rid,
    csrf,
    username: opts.username,
    password: opts.password,
    action: opts.approve === false ? 'deny' : 'approve',
  });
  const decision = await send(
    'POST',
    new URL('/authorize/decision', authorizeUrl).href,
    { 'content-type': 'application/x-www-form-urlencoded' },
    form.toString(),
  );
  const location = header(decision, 'location');
  if (decision.status !== 303 || location === undefined)
    throw new ConsentError(
      `the consent form answered ${decision.status}`,
      decision.status,
      decision.body,
    );
  return { location, page };
}
