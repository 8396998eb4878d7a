/**
 * CORS for the endpoints a browser-based app calls itself. RFC 9700 §2.6: "endpoints directly accessed
 * by such clients including the Token Endpoint, Authorization Server Metadata Endpoint, jwks_uri
 * Endpoint, and Dynamic Client Registration Endpoint MAY support the use of Cross-Origin Resource
 * Sharing (CORS)", and "CORS MUST NOT be supported at the authorization endpoint, as the client does not
 * access this endpoint directly; instead, the client redirects the user agent to it". OIDC Core §5.3:
 * "The UserInfo Endpoint SHOULD support the use of Cross Origin Resource Sharing (CORS)". Revocation (a
 * browser app signing out) and the demo API are called the same way.
 *
 * Not here: the authorization endpoint and the provider's own pages; introspection (a resource server's
 * call) and the device endpoints (a device, not a page); and registration, which the RFC allows but which
 * would let any web page the learner visits register clients and read their secrets back (without CORS
 * a cross-origin JSON post needs a preflight, which fails).
 *
 * Any origin may read them ("*"), which a browser allows only for requests sent without credentials;
 * none of these endpoints reads a cookie. What protects them is the client authentication, PKCE and
 * tokens they check. The header goes on every answer, not only to requests with an Origin, so a copy
 * cached from a plain navigation still serves a later cross-origin fetch (the Fetch standard's advice for
 * a fixed "*": send it always, and no Vary).
 */
import type { ServerResponse } from 'node:http';

export const CORS_PATHS: ReadonlySet<string> = new Set([
  '/.well-known/openid-configuration',
  '/.well-known/oauth-authorization-server',
  '/jwks',
  '/token',
  '/userinfo',
  '/revoke',
  '/api/profile',
  '/api/notes',
]);

/** Request headers a browser app may send: client authentication, the form or JSON body, a DPoP proof. */
const ALLOW_HEADERS = 'authorization, content-type, dpop';
/** Response headers its script may read: the Bearer/DPoP challenge, and how long to wait after a 429. */
const EXPOSE_HEADERS = 'www-authenticate, retry-after';

/** On a CORS endpoint, any page's script may read the answer. */
export function allowOrigin(res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', EXPOSE_HEADERS);
}

/** The answer to a CORS preflight (OPTIONS) for an endpoint taking `methods`. */
export function preflight(res: ServerResponse, methods: readonly string[]): void {
  res.writeHead(204, {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
    'access-control-allow-headers': ALLOW_HEADERS,
    'access-control-max-age': '600',
    'cache-control': 'no-store',
  });
  res.end();
}
