/**
 * A small HTTP/1.1 client on node:http(s), for the flow and the consent bot.
 * Why not fetch: loading undici (and its WebAssembly parser) costs more than
 * the whole rest of a flow on loopback; this keeps `flow --auto` quick.
 * Redirects are never followed: the flow shows each hop.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { TutorError } from '../errors.js';

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The request got no answer: refused, timed out, cut off, or a scheme this client does not speak. */
export class HttpRequestError extends TutorError {
  override name = 'HttpRequestError';
  constructor(
    message: string,
    /** The system error code (ECONNREFUSED, ETIMEDOUT…), when there is one. */
    readonly errno?: string,
  ) {
    super('ERR_FAILED', message, {
      hint: 'Check that the provider is running and that its URL is right.',
    });
  }
}

export async function send(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: string,
  timeoutMs = 10_000,
): Promise<HttpResponse> {
  const u = new URL(url);
  const requestFn =
    u.protocol === 'https:'
      ? (await import('node:https')).request
      : u.protocol === 'http:'
        ? request
        : undefined;
  if (requestFn === undefined) throw new HttpRequestError(`unsupported URL scheme ${u.protocol}`);
  return new Promise((resolve, reject) => {
    const req = requestFn(
      u,
      {
        method,
        headers: {
          ...headers,
          ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (e) => reject(new HttpRequestError(e.message)));
      },
    );
    req.on('timeout', () =>
      req.destroy(
        new HttpRequestError(
          `no answer within ${Math.round(timeoutMs / 1000)} seconds`,
          'ETIMEDOUT',
        ),
      ),
    );
    req.on('error', (e) => {
      if (e instanceof HttpRequestError) return reject(e);
      const errno = 'code' in e && typeof e.code === 'string' ? e.code : undefined;
      reject(
        new HttpRequestError(
          errno === 'ECONNREFUSED' ? 'connection refused (is the provider running?)' : e.message,
          errno,
        ),
      );
    });
    req.end(body);
  });
}

export function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}
