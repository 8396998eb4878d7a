/**
 * The client's loopback redirect endpoint (RFC 8252 §7.3): a server on
 * 127.0.0.1 that receives the browser's redirect with the code and hands the
 * request to the flow. The browser's answer waits for the client's verdict:
 * a page saying the tab can be closed, or, for a response the client refused
 * (a forged callback), a 400 page saying so.
 */
import { createServer, type Server } from 'node:http';

export interface CallbackRequest {
  method: string;
  /** The full URL received, e.g. http://127.0.0.1:53124/callback?code=…&state=…&iss=… */
  url: string;
  headers: Record<string, string>;
}

export interface CallbackReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ReceivedCallback extends CallbackRequest {
  /**
   * Answers the browser once the client has checked the response: accepted (the tab can be closed) or refused
   * (why). Returns what was sent, to record it. Unanswered callbacks get the accepted page after a while.
   */
  reply(verdict: { ok: true; message?: string } | { ok: false; reason: string }): CallbackReply;
}

export interface CallbackServer {
  redirectUri: string;
  /** The next request to the callback path; rejects after `timeoutMs`. */
  next(timeoutMs: number): Promise<ReceivedCallback>;
  close(): Promise<void>;
}

export interface CallbackServerOptions {
  /** 0 (the default) for any free port. */
  port?: number;
  /** The path of the redirect URI (default /callback). */
  path?: string;
}

const UNANSWERED_MS = 30_000;

export class CallbackTimeout extends Error {}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>oauth-tutor</title><body style="font:16px system-ui;margin:3rem"><h1>${escape(title)}</h1><p>${escape(text)}</p>`;
const ACCEPTED =
  'The authorization response reached the client. You can close this tab and go back to the terminal.';

export async function startCallbackServer(
  opts: CallbackServerOptions = {},
): Promise<CallbackServer> {
  const path = opts.path ?? '/callback';
  const waiting: ((r: ReceivedCallback) => void)[] = [];
  const queued: ReceivedCallback[] = [];
  const unanswered = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== path) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of ['host', 'user-agent', 'referer']) {
      const v = req.headers[name];
      if (typeof v === 'string') headers[name] = v;
    }
    let answered: CallbackReply | undefined;
    const reply: ReceivedCallback['reply'] = (verdict) => {
      if (answered !== undefined) return answered;
      const sent: CallbackReply = verdict.ok
        ? {
            status: 200,
            headers: { 'content-type': 'text/html; charset=utf-8' },
            body: page('Back in the app', verdict.message ?? ACCEPTED),
          }
        : {
            status: 400,
            headers: { 'content-type': 'text/html; charset=utf-8' },
            body: page('Sign-in refused by the app', verdict.reason),
          };
      answered = sent;
      clearTimeout(timer);
      unanswered.delete(fallback);
      res.writeHead(sent.status, {
        ...sent.headers,
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      res.end(sent.body);
      return sent;
    };
    const fallback = () => void reply({ ok: true });
    const timer = setTimeout(fallback, UNANSWERED_MS);
    timer.unref();
    unanswered.add(fallback);
    const received: ReceivedCallback = {
      method: req.method ?? 'GET',
      url: `${redirectUri}${url.search}`,
      headers,
      reply,
    };
    const w = waiting.shift();
    if (w) w(received);
    else queued.push(received);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  // Listening on a TCP port gives an address object (a string only for a pipe or socket file).
  if (address === null || typeof address === 'string')
    throw new Error('the callback server is not listening on TCP');
  const redirectUri = `http://127.0.0.1:${address.port}${path}`;
  return {
    redirectUri,
    next(timeoutMs) {
      const q = queued.shift();
      if (q) return Promise.resolve(q);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(done), 1);
          reject(
            new CallbackTimeout(
              `no redirect reached ${redirectUri} within ${Math.round(timeoutMs / 1000)} seconds`,
            ),
          );
        }, timeoutMs);
        // The server keeps the process alive while it listens; a wait nobody listens for any more (the run
        // failed and closed the server) must not hold it open until the timeout.
        timer.unref();
        const done = (r: ReceivedCallback) => {
          clearTimeout(timer);
          resolve(r);
        };
        waiting.push(done);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const f of [...unanswered]) f();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
