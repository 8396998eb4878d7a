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
 * An answer the provider gives on the wire: an HTTP status, an OAuth error code from the RFC 6749 §5.2 /
 * RFC 7591 / RFC 6750 registries (invalid_grant, invalid_client…), its description and extra headers
 * (WWW-Authenticate, Allow). Not a TutorError: it never reaches the CLI or an exit code (server.ts turns
 * it into a JSON response), its codes are the protocol's, not ErrorCode's, and it has no hint to show.
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
 * endless upload is never read to its end.
 */
export function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        stop();
        req.destroy();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      const [only] = chunks;
      const bytes = chunks.length === 1 && only !== undefined ? only : Buffer.concat(chunks, size);
      try {
        resolve(UTF8.decode(bytes));
      } catch {
        reject(new HttpError(400, 'invalid_request', 'request body is not UTF-8'));
      }
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () => {
      stop();
      reject(new Error('the connection closed before the request body ended'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** One form or query component: '+' is a space, %-escapes must be valid UTF-8 (no silent replacement). */
function decodeComponent(raw: string): string {
  if (!raw.includes('%') && !raw.includes('+')) return raw;
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new HttpError(
      400,
      'invalid_request',
      'the form body is not valid application/x-www-form-urlencoded (bad %-escape)',
    );
  }
}

interface Param {
  /** The first value sent. */
  value: string;
  /** How many times the parameter was sent. */
  count: number;
}

/** Parameters with repeats detected; RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once." */
export class Params {
  private readonly map = new Map<string, Param>();

  private add(name: string, value: string): void {
    const seen = this.map.get(name);
    if (seen === undefined) this.map.set(name, { value, count: 1 });
    else seen.count++;
  }

  static fromSearch(search: URLSearchParams): Params {
    const params = new Params();
    for (const [k, v] of search) params.add(k, v);
    return params;
  }

  /**
   * application/x-www-form-urlencoded, parsed in one pass like URLSearchParams would (split on "&", empty
   * parts skipped, name and value split at the first "=", "+" is a space), except that a malformed
   * %-escape or one that is not UTF-8 is an error, not silently kept or replaced. A leading "?" is dropped,
   * as URLSearchParams (which this parser replaced) drops it.
   */
  static fromForm(body: string): Params {
    const params = new Params();
    const text = body.startsWith('?') ? body.slice(1) : body;
    if (text === '') return params;
    for (const part of text.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      if (eq < 0) params.add(decodeComponent(part), '');
      else params.add(decodeComponent(part.slice(0, eq)), decodeComponent(part.slice(eq + 1)));
    }
    return params;
  }

  get(name: string): string | undefined {
    return this.map.get(name)?.value;
  }

  has(name: string): boolean {
    return this.map.has(name);
  }

  repeated(): string[] {
    const names: string[] = [];
    for (const [name, p] of this.map) if (p.count > 1) names.push(name);
    return names;
  }

  entries(): [string, string][] {
    const all: [string, string][] = [];
    for (const [name, p] of this.map) all.push([name, p.value]);
    return all;
  }
}

/** The media type of the request body, lower-cased, without parameters (charset). */
function mediaType(req: IncomingMessage): string {
  const type = req.headers['content-type'] ?? '';
  const semi = type.indexOf(';');
  return (semi < 0 ? type : type.slice(0, semi)).trim().toLowerCase();
}

export async function formBody(req: IncomingMessage): Promise<Params> {
  if (mediaType(req) !== 'application/x-www-form-urlencoded') {
    throw new HttpError(
      400,
      'invalid_request',
      'the body must be application/x-www-form-urlencoded (RFC 6749 §4.1.3)',
    );
  }
  const params = Params.fromForm(await readBody(req));
  const repeated = params.repeated();
  if (repeated.length > 0)
    throw new HttpError(
      400,
      'invalid_request',
      `parameter${repeated.length > 1 ? 's' : ''} repeated: ${repeated.join(', ')} (RFC 6749 §3.1)`,
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
  res.end(text);
}

/**
 * Pages must not be framed (clickjacking, RFC 9700 §4.16) and leak nothing through Referer.
 * `formTarget` is the origin the form's 303 may lead to: browsers apply CSP form-action to redirects too.
 */
export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  formTarget?: string,
): void {
  const formAction = formTarget === undefined ? "'self'" : `'self' ${formTarget}`;
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'x-frame-options': 'DENY',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'content-length': Buffer.byteLength(html),
  });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string, status = 303): void {
  res.writeHead(status, { ...BASE_HEADERS, location, 'content-length': 0 });
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
