/** Issue 16: `check --json` streams its report; the bytes are those of JSON.stringify(whole, null, 2). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { streamJsonArray, type JsonStreamOptions } from '../../src/cli/json-stream.js';

async function streamed(
  items: unknown[],
  rest: Record<string, unknown>,
  options: JsonStreamOptions = {},
): Promise<string> {
  let out = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  const stream = streamJsonArray('files', sink, options);
  for (const item of items) await stream.item(item);
  await stream.end(rest);
  return out;
}

describe('streamJsonArray', () => {
  it('writes exactly what JSON.stringify(whole, null, 2) prints, for any entries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue(), { maxLength: 5 }),
        fc.jsonValue(),
        async (items, summary) => {
          expect(await streamed(items, { summary })).toBe(
            JSON.stringify({ files: items, summary }, null, 2) + '\n',
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('writes the same with reuse, for entries that share objects at any depth', async () => {
    // Entries built from a few shared pieces, as graded sheets share the results of equal answers:
    // the same object may stand at several depths, and must be indented for each.
    const piece = fc.oneof(fc.jsonValue(), fc.constant(undefined));
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(fc.tuple(fc.string(), fc.nat(), fc.nat()), { maxLength: 6 }), {
          maxLength: 6,
        }),
        fc.jsonValue(),
        async (pieces, shapes, summary) => {
          const items = shapes.map((fields) => {
            const entry: Record<string, unknown> = {};
            for (const [key, which, deep] of fields) {
              const p = pieces[which % pieces.length];
              entry[key] = deep % 3 === 0 ? p : deep % 3 === 1 ? { inner: [p, p] } : [p, { p }];
            }
            return entry;
          });
          // The same pieces again after the list, one level shallower than in the entries.
          const rest = { summary, again: [pieces, { pieces }] };
          expect(await streamed(items, rest, { reuse: true })).toBe(
            JSON.stringify({ files: items, ...rest }, null, 2) + '\n',
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes big reports in chunks, each one whole UTF-8', async () => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    const shared = { text: 'What’s a token? ✓ '.repeat(50) };
    const items = Array.from({ length: 2000 }, (_, i) => ({ i, shared, own: { n: `é${i}` } }));
    const stream = streamJsonArray('files', sink, { reuse: true });
    for (const item of items) await stream.item(item);
    await stream.end({ summary: null });
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.length).toBeLessThan(items.length / 10);
    expect(chunks.map((c) => c.toString('utf8')).join('')).toBe(
      JSON.stringify({ files: items, summary: null }, null, 2) + '\n',
    );
  });

  it('writes an empty list as []', async () => {
    expect(await streamed([], { summary: { files: 0 } })).toBe(
      JSON.stringify({ files: [], summary: { files: 0 } }, null, 2) + '\n',
    );
  });
});
