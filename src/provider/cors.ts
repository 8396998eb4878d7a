/**
 * CORS for the endpoints a browser-based app calls itself. RFC 9700 §2.6: "endpoints directly accessed
 * by such clients including the Token Endpoint, Authorization Server Metadata Endpoint, jwks_uri
 * Endpoint, and Dynamic Client Registration Endpoint MAY support the use of Cross-Origin Resource
 * Sharing (CORS)", and "CORS MUST NOT be supported at the authorization endpoint, as the client does not
 * access this endpoint directly; instead, the client redirects the user agent to it". OIDC Core §5.3:
 * "The UserInfo Endpoint SHOULD support the use of Cross Origin Resource Sharing (CORS)". Revocation (a browser app signing out) and the demo API
 * are called the same way. The authorization endpoint, the provider's own pages, introspection (a
 * resource server's call) and the device endpoints (a device, not a page) get none.
 *
 * Any origin may call them, without credentials ("*": a browser then sends no cookies, and these
 * endpoints read none); what protects them is the client authentication, PKCE and tokens they check.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORS_PATHS: ReadonlySet<string> = new Set([
  '/.well-known/openid-configuration',
  '/.well-known/oauth-authorization-server',
  '/jwks',
  '/token',
  '/register',
  '/userinfo',
  '/revoke',
  '/api/profile',
  '/api/notes',
]);

/** Request headers a browser app may send: client authentication, the form or JSON body, a DPoP proof. */
const ALLOW_HEADERS = 'authorization, content-type, dpop';
/** Response headers its script may read: the Bearer/DPoP challenge, a DPoP nonce. */
const EXPOSE_HEADERS = 'www-authenticate, dpop-nonce';

/** On a CORS endpoint, a request from a page (it has an Origin) may be read by that page's script. */
export function allowOrigin(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers.origin === undefined) return;
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
