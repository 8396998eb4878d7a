/**
 * A tiny structural checker for content written by people (lessons, rubrics,
 * decks). It never throws on bad content: it collects every problem with the
 * file and field it is in, so an instructor can fix them all in one pass.
 */
import { isObject, type Json, type JsonObject } from './json.js';

export interface Problem {
  /** Path of the file, relative to the lessons directory. */
  file: string;
  /** Dotted path of the field, e.g. `steps[3].why`. Empty for the whole file. */
  field: string;
  message: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

export interface ChoiceOption {
  text: string;
  correct: boolean;
  /** For a wrong option: why it is wrong. */
  why?: string;
}

export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return p.field === '' ? `${where}: ${p.message}` : `${where}: ${p.field}: ${p.message}`;
}

/** Collects problems for one file; the helpers return the value when it has the right shape. */
export class Checker {
  readonly problems: Problem[] = [];
  constructor(readonly file: string) {}

  report(field: string, message: string): void {
    this.problems.push({ file: this.file, field, message });
  }

  object(value: unknown, field: string): JsonObject | undefined {
    if (isObject(value)) return value;
    this.report(field, value === undefined ? 'is missing' : 'must be a mapping (key: value)');
    return undefined;
  }

  string(
    obj: JsonObject,
    key: string,
    field: string,
    opts: { optional?: boolean } = {},
  ): string | undefined {
    const value = obj[key];
    const path = join(field, key);
    if (value === undefined || value === null) {
      if (!opts.optional) this.report(path, 'is missing');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.report(path, 'must be text');
      return undefined;
    }
    if (value.trim() === '') {
      this.report(path, 'must not be empty');
      return undefined;
    }
    return value;
  }

  array(
    obj: JsonObject,
    key: string,
    field: string,
    opts: { optional?: boolean; nonEmpty?: boolean } = {},
  ): Json[] | undefined {
    const value = obj[key];
    const path = join(field, key);
    if (value === undefined || value === null) {
      if (!opts.optional) this.report(path, 'is missing');
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.report(path, 'must be a list');
      return undefined;
    }
    if (opts.nonEmpty && value.length === 0) this.report(path, 'must not be empty');
    return value;
  }

  strings(
    obj: JsonObject,
    key: string,
    field: string,
    opts: { optional?: boolean; nonEmpty?: boolean } = {},
  ): string[] | undefined {
    const list = this.array(obj, key, field, opts);
    if (list === undefined) return undefined;
    const out: string[] = [];
    list.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim() === '')
        this.report(`${join(field, key)}[${i}]`, 'must be non-empty text');
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
    if (!(allowed as readonly string[]).includes(value)) {
      this.report(join(field, key), `"${value}" is not one of: ${allowed.join(', ')}`);
      return undefined;
    }
    return value as T;
  }

  /**
   * Multiple-choice options: each `{ text, correct?, why? }`, exactly one marked
   * `correct: true` (the answer must be among the options), every wrong one with
   * `why` it is wrong.
   */
  choiceOptions(obj: JsonObject, field: string): ChoiceOption[] {
    const options: ChoiceOption[] = [];
    (this.array(obj, 'options', field, { nonEmpty: true }) ?? []).forEach((o, j) => {
      const of = `${field}.options[${j}]`;
      const opt = this.object(o, of);
      if (opt === undefined) return;
      const text = this.string(opt, 'text', of);
      const correct = opt['correct'] === true;
      const why = this.string(opt, 'why', of, { optional: correct });
      if (text !== undefined)
        options.push(why === undefined ? { text, correct } : { text, correct, why });
    });
    const right = options.filter((o) => o.correct).length;
    if (options.length > 0 && right !== 1) {
      this.report(
        join(field, 'options'),
        right === 0
          ? 'no option is marked "correct: true": the answer must be among the options'
          : `${right} options are marked correct; exactly one must be`,
      );
    }
    return options;
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
