/**
 * sendJson (src/provider/http.ts) writes an all-ASCII body as latin1 and any other as UTF-8. Over real
 * HTTP on loopback, the bytes on the wire and the Content-Length are those of the UTF-8 JSON text for any
 * body: a token response (ASCII) as much as a registration echoing a client_name in any script.
 */
import { createServer, get, type Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson } from '../../src/provider/http.js';
import { binaryString } from '../helpers/arbitraries.js';

let server: Server;
let url: string;
/** The body the next request is answered with. */
let next: unknown = {};

beforeAll(async () => {
  server = createServer((_req, res) => sendJson(res, 200, next));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  url = `http://127.0.0.1:${address.port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** One request on a connection of its own (no keep-alive socket the server may be closing meanwhile). */
function answer(body: unknown): Promise<{ bytes: Buffer; length: string | undefined }> {
  next = body;
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ bytes: Buffer.concat(chunks), length: res.headers['content-length'] }),
      );
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('sendJson', () => {
  it.each([
    [
      'a token response (ASCII)',
      { access_token: 'eyJ.a-b_c', token_type: 'Bearer', expires_in: 3600 },
    ],
    ['a client_name with accents and an emoji', { client_name: 'Caf\u00e9 \u2615 \u{1F600}' }],
    ['a lone surrogate (escaped by JSON.stringify)', { note: '\ud800' }],
  ])('%s: the UTF-8 bytes of the JSON text, and their length', async (_what, body) => {
    const { bytes, length } = await answer(body);
    const expected = Buffer.from(JSON.stringify(body), 'utf8');
    expect(bytes.equals(expected)).toBe(true);
    expect(length).toBe(String(expected.length));
  });

  it('property: any string value arrives as its UTF-8 JSON, with the right Content-Length', async () => {
    await fc.assert(
      fc.asyncProperty(binaryString({ maxLength: 40 }), async (text) => {
        const { bytes, length } = await answer({ text });
        const expected = Buffer.from(JSON.stringify({ text }), 'utf8');
        expect(bytes.equals(expected)).toBe(true);
        expect(length).toBe(String(expected.length));
      }),
      { numRuns: 200 },
    );
  });
});
