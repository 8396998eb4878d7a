/**
 * Keeps credentials out of what the flow records. Every secret the client
 * learns (its client secret and the Basic header made from it, the PKCE
 * verifier, access, refresh and ID tokens, a JWT's signature) is registered
 * here the moment it is known, and every step is recorded through `step()` /
 * `extra()`, which replace each occurrence with a recognisable stub: a token
 * keeps its first 8 and last 4 characters (shortToken), a secret only its
 * first 6 (shortSecret, the one rule for secrets: the flow's notes use it too,
 * as `mask`). So the terminal, `--json` and `--transcript` are safe by default,
 * and show a secret the same way everywhere; `--show-secrets` (the learner
 * asking explicitly) records everything whole.
 */
import type { Exchange } from './exchange.js';
import type { CheckedToken } from './token-checks.js';

export interface Recordable {
  notes: string[];
  exchanges: Exchange[];
  tokens?: CheckedToken[];
  facts?: { name: string; value: string; meaning: string }[];
}

const TOKEN_KEYS = ['access_token', 'refresh_token', 'id_token'];

/**
 * How a secret (a client secret, a PKCE verifier, a device code) is shown: its first 6 characters,
 * to recognise it, and no hint of its length. A stub shortens to itself, so a value shortened twice
 * reads the same as once.
 */
export function shortSecret(value: string): string {
  return value.length <= 8 ? '••••' : `${value.slice(0, 6)}…(redacted)`;
}

/** How a token is shown: its first 8 and last 4 characters, to recognise it. */
export function shortToken(value: string): string {
  return value.length < 16 ? '…(redacted)' : `${value.slice(0, 8)}…${value.slice(-4)}`;
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

  /** Registers every token and secret a JSON response carries (token, refresh, registration responses). */
  fromResponse(body: Record<string, unknown> | undefined): void {
    if (body === undefined) return;
    for (const k of TOKEN_KEYS) if (typeof body[k] === 'string') this.token(body[k]);
    if (typeof body['client_secret'] === 'string') this.secret(body['client_secret']);
    if (typeof body['registration_access_token'] === 'string')
      this.token(body['registration_access_token']);
  }

  text(s: string): string {
    if (this.showSecrets || this.stubs.size === 0) return s;
    let out = s;
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
