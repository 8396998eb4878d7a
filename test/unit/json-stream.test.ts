/** Issue 16: `check --json` streams its report; the bytes are those of JSON.stringify(whole, null, 2). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { streamJsonArray } from '../../src/cli/json-stream.js';

async function streamed(items: unknown[], rest: Record<string, unknown>): Promise<string> {
  let out = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  const stream = streamJsonArray('files', sink);
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

  it('writes an empty list as []', async () => {
    expect(await streamed([], { summary: { files: 0 } })).toBe(
      JSON.stringify({ files: [], summary: { files: 0 } }, null, 2) + '\n',
    );
  });
});
