/**
 * A JSON object written to stdout piece by piece, for reports over thousands
 * of files: `{ "files": [ …one entry at a time… ], "summary": … }`, byte for
 * byte what `JSON.stringify(whole, null, 2)` would print, without ever holding
 * the whole report (or its string) in memory. Waits for stdout to drain, so a
 * slow reader does not make the output pile up either.
 */
import { once } from 'node:events';

export interface JsonArrayStream {
  /** Writes one entry of the array. */
  item(value: unknown): Promise<void>;
  /** Closes the array and writes the remaining keys of the object. */
  end(rest: Record<string, unknown>): Promise<void>;
}

export function streamJsonArray(
  key: string,
  stream: NodeJS.WritableStream = process.stdout,
): JsonArrayStream {
  let count = 0;
  const write = async (text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  // A value stringified inside its real parents comes out indented as it will stand; cut the parents off.
  const nested = (value: unknown, depth: 1 | 2): string => {
    const open = depth === 2 ? '{\n  "k": [\n    ' : '{\n  "k": ';
    const close = depth === 2 ? '\n  ]\n}' : '\n}';
    const json = JSON.stringify(depth === 2 ? { k: [value] } : { k: value }, null, 2);
    return json.slice(open.length, json.length - close.length);
  };
  return {
    async item(value) {
      const head = count === 0 ? `{\n  ${JSON.stringify(key)}: [\n    ` : ',\n    ';
      count++;
      await write(head + nested(value, 2));
    },
    async end(rest) {
      let text = count === 0 ? `{\n  ${JSON.stringify(key)}: []` : '\n  ]';
      for (const [k, v] of Object.entries(rest))
        text += `,\n  ${JSON.stringify(k)}: ${nested(v, 1)}`;
      await write(`${text}\n}\n`);
    },
  };
}
