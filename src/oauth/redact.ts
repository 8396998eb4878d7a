/**
 * Keeps credentials out of what the flow records. Every secret the client
 * learns (its client secret and the Basic header made from it, the PKCE
 * verifier, the authorization code, access, refresh and ID tokens, a JWT's
 * signature) is registered here the moment it is known, and every step is
 * recorded through `step()` / `extra()`, which replace each occurrence with a
 * recognisable stub: a token keeps its first 8 and last 4 characters
 * (shortToken), a secret only its first 6 (shortSecret, the one rule for
 * secrets, also exported to the flow as `mask`). A credential in a URL's
 * query or fragment, a `location` header, a form body or a curl line is found
 * by its parameter's name (PARAM_RULES) and shortened by the same rule, whoever
 * issued it. So the terminal, `--json` and `--transcript` are safe by default,
 * and show a secret the same way everywhere; `--show-secrets` (the learner
 * asking explicitly) records everything whole.
 */
import type { Exchange } from './exchange.js';
import type { CheckedToken } from './token-checks.js';
import { formDecode } from '../protocol/form.js';
import { shortSecret } from '../protocol/secret-stub.js';

export interface Recordable {
  notes: string[];
  exchanges: Exchange[];
  tokens?: CheckedToken[];
  facts?: { name: string; value: string; meaning: string }[];
}

/** How a credential is shown: as a secret (shortSecret) or as a token (shortToken). */
export type CredentialKind = 'secret' | 'token';

/**
 * The parameters that carry a credential, by name, and how each is shown. Wherever one appears (a
 * URL's query or fragment, a `location` header, a form body, a curl line, a JSON response) its value
 * is shortened by this rule, so the same value reads the same in every step.
 */
export const PARAM_RULES: ReadonlyMap<string, CredentialKind> = new Map([
  // RFC 6749 §10.5: "Authorization codes operate as plaintext bearer credentials".
  ['code', 'secret'],
  ['code_verifier', 'secret'],
  ['device_code', 'secret'],
  ['client_secret', 'secret'],
  // The resource owner's password (RFC 6749 §4.3.2).
  ['password', 'secret'],
  ['access_token', 'token'],
  ['refresh_token', 'token'],
  ['id_token', 'token'],
  // The token to revoke or introspect (RFC 7009 §2.1, RFC 7662 §2.1).
  ['token', 'token'],
  ['registration_access_token', 'token'],
  // Assertions and the tokens of a token exchange are bearer credentials too.
  ['client_assertion', 'token'],
  ['assertion', 'token'],
  ['subject_token', 'token'],
  ['actor_token', 'token'],
] as const);

/**
 * The members of a JSON response that hand the client a credential: a token response (RFC 6749
 * §5.1), a registration response (RFC 7591), a device authorization response (RFC 8628 §3.2).
 */
const RESPONSE_MEMBERS = [
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'registration_access_token',
  'device_code',
];

/**
 * How a secret (a client secret, a PKCE verifier, a device code) is shown: its first 6 characters (the
 * provider's log shows a session id the same way, so the rule lives in src/protocol).
 */
export { shortSecret };

/** How a token is shown: its first 8 and last 4 characters, to recognise it. */
export function shortToken(value: string): string {
  return value.length < 16 ? '…(redacted)' : `${value.slice(0, 8)}…${value.slice(-4)}`;
}

/** How the value of a parameter is shown: shortened by its rule if the name is a credential's, else undefined. */
export function shortParam(name: string, value: string): string | undefined {
  const kind = PARAM_RULES.get(name);
  if (kind === undefined) return undefined;
  return kind === 'token' ? shortToken(value) : shortSecret(value);
}

/**
 * A `name=value` pair of a query, a fragment or a form body, in any text (a URL, a header value, a
 * curl line, a sentence): it starts the text or follows a delimiter of one of those (or a quote or
 * a space around a whole URL), and its value ends where a URL or form would end it.
 */
