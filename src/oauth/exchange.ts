/**
 * Every HTTP request the flow makes goes through here, so that the learner
 * sees exactly what went over the wire: method, URL, headers, body, and the
 * response, plus the same request in a copyable curl command.
 */

import { TutorError } from '../errors.js';
import { isObject, type JsonObject } from '../json.js';
import { header, send, type HttpResponse } from './http-request.js';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Exchange {
  request: RecordedRequest;
  response: RecordedResponse;
  /** What this request is for, in words. */
  note?: string;
}

/** A recorded request that got no answer; keeps the request, to show what was sent. */
export class ExchangeError extends TutorError {
  override name = 'ExchangeError';
  constructor(
    message: string,
    readonly request: RecordedRequest,
    cause: unknown,
  ) {
    super('ERR_FAILED', message, {
      hint: 'Check that the provider is running and that its URL is right.',
      cause,
    });
  }
}

const SHOWN_RESPONSE_HEADERS = [
  'content-type',
  'location',
  'cache-control',
  'pragma',
  'www-authenticate',
];

export async function exchange(
  request: RecordedRequest,
  opts: { timeoutMs?: number } = {},
): Promise<Exchange> {
  let res: HttpResponse;
  try {
    res = await send(
      request.method,
      request.url,
      request.headers,
      request.body,
      opts.timeoutMs ?? 10_000,
    );
  } catch (error) {
    throw new ExchangeError(
      `${request.method} ${request.url} failed: ${error instanceof Error ? error.message : String(error)}`,
      request,
      error,
    );
  }
  const headers: Record<string, string> = {};
  for (const name of SHOWN_RESPONSE_HEADERS) {
    const v = header(res, name);
    if (v !== undefined) headers[name] = v;
  }
  return { request, response: { status: res.status, headers, body: res.body } };
}

export function formBody(params: Record<string, string | undefined>): string {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) form.append(k, v);
  return form.toString();
}

/** The curl command line for a request (single-quoted for POSIX shells). */
export function toCurl(r: RecordedRequest): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const parts = ['curl', '-i'];
  if (r.method !== 'GET') parts.push('-X', r.method);
  for (const [k, v] of Object.entries(r.headers)) parts.push('-H', q(`${k}: ${v}`));
  if (r.body !== undefined) parts.push('--data-raw', q(r.body));
  parts.push(q(r.url));
  return parts.join(' ');
}

/** The response body when it is a JSON object; what its members are, the caller checks. */
export function jsonOf(e: Exchange): JsonObject | undefined {
  try {
    const v: unknown = JSON.parse(e.response.body);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
