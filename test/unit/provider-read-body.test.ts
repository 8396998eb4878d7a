/**
 * readBody (src/provider/http.ts) over real HTTP on loopback: a body that arrives in several chunks is
 * joined before it is decoded (a UTF-8 character split between two chunks survives), and a body that grows
 * past the limit while streaming is refused with 413 although its length was never declared. The second
 * chunk is sent only once the server has seen the first, so the body really comes in two.
 */
import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError, MAX_BODY_BYTES, readBody } from '../../src/provider/http.js';

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

/**
 * Sends `first` (chunked, no declared length), waits until the server has read it, then sends `rest`.
 * Resolves to what readBody made of it on the server: the text, or the error it rejected with.
 */
async function readInTwoChunks(first: Buffer, rest: Buffer): Promise<string | unknown> {
  let firstSeen: () => void = () => {};
  const seen = new Promise<void>((resolve) => (firstSeen = resolve));
  let settle: (outcome: string | unknown) => void = () => {};
  const outcome = new Promise<string | unknown>((resolve) => (settle = resolve));
  server = createServer((req, res) => {
    req.once('data', () => firstSeen());
    readBody(req).then(
      (text) => {
        settle(text);
        res.end();
      },
      (error: unknown) => {
        settle(error);
        res.destroy();
      },
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  const req = request({ host: '127.0.0.1', port: address.port, method: 'POST', path: '/' });
  req.on('error', () => {}); // the server may close the connection on the second chunk
  req.on('response', (res) => res.resume());
  req.write(first);
  await seen;
  req.end(rest);
  return outcome;
}

describe('readBody', () => {
  it('joins a body that came in two chunks before decoding it, even with a character split between them', async () => {
    const whole = Buffer.from('name=ren%C3%A9e&note=café', 'utf8');
    const split = whole.length - 1; // between the two bytes of "é"
    await expect(readInTwoChunks(whole.subarray(0, split), whole.subarray(split))).resolves.toBe(
      'name=ren%C3%A9e&note=café',
    );
  });

  it('refuses with 413 a body that grows past the limit while streaming', async () => {
    const got = await readInTwoChunks(Buffer.alloc(1024, 'a'), Buffer.alloc(MAX_BODY_BYTES, 'b'));
    expect(got).toBeInstanceOf(HttpError);
    expect(got instanceof HttpError ? got.status : undefined).toBe(413);
  });
});
