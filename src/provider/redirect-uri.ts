/**
 * Redirect URI rules. Registered URIs are compared exactly (RFC 9700 §4.1.3,
 * §2.1); the one exception is a loopback IP literal, whose port may vary
 * (RFC 8252 §7.3: "The authorization server MUST allow any port to be
 * specified at the time of the request for loopback IP redirect URIs").
 * Plain http is allowed only on loopback. RFC 9700 §2.6: authorization servers "MUST NOT allow redirection
 * URIs that use the http scheme except for native clients that use loopback interface redirection as
 * described in Section 7.3 of RFC 8252" (the IP literals). This provider, made for class projects, takes
 * http on loopback from any client, and on localhost too: a deliberate departure, and RFC 8252 §8.3 says
 * "the use of localhost is NOT RECOMMENDED".
 * At registration every URI must be absolute (RFC 6749 §3.1.2: "The
 * redirection endpoint URI MUST be an absolute URI"), carry no fragment
 * ("MUST NOT include a fragment component") and no userinfo; anything else
 * is refused with invalid_redirect_uri (RFC 7591 §3.2.2).
 */

const LOOPBACK_NAMES = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Why a URI cannot be registered, or undefined when it can. */
export function registrationProblem(uri: string): string | undefined {
  const shown = JSON.stringify(uri.length > 200 ? `${uri.slice(0, 200)}…` : uri);
  if (uri.length > 2048) return `${shown} is longer than 2048 characters`;
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return `${shown} is not an absolute URI`;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return `${shown} must be an https URI, or http on loopback (for native apps, RFC 9700 §2.6, RFC 8252 §7.3)`;
  // The WHATWG parser accepts "https:host/x" and "https:/host/x"; only the full "scheme://" form is absolute here.
  if (!/^https?:\/\/[^/]/i.test(uri)) return `${shown} is not an absolute URI (scheme://host/path)`;
  if (u.hash !== '' || uri.includes('#'))
    return `${shown} has a fragment, which redirect URIs must not (RFC 6749 §3.1.2)`;
  if (
    u.username !== '' ||
    u.password !== '' ||
    uri.slice(0, uri.indexOf('/', 8) >>> 0).includes('@')
  )
    return `${shown} has a user name or password in it, which redirect URIs must not`;
  if (u.protocol === 'http:' && !LOOPBACK_NAMES.has(u.hostname))
    return `${shown} uses http on a non-loopback host; use https (http only on loopback, for native apps: RFC 9700 §2.6)`;
  return undefined;
}

/** The URI with its port taken out when it is http on a loopback IP literal, compared verbatim (nothing normalised). */
function loopbackWithoutPort(uri: string): string | undefined {
  const m = /^http:\/\/(127\.0\.0\.1|\[::1\])(?::\d{1,5})?(\/[^#]*)?$/.exec(uri);
  return m === null ? undefined : `http://${m[1]}${m[2] ?? ''}`;
}

export function redirectUriMatches(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  // Only the port of a loopback IP may differ: a fragment, userinfo or anything else never matches.
  const req = loopbackWithoutPort(requested);
  if (req === undefined) return false;
  return registered.some((r) => loopbackWithoutPort(r) === req);
}

/** A redirect URI as the WHATWG URL parser serialises it, its origin, and whether it has a query or fragment. */
interface ParsedUri {
  href: string;
  origin: string;
  /** No "?" and no "#" in the serialised URI: parameters are added as "?" and a query of their own. */
  bare: boolean;
}

/**
 * Redirect URIs parsed once each, not at every answer: a sign-in parsed its redirect URI twice (the
 * page's form-action origin, then the redirect with the code). Only registered URIs get here (a loopback
 * one with any port, RFC 8252 §7.3), so the cap is a guard, not a working size: past it, it starts over.
 */
const parsedUris = new Map<string, ParsedUri>();
const MAX_PARSED_URIS = 256;

function parsedUri(uri: string): ParsedUri {
  let parsed = parsedUris.get(uri);
  if (parsed === undefined) {
    const u = new URL(uri);
    parsed = {
      href: u.href,
      origin: u.origin,
      bare: !u.href.includes('?') && !u.href.includes('#'),
    };
    if (parsedUris.size >= MAX_PARSED_URIS) parsedUris.clear();
    parsedUris.set(uri, parsed);
  }
  return parsed;
}

/** The origin of a redirect URI (where the consent page's form may lead: its CSP form-action). */
export function uriOrigin(uri: string): string {
  return parsedUri(uri).origin;
}

/**
 * The redirect URI with the response's parameters added to its query, keeping any query it was registered
 * with (RFC 6749 §3.1.2: "MUST retain the query component when adding additional query parameters"); a
 * parameter the registered query already has is replaced. The same string the URL API makes (setting
 * `search` to the URLSearchParams serialisation): a URI without query or fragment just gets "?" and the
 * serialised parameters, whose characters the URL parser leaves as they are.
 */
export function withParams(uri: string, params: Record<string, string | undefined>): string {
  const parsed = parsedUri(uri);
  const u = parsed.bare ? undefined : new URL(uri);
  const query = new URLSearchParams(u?.search);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, v);
  if (u !== undefined) {
    u.search = query.toString();
    return u.href;
  }
  const search = query.toString();
  return search === '' ? parsed.href : `${parsed.href}?${search}`;
}
