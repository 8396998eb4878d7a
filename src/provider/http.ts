/**
 * Small HTTP helpers for the provider on node:http: bounded body reading,
 * form and JSON parsing that reject malformed input and repeated parameters,
 * and JSON/HTML responses with the security headers every answer carries.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isObject, type JsonObject } from '../json.js';
import { oversizedParam } from './limits.js';

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The error code of the one answer that has none: RFC 6750 §3.1 asks a resource server to answer a request
 * that "lacks any authentication information" with the challenge alone, and "no error code or other error
 * information" (server.ts sends an empty body; the description goes only to the provider's log).
 */
export const NO_ERROR_CODE = '';

/**
 * An answer the provider gives on the wire: an HTTP status, an OAuth error code from the RFC 6749 §5.2 /
 * RFC 7591 / RFC 6750 registries (invalid_grant, invalid_client…) or NO_ERROR_CODE, its description and
 * extra headers (WWW-Authenticate, Allow). Not a TutorError: it never reaches the CLI or an exit code
 * (server.ts turns it into a JSON response, or an empty one), its codes are the protocol's, not
 * ErrorCode's, and it has no hint to show.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

const tooLarge = () =>
  new HttpError(413, 'invalid_request', `request body over the ${MAX_BODY_BYTES}-byte limit`);

/** One decoder for every body: `decode` without `stream` starts afresh each call; fatal refuses bad UTF-8. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The whole body decoded from UTF-8, at most MAX_BODY_BYTES. A declared length over the limit is refused before
 * anything is read; a body that grows past it while streaming is refused and its connection closed, so an
 * endless upload is never read to its end. The listeners stay on the request when it settles (it is dropped
 * with its request): `done` makes every later event a no-op instead of a second settlement, and taking them
 * off again cost four more listener changes on every request.
 */
export function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    let first: Buffer | undefined;
    let more: Buffer[] | undefined;
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done = true;
        req.destroy();
        reject(tooLarge());
      } else if (first === undefined) first = chunk;
      else (more ??= [first]).push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      const bytes = more !== undefined ? Buffer.concat(more, size) : first;
      if (bytes === undefined) return resolve('');
      try {
        resolve(UTF8.decode(bytes));
      } catch {
        reject(new HttpError(400, 'invalid_request', 'request body is not UTF-8'));
      }
    });
    req.on('error', (error: Error) => {
      if (done) return;
      done = true;
      reject(error);
    });
    req.on('close', () => {
      if (done) return;
      done = true;
      reject(new Error('the connection closed before the request body ended'));
    });
  });
}

/** One form or query component: '+' is a space, %-escapes must be valid UTF-8 (no silent replacement). */
function decodeComponent(raw: string): string {
  const spaced = raw.includes('+') ? raw.replaceAll('+', ' ') : raw;
  // Without a %-escape there is nothing for decodeURIComponent to do (a scope of several words).
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    throw new HttpError(
      400,
      'invalid_request',
      'the form body is not valid application/x-www-form-urlencoded (bad %-escape)',
    );
  }
}

/** Parameters with repeats detected; RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once." */
export class Params {
  /** The first value sent of each parameter. */
  private readonly map = new Map<string, string>();
  /** The names sent more than once, each once (none on almost every request: made when the first repeat is seen). */
  private repeats: string[] | undefined;

  private add(name: string, value: string): void {
    if (!this.map.has(name)) this.map.set(name, value);
    else if (this.repeats === undefined) this.repeats = [name];
    else if (!this.repeats.includes(name)) this.repeats.push(name);
  }

  static fromSearch(search: URLSearchParams): Params {
    const params = new Params();
    for (const [k, v] of search) params.add(k, v);
    return params;
  }

  /**
   * A URL's query (its `search`) as fromSearch reads `url.searchParams`: where every %-escape is valid
   * UTF-8, fromForm's one pass, which gives URLSearchParams' parameters (test/unit/provider-http.test.ts);
   * where one is not, URLSearchParams itself, which keeps a bad escape as it is. Parsing every
   * authorization request through URLSearchParams cost about 15,000 instructions more (cachegrind).
   */
  static fromQuery(search: string): Params {
    try {
      return Params.fromForm(search);
    } catch {
      return Params.fromSearch(new URLSearchParams(search));
    }
  }

  /**
   * application/x-www-form-urlencoded, parsed in one pass like URLSearchParams would (split on "&", empty
   * parts skipped, name and value split at the first "=", "+" is a space), except that a malformed
   * %-escape or one that is not UTF-8 is an error, not silently kept or replaced. A leading "?" is dropped,
   * as URLSearchParams (which this parser replaced) drops it.
   */
  static fromForm(body: string): Params {
    const params = new Params();
    let start = body.startsWith('?') ? 1 : 0;
    while (start < body.length) {
      let end = body.indexOf('&', start);
      if (end < 0) end = body.length;
      if (end > start) {
        const eq = body.indexOf('=', start);
        if (eq < 0 || eq > end) params.add(decodeComponent(body.slice(start, end)), '');
        else
          params.add(
            decodeComponent(body.slice(start, eq)),
            decodeComponent(body.slice(eq + 1, end)),
          );
      }
      start = end + 1;
    }
    return params;
  }

