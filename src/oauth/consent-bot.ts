/**
 * Plays the user on the mock provider's consent page over plain HTTP: loads
 * the authorize URL, reads the form's hidden fields, and posts the
 * decision. Used by `flow --auto` and the tests; a real user clicks instead.
 */

export interface ConsentOptions {
  username: string;
  password: string;
  approve?: boolean;
}

export interface ConsentResult {
  /** Where the provider sent the browser: the client's redirect URI with code (or error), state and iss. */
  location: string;
  /** The consent page's HTML, as the browser would have shown it. */
  page: string;
}

export class ConsentError extends Error {
  constructor(message: string, readonly status: number, readonly body: string) {
    super(message);
  }
}

function hidden(html: string, name: string): string | undefined {
  const m = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html);
  return m?.[1]?.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

export async function playConsent(authorizeUrl: string, opts: ConsentOptions): Promise<ConsentResult> {
  const first = await fetch(authorizeUrl, { redirect: 'manual' });
  const page = await first.text();
  if (first.status >= 300 && first.status < 400) {
    // An error the provider sent straight back to the client (e.g. invalid_scope).
    return { location: first.headers.get('location') ?? '', page };
  }
  if (first.status !== 200) throw new ConsentError(`the authorization endpoint answered ${first.status}`, first.status, page);
  const rid = hidden(page, 'rid');
  const csrf = hidden(page, 'csrf');
  if (rid === undefined || csrf === undefined) throw new ConsentError('the consent page has no form to fill in', first.status, page);
  const form = new URLSearchParams({ rid, csrf, username: opts.username, password: opts.password, action: opts.approve === false ? 'deny' : 'approve' });
  const decision = await fetch(new URL('/authorize/decision', authorizeUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  const body = await decision.text();
  const location = decision.headers.get('location');
  if (decision.status !== 303 || location === null) throw new ConsentError(`the consent form answered ${decision.status}`, decision.status, body);
  return { location, page };
}