const PARAM = /(^|[?&#\s'"])([^\s=&?#'"<>]+)=([^&#\s'"<>]*)/g;

/** The text with every credential parameter's value shortened by its rule (PARAM_RULES). */
export function redactParams(text: string): string {
  return text.replace(PARAM, (pair: string, before: string, name: string, value: string) => {
    // Empty, or shortened already (a stub is never a value a URL or form carries: both encode … and •).
    if (value === '' || /[…•]/.test(value)) return pair;
    const stub = shortParam(readable(name), readable(value));
    return stub === undefined ? pair : `${before}${name}=${inParam(stub)}`;
  });
}

/** A query's or form's name or value as its reader sees it; as it is when an escape is malformed. */
function readable(s: string): string {
  try {
    return formDecode(s);
  } catch {
    return s;
  }
}

/** A stub as a parameter's value: what would end or split the value encoded, so that it reads back as the stub. */
function inParam(stub: string): string {
  return stub.replace(/[%&#+=\s'"<>]/g, (c) => (c === "'" ? '%27' : encodeURIComponent(c)));
}

export class Redactor {
  /** real value → what is recorded instead; longest first when applied. */
  private readonly stubs = new Map<string, string>();

  constructor(readonly showSecrets: boolean) {}

  /** A token (or anything shaped like one): the first 8 and last 4 characters stay, to recognise it. */
  token(value: string): void {
    this.add(value, shortToken(value));
    if (value.length < 16) return;
    // A JWT's signature is recorded on its own (the decoded token); with header and payload it would rebuild the token.
    const parts = value.split('.');
    const signature = parts.length === 3 ? parts[2] : undefined;
    if (signature !== undefined && signature.length >= 16)
      this.add(signature, shortToken(signature));
  }

  /** A secret (client secret, PKCE verifier): only a short prefix stays. */
  secret(value: string): void {
    if (value === '') return;
    this.add(value, shortSecret(value));
  }

  /** The HTTP Basic credentials made from the client's id and secret (RFC 6749 §2.3.1). */
  basic(header: string, clientId: string): void {
    this.add(header, `Basic <base64 of ${clientId}:client_secret, redacted>`);
    this.add(header.replace(/^Basic /, ''), '<base64 of client_id:client_secret, redacted>');
  }

  /** Registers every token and secret a JSON response carries (token, registration, device authorization responses). */
  fromResponse(body: Record<string, unknown> | undefined): void {
    if (body === undefined) return;
    for (const name of RESPONSE_MEMBERS) {
      const value = body[name];
      if (typeof value !== 'string') continue;
      if (PARAM_RULES.get(name) === 'token') this.token(value);
      else this.secret(value);
    }
  }

  /** The text as it may be shown: credentials in its URLs and form bodies, and every registered one, shortened. */
  text(s: string): string {
    if (this.showSecrets) return s;
    let out = redactParams(s);
    for (const [real, stub] of [...this.stubs].sort((a, b) => b[0].length - a[0].length))
      if (out.includes(real)) out = out.split(real).join(stub);
    return out;
  }

  exchange(e: Exchange): Exchange {
    const map = (h: Record<string, string>) =>
      Object.fromEntries(Object.entries(h).map(([k, v]) => [k, this.text(v)]));
    return {
      request: {
        method: e.request.method,
        url: this.text(e.request.url),
        headers: map(e.request.headers),
        ...(e.request.body === undefined ? {} : { body: this.text(e.request.body) }),
      },
      response: {
        status: e.response.status,
        headers: map(e.response.headers),
        body: this.text(e.response.body),
      },
      ...(e.note === undefined ? {} : { note: this.text(e.note) }),
    };
  }

  record<T extends Recordable>(r: T): T {
    if (this.showSecrets) return r;
    return {
      ...r,
      notes: r.notes.map((n) => this.text(n)),
      exchanges: r.exchanges.map((e) => this.exchange(e)),
      ...(r.tokens === undefined
        ? {}
        : {
            tokens: r.tokens.map((t) =>
              t.signature === undefined ? t : { ...t, signature: this.text(t.signature) },
            ),
          }),
      ...(r.facts === undefined
        ? {}
        : { facts: r.facts.map((f) => ({ ...f, value: this.text(f.value) })) }),
    };
  }

  private add(real: string, stub: string): void {
    if (real === '') return;
    this.stubs.set(real, stub);
    // The same value, encoded for a form body or a URL.
    const form = new URLSearchParams({ v: real }).toString().slice(2);
    if (form !== real) this.stubs.set(form, stub);
    const uri = encodeURIComponent(real);
    if (uri !== real) this.stubs.set(uri, stub);
  }
}