  get(name: string): string | undefined {
    return this.map.get(name);
  }

  has(name: string): boolean {
    return this.map.has(name);
  }

  /** The repeated names, in the order the parameters were first sent. */
  repeated(): readonly string[] {
    const repeats = this.repeats;
    if (repeats === undefined) return NONE;
    return [...this.map.keys()].filter((name) => repeats.includes(name));
  }

  /** Each parameter's name and first value, in the order first sent. */
  entries(): [string, string][] {
    return [...this.map];
  }
}

const NONE: readonly string[] = [];

/** The media type of the request body, lower-cased, without parameters (charset). */
export function mediaType(req: IncomingMessage): string {
  const type = req.headers['content-type'] ?? '';
  const semi = type.indexOf(';');
  return (semi < 0 ? type : type.slice(0, semi)).trim().toLowerCase();
}

/**
 * The form body's parameters, checked as every endpoint needs them: no repeats (RFC 6749 §3.1), none oversized.
 * `spec` names the section that asks this endpoint for a form body, for the error (none for an HTML form).
 */
export function formBody(req: IncomingMessage, spec?: string): Promise<Params> {
  if (mediaType(req) !== 'application/x-www-form-urlencoded')
    return Promise.reject(
      new HttpError(
        400,
        'invalid_request',
        `the body must be application/x-www-form-urlencoded${spec === undefined ? '' : ` (${spec})`}`,
      ),
    );
  return readBody(req).then(checkedForm);
}

function checkedForm(body: string): Params {
  const params = Params.fromForm(body);
  const repeated = params.repeated();
  if (repeated.length > 0)
    throw new HttpError(
      400,
      'invalid_request',
      `repeated parameter${repeated.length > 1 ? 's' : ''}: ${repeated.join(', ')} (request parameters MUST NOT be included more than once, RFC 6749 §3.1, §3.2)`,
    );
  const big = oversizedParam(params.entries());
  if (big !== undefined)
    throw new HttpError(
      400,
      'invalid_request',
      `parameter ${big.name} is longer than ${big.max} bytes`,
    );
  return params;
}

export async function jsonBody(req: IncomingMessage): Promise<JsonObject> {
  if (mediaType(req) !== 'application/json')
    throw new HttpError(400, 'invalid_request', 'the body must be application/json');
  const text = await readBody(req);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_client_metadata', 'the body is not valid JSON');
  }
  if (!isObject(value))
    throw new HttpError(400, 'invalid_client_metadata', 'the body must be a JSON object');
  return value;
}

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** An answer with no body, and the headers every answer carries. */
export function sendEmpty(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
): void {
  res.writeHead(status, { ...BASE_HEADERS, ...headers, 'content-length': 0 });
  res.end();
}

/** RFC 6749 §5.1: token responses carry "Cache-Control: no-store" and "Pragma: no-cache"; every JSON answer does. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): void {
  const text = JSON.stringify(body);
  const length = Buffer.byteLength(text);
  res.writeHead(
    status,
    headers === undefined
      ? {
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'cache-control': 'no-store',
          pragma: 'no-cache',
          'content-type': 'application/json; charset=utf-8',
          'content-length': length,
        }
      : {
          ...BASE_HEADERS,
          pragma: 'no-cache',
          'content-type': 'application/json; charset=utf-8',
          'content-length': length,
          ...headers,
        },
  );
  // In UTF-8 an ASCII character is one byte and every other UTF-16 unit two or three, so a byte count equal
  // to the length means an all-ASCII body (every token response: JWTs, base64url tokens, scope names),
  // whose latin1 bytes are its UTF-8 bytes. node:http copies a latin1 string as it is; UTF-8 is encoded
  // unit by unit.
  res.end(text, length === text.length ? 'latin1' : 'utf8');
}

/**
 * Pages must not be framed (clickjacking, RFC 9700 §4.16) and leak nothing through Referer.
 * `formTarget` is the origin the form's 303 may lead to: browsers apply CSP form-action to redirects too.
 */
export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string | Buffer,
  formTarget?: string,
): void {
  const formAction = formTarget === undefined ? "'self'" : `'self' ${formTarget}`;
  res.writeHead(status, {
    ...BASE_HEADERS,
    // Same-origin, not no-referrer: under no-referrer a browser posts the page's form with "Origin: null",
    // and the form check (page-form.ts) needs the real origin. Other sites still get no Referer.
    'referrer-policy': 'same-origin',
    'content-type': 'text/html; charset=utf-8',
    'x-frame-options': 'DENY',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'content-length': Buffer.byteLength(html),
  });
  res.end(html);
}

/** `setCookie`: the sign-in session's cookie, set on the redirect that ends a sign-in (sessions.ts). */
export function redirect(
  res: ServerResponse,
  location: string,
  status = 303,
  setCookie?: string,
): void {
  res.writeHead(
    status,
    setCookie === undefined
      ? { ...BASE_HEADERS, location, 'content-length': 0 }
      : { ...BASE_HEADERS, location, 'set-cookie': setCookie, 'content-length': 0 },
  );
  res.end();
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}
