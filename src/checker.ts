/**
 * The one structural checker for content written by people (lessons, rubrics,
 * decks). It never throws on bad content: it collects every problem with the
 * file and field it is in (and the line, when the content came from YAML read
 * with positions: src/yaml-content.ts), so an instructor can fix them all in
 * one pass. The helpers return the value when it has the right shape.
 */
import { isObject, type Json, type JsonObject } from './json.js';
import type { Problem } from './problems.js';

/** The line of a field: the value under `key` in `container`, or the container itself. */
export type LineOf = (container: JsonObject | Json[], key?: string | number) => number | undefined;

/** Where a problem is in the parsed content, for its line. */
export interface At {
  in: JsonObject | Json[];
  key?: string | number;
}

export interface StringOptions {
  optional?: boolean;
  /** What to say when the field is absent (default: "is missing"). */
  missing?: string;
}

export interface ListOptions {
  optional?: boolean;
  nonEmpty?: boolean;
}

export class Checker {
  readonly problems: Problem[] = [];
  constructor(
    readonly file: string,
    readonly lineOf: LineOf = () => undefined,
  ) {}

  report(field: string, message: string, at?: At): void {
    const problem: Problem = { file: this.file, field, message };
    const line = at === undefined ? undefined : (this.lineOf(at.in, at.key) ?? this.lineOf(at.in));
    if (line !== undefined) problem.line = line;
    this.problems.push(problem);
  }

  object(
    value: unknown,
    field: string,
    message = 'must be a mapping (key: value)',
  ): JsonObject | undefined {
    if (isObject(value)) return value;
    this.report(field, value === undefined ? 'is missing' : message);
    return undefined;
  }

  string(
    obj: JsonObject,
    key: string,
    field: string,
    opts: StringOptions = {},
  ): string | undefined {
    const value = obj[key];
    const path = join(field, key);
    const at = { in: obj, key };
    if (value === undefined || value === null) {
      if (!opts.optional) this.report(path, opts.missing ?? 'is missing', at);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.report(path, 'must be text', at);
      return undefined;
    }
    if (value.trim() === '') {
      this.report(path, 'must not be empty', at);
      return undefined;
    }
    return value;
  }

  array(obj: JsonObject, key: string, field: string, opts: ListOptions = {}): Json[] | undefined {
    const value = obj[key];
    const path = join(field, key);
    const at = { in: obj, key };
    if (value === undefined || value === null) {
      if (!opts.optional) this.report(path, 'is missing', at);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.report(path, 'must be a list', at);
      return undefined;
    }
    if (opts.nonEmpty && value.length === 0) this.report(path, 'must not be empty', at);
    return value;
  }

  strings(
    obj: JsonObject,
    key: string,
    field: string,
    opts: ListOptions = {},
  ): string[] | undefined {
    const list = this.array(obj, key, field, opts);
    if (list === undefined) return undefined;
    const out: string[] = [];
    list.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim() === '')
        this.report(`${join(field, key)}[${i}]`, 'must be non-empty text', { in: list, key: i });
      else out.push(item);
    });
    return out;
  }

  oneOf<T extends string>(
    obj: JsonObject,
    key: string,
    field: string,
    allowed: readonly T[],
  ): T | undefined {
    const value = this.string(obj, key, field);
    if (value === undefined) return undefined;
    const found = allowed.find((a) => a === value);
    if (found === undefined)
      this.report(join(field, key), `"${value}" is not one of: ${allowed.join(', ')}`, {
        in: obj,
        key,
      });
    return found;
  }

  /** Reports ids that appear more than once. */
  unique(ids: readonly string[], field: string): void {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) this.report(field, `duplicate id "${id}"`);
      seen.add(id);
    }
  }
}

function join(field: string, key: string): string {
  return field === '' ? key : `${field}.${key}`;
}
