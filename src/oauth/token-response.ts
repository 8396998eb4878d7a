/**
 * The token endpoint's successful response (RFC 6749 §5.1), parsed into its
 * type by a validator that names the member that is wrong, so the flow never
 * reads a token out of a body it has not checked.
 * https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
import { isObject, type JsonObject } from '../json.js';

/** A checked token response; every other member the provider sent is kept unchanged. */
export type TokenResponse = JsonObject & {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
  /** OpenID Connect Core §3.1.3.3: the ID token, when the scope had openid. */
  id_token?: string;
};

export type TokenResponseCheck =
  | { ok: true; tokens: TokenResponse }
  | { ok: false; problem: string };

/**
 * RFC 6749 §5.1: "access_token REQUIRED", "token_type REQUIRED", "expires_in RECOMMENDED",
 * "refresh_token OPTIONAL", "scope OPTIONAL, if identical to the scope requested by the client";
 * "Parameter names and string values are included as JSON strings. Numerical values are included as
 * JSON numbers." (so expires_in is 3600, not "3600": RFC 6749 erratum 5379).
 */
export function parseTokenResponse(body: unknown): TokenResponseCheck {
  if (!isObject(body))
    return { ok: false, problem: 'the body is not a JSON object (RFC 6749 §5.1)' };
  const problem = (name: string, want: string, section = 'RFC 6749 §5.1'): TokenResponseCheck => {
    const got = body[name];
    return {
      ok: false,
      problem:
        got === undefined
          ? `"${name}" is missing (${section})`
          : `"${name}" is ${JSON.stringify(got)}, not ${want} (${section})`,
    };
  };
  const { access_token, token_type, expires_in, refresh_token, scope, id_token } = body;
  if (typeof access_token !== 'string' || access_token === '')
    return problem('access_token', 'a non-empty string');
  if (typeof token_type !== 'string' || token_type === '')
    return problem('token_type', 'a non-empty string');
  if (expires_in !== undefined && (typeof expires_in !== 'number' || !(expires_in >= 0)))
    return problem('expires_in', 'a number of seconds');
  if (refresh_token !== undefined && typeof refresh_token !== 'string')
    return problem('refresh_token', 'a string');
  if (scope !== undefined && typeof scope !== 'string')
    return problem('scope', 'a string of space-separated scopes', 'RFC 6749 §5.1, §3.3');
  if (id_token !== undefined && typeof id_token !== 'string')
    return problem('id_token', 'a string (a JWT)', 'OpenID Connect Core §3.1.3.3');
  return {
    ok: true,
    tokens: {
      ...body,
      access_token,
      token_type,
      ...(expires_in === undefined ? {} : { expires_in }),
      ...(refresh_token === undefined ? {} : { refresh_token }),
      ...(scope === undefined ? {} : { scope }),
      ...(id_token === undefined ? {} : { id_token }),
    },
  };
}
