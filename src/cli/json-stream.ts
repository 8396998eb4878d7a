/**
 * A JSON object written to stdout piece by piece, for reports over thousands
 * of files: `{ "files": [ …one entry at a time… ], "summary": … }`, byte for
 * byte what `JSON.stringify(whole, null, 2)` would print, without ever holding
 * the whole report (or its string) in memory. Output is gathered into chunks
 * of about 64 KB (one write per chunk, not one per entry), and waits for stdout
 * to drain, so a slow reader does not make the output pile up either.
 */
import { once } from 'node:events';

export interface JsonArrayStream {
  /** Writes one entry of the array. */
  item(value: unknown): Promise<void>;
  /** Closes the array, writes the remaining keys of the object, and flushes. */
  end(rest: Record<string, unknown>): Promise<void>;
}

export interface JsonStreamOptions {
  /**
   * The entries share objects that never change once written (the grader hands the same
   * result object to every sheet with the same answer): an object met again is written as
   * the UTF-8 bytes it was turned into the first time, neither stringified nor encoded again.
   */
  reuse?: boolean;
}

/** Bytes gathered before one write. */
const CHUNK = 64 * 1024;

export function streamJsonArray(
  key: string,
  stream: NodeJS.WritableStream = process.stdout,
  options: JsonStreamOptions = {},
): JsonArrayStream {
  let count = 0;
  const out = new JsonOutput(options.reuse === true);
  const write = async (last = false) => {
    if (out.size() < CHUNK && !last) return;
    const bytes = out.take();
    if (bytes.length > 0 && !stream.write(bytes)) await once(stream, 'drain');
  };
  return {
    async item(value) {
      out.text(count === 0 ? `{\n  ${JSON.stringify(key)}: [\n    ` : ',\n    ');
      count++;
      if (writable(value)) out.value(value, 2);
      else out.text('null');
      await write();
    },
    async end(rest) {
      out.text(count === 0 ? `{\n  ${JSON.stringify(key)}: []` : '\n  ]');
      for (const [k, v] of Object.entries(rest)) {
        if (!writable(v)) continue;
        out.text(`,\n  ${JSON.stringify(k)}: `);
        out.value(v, 1);
      }
      out.text('\n}\n');
      await write(true);
    },
  };
}

/** How deep into an entry objects are written key by key; below that, JSON.stringify does it all. */
const SPLIT_DEPTH = 2;

/**
 * JSON text gathered as UTF-8 bytes: `JSON.stringify(value, null, 2)` as it stands `depth`
 * levels deep in the report. With reuse, objects down to SPLIT_DEPTH levels into a value are
 * written key by key, and an object below them met a second time is written as the bytes it
 * became the first time (an object met once costs no more than before).
 */
export class JsonOutput {
  private glue = '';
  private parts: Buffer[] = [];
  private bytes = 0;
  /** Objects met once (by the depth they stood at), and the bytes of those met again. */
  private readonly seen: WeakMap<object, { depth: number; bytes?: Buffer }> | undefined;

  constructor(reuse: boolean) {
    this.seen = reuse ? new WeakMap() : undefined;
  }

  text(text: string): void {
    this.glue += text;
  }

  value(value: unknown, depth: number, level = 0): void {
    if (typeof value !== 'object' || value === null || this.seen === undefined) {
      this.glue += indent(JSON.stringify(value, null, 2), depth);
      return;
    }
    if (level >= SPLIT_DEPTH) {
      this.shared(value, depth);
      return;
    }
    if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) {
      // A Date, a boxed string, a class with toJSON…: JSON.stringify knows how.
      this.glue += indent(JSON.stringify(value, null, 2), depth);
      return;
    }
    const inner = '\n' + '  '.repeat(depth + 1);
    const close = '\n' + '  '.repeat(depth);
    if (Array.isArray(value)) {
      if (value.length === 0) {
        this.glue += '[]';
        return;
      }
      value.forEach((v, i) => {
        this.glue += i === 0 ? `[${inner}` : `,${inner}`;
        if (writable(v)) this.value(v, depth + 1, level + 1);
        else this.glue += 'null';
      });
      this.glue += `${close}]`;
      return;
    }
    let first = true;
    for (const [k, v] of Object.entries(value)) {
      if (!writable(v)) continue;
      this.glue += `${first ? `{${inner}` : `,${inner}`}${JSON.stringify(k)}: `;
      first = false;
      this.value(v, depth + 1, level + 1);
    }
    this.glue += first ? '{}' : `${close}}`;
  }

  /** Gathered bytes, about. */
  size(): number {
    return this.bytes + this.glue.length;
  }

  /** Everything gathered so far, in one buffer. */
  take(): Buffer {
    this.flushGlue();
    const all = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.bytes);
    this.parts = [];
    this.bytes = 0;
    return all ?? Buffer.alloc(0);
  }

  private shared(value: object, depth: number): void {
    const seen = this.seen?.get(value);
    if (seen === undefined || seen.depth !== depth) {
      // Most objects are met once: remember only that (no copy of their text is kept).
      this.seen?.set(value, { depth });
      this.glue += indent(JSON.stringify(value, null, 2), depth);
      return;
    }
    seen.bytes ??= Buffer.from(indent(JSON.stringify(value, null, 2), depth));
    this.flushGlue();
    this.parts.push(seen.bytes);
    this.bytes += seen.bytes.length;
  }

  private flushGlue(): void {
    if (this.glue === '') return;
    const bytes = Buffer.from(this.glue);
    this.glue = '';
    this.parts.push(bytes);
    this.bytes += bytes.length;
  }
}

/** What JSON.stringify writes for an object's value (undefined, functions and symbols are left out). */
function writable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function indent(json: string | undefined, depth: number): string {
  // JSON.stringify escapes line breaks inside strings: every "\n" in its output starts a line.
  if (json === undefined) return '';
  return depth === 0 ? json : json.replaceAll('\n', '\n' + '  '.repeat(depth));
}
