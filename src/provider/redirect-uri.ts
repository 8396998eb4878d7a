/**
 * Redirect URI rules. Registered URIs are compared exactly (RFC 9700 §4.1.3,
 * §2.1); the one exception is a loopback IP literal, whose port may vary
 * (RFC 8252 §7.3: "The authorization server MUST allow any port to be
 * specified at the time of the request for loopback IP redirect URIs").
 * Plain http is allowed only for loopback (RFC 8252 §8.3, RFC 9700 §2.6).
 */

const LOOPBACK_IP = new Set(['127.0.0.1', '[::1]']);
const LOOPBACK_NAMES = new Set([...LOOPBACK_IP, 'localhost']);

/** Why a URI cannot be registered, or undefined when it can. */
export function registrationProblem(uri: string): string | undefined {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return `"${uri}" is not an absolute URI`;
  }
  if (u.hash !== '' || uri.includes('#')) return `"${uri}" has a fragment, which redirect URIs must not (RFC 6749 §3.1.2)`;
  if (u.protocol === 'http:' && !LOOPBACK_NAMES.has(u.hostname)) return `"${uri}" uses http on a non-loopback host; use https (RFC 9700 §2.6)`;
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return `"${uri}" must be an https URI, or http on loopback`;
  return undefined;
}

export function redirectUriMatches(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  let req: URL;
  try {
    req = new URL(requested);
  } catch {
    return false;
  }
  if (req.protocol !== 'http:' || !LOOPBACK_IP.has(req.hostname)) return false;
  return registered.some((r) => {
    const reg = new URL(r);
    return reg.protocol === 'http:' && reg.hostname === req.hostname && reg.pathname === req.pathname && reg.search === req.search && reg.username === '' && req.username === '';
  });
}
