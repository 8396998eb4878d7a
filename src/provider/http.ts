/**
 * Small HTTP helpers for the provider on node:http: bounded body reading,
 * form and JSON parsing that reject malformed input and repeated parameters,
 * and JSON/HTML responses with the security headers every answer carries.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { oversizedParam } from './limits.js';

export const MAX_BODY_BYTES = 64 * 1024;

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

export async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES)
    throw new HttpError(
      413,
      'invalid_request',
      `request body over the ${MAX_BODY_BYTES}-byte limit`,
    );
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new HttpError(
        413,
        'invalid_request',
        `request body over the ${MAX_BODY_BYTES}-byte limit`,
      );
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'invalid_request', 'request body is not UTF-8');
  }
}

/** Parameters with repeats detected; RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once." */
export class Params {
  private constructor(private readonly map: Map<string, string[]>) {}

  static fromSearch(search: URLSearchParams): Params {
    const map = new Map<string, string[]>();
    for (const [k, v] of search) map.set(k, [...(map.get(k) ?? []), v]);
    return new Params(map);
  }

  /** application/x-www-form-urlencoded; malformed %-escapes are an error, not silently kept. */
  static fromForm(body: string): Params {
    for (const part of body.split('&')) {
      try {
        decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        throw new HttpError(
          400,
          'invalid_request',
          'the form body is not valid application/x-www-form-urlencoded (bad %-escape)',
        );
      }
    }
    return Params.fromSearch(new URLSearchParams(body));
  }

  get(name: string): string | undefined {
    return this.map.get(name)?.[0];
  }

  has(name: string): boolean {
    return this.map.has(name);
  }

  repeated(): string[] {
    return [...this.map].filter(([, v]) => v.length > 1).map(([k]) => k);
  }

  entries(): [string, string][] {
    return [...this.map].map(([k, v]) => [k, v[0]!]);
  }
}

export async function formBody(req: IncomingMessage): Promise<Params> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
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

export async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    throw new HttpError(400, 'invalid_request', 'the body must be application/json');
  const text = await readBody(req);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_client_metadata', 'the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HttpError(400, 'invalid_client_metadata', 'the body must be a JSON object');
  return value as Record<string, unknown>;
}

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_HEADERS,
    pragma: 'no-cache',
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
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

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}
