/**
 * The client's loopback redirect endpoint (RFC 8252 §7.3): a server on
 * 127.0.0.1 that receives the browser's redirect with the code, answers with
 * a page saying the tab can be closed, and hands the request to the flow.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CallbackRequest {
  method: string;
  /** The full URL as received, e.g. http://127.0.0.1:53124/callback?code=…&state=…&iss=… */
  url: string;
  headers: Record<string, string>;
}

export interface CallbackServer {
  redirectUri: string;
  /** The next request to the callback path; rejects after `timeoutMs`. */
  next(timeoutMs: number): Promise<CallbackRequest>;
  close(): Promise<void>;
}

export class CallbackTimeout extends Error {}

const PAGE = '<!doctype html><meta charset="utf-8"><title>oauth-tutor</title><body style="font:16px system-ui;margin:3rem"><h1>Back in the app</h1><p>The authorization response reached the client. You can close this tab and go back to the terminal.</p>';

export async function startCallbackServer(port = 0): Promise<CallbackServer> {
  const waiting: ((r: CallbackRequest) => void)[] = [];
  const queued: CallbackRequest[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of ['host', 'user-agent', 'referer']) {
      const v = req.headers[name];
      if (typeof v === 'string') headers[name] = v;
    }
    const received: CallbackRequest = { method: req.method ?? 'GET', url: `${redirectUri}${url.search}`, headers };
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
    res.end(PAGE);
    const w = waiting.shift();
    if (w) w(received);
    else queued.push(received);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  return {
    redirectUri,
    next(timeoutMs) {
      const q = queued.shift();
      if (q) return Promise.resolve(q);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(done), 1);
          reject(new CallbackTimeout(`no redirect reached ${redirectUri} within ${Math.round(timeoutMs / 1000)} seconds`));
        }, timeoutMs);
        const done = (r: CallbackRequest) => {
          clearTimeout(timer);
          resolve(r);
        };
        waiting.push(done);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
