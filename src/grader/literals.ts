/**
 * The text every match of a rubric pattern must contain, read from the pattern's syntax (ret's
 * tokens), so that the grader can pass over an answer that lacks it without running the
 * expression: on one sheet most of the rubric's expressions find nothing, and V8 compiles each to
 * machine code the first time it runs.
 *
 * The result is a list of clauses, each a list of alternatives: a text can match only if, for
 * every clause, it contains at least one of that clause's alternatives. `\bclient\s+(id|key)\b`
 * needs [["client"], ["id", "key"]]. What is not read for certain (a lookaround, a back-reference,
 * a character class, an optional part) asks for nothing, so the clauses never rule out a text the
 * expression would match; test/unit/literals.test.ts checks that on the shipped rubric.
 *
 * Run by the build (scripts/compile-lessons.mjs), which keeps the clauses beside the rubric's
 * parsed copy; the grader itself never loads ret.
 */
import retModule, { types, type Token, type Tokens } from 'ret';
import type { Literals } from './match.js';

// ret is CommonJS whose module.exports is the tokenizer; its types describe an ES module with a
// default export (see rubric-check.ts).
const tokenize: (source: string) => Tokens =
  typeof retModule === 'function' ? retModule : retModule.default;

/**
 * Escapes ret reads as JavaScript does: classes (\s \d \w, \b…), controls (\n \t…), a
 * character written out (\x41, \u0041) and punctuation. Others ret reads its own way: a named
 * back-reference (\k<n>), an octal escape or back-reference (\0, \012, \1), a control letter
 * (\cj), \u{…}; a pattern with one asks for nothing.
 */
const READ_ALIKE = /\\(?:[bBdDsSwWfnrtv]|x[\da-fA-F]{2}|u[\da-fA-F]{4}|[^\w\s])/y;

/** True when every escape in the source is one ret reads as JavaScript does. */
function escapesReadAlike(source: string): boolean {
  for (let at = source.indexOf('\\'); at >= 0; at = source.indexOf('\\', at)) {
    READ_ALIKE.lastIndex = at;
    const m = READ_ALIKE.exec(source);
    if (m === null) return false;
    at += m[0].length;
  }
  return true;
}

/** The clauses for a pattern's source (without the grader's leading `!`); [] when none is known. */
export function requiredLiterals(source: string): Literals {
  if (!escapesReadAlike(source)) return [];
  let root: Tokens;
  try {
    // ret does not read lookbehinds; they match no character and ask for nothing, so they go.
    root = tokenize(withoutLookbehinds(source));
  } catch {
    return []; // syntax ret does not read: no clause, the expression decides
  }
  return root.type === types.ROOT || root.type === types.GROUP
    ? alternatives(root.options ?? [root.stack ?? []])
    : sequence([root]);
}

/**
 * The source without its `(?<!…)` and `(?<=…)` groups, found by counting parentheses outside
 * character classes and escapes. An unbalanced group leaves the source as it is (ret then throws).
 */
function withoutLookbehinds(source: string): string {
  if (!source.includes('(?<')) return source;
  let out = '';
  for (let i = 0; i < source.length; i++) {
    if (!source.startsWith('(?<!', i) && !source.startsWith('(?<=', i)) {
      out += source[i];
      if (source[i] === '\\' && i + 1 < source.length) out += source[++i];
      continue;
    }
    let depth = 0;
    let inClass = false;
    let j = i;
    for (; j < source.length; j++) {
      const c = source[j];
      if (c === '\\') j++;
      else if (inClass) inClass = c !== ']';
      else if (c === '[') inClass = true;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
    }
    if (j >= source.length) return source;
    i = j;
  }
  return out;
}

/** One of the branches matches: a clause each branch is sure to meet, joined. */
function alternatives(options: Token[][]): Literals {
  const [only] = options;
  if (options.length === 1 && only !== undefined) return sequence(only);
  const joined: string[] = [];
  for (const branch of options) {
    // The clause of this branch that narrows most: fewest alternatives, then the shortest longest.
    const best = sequence(branch).sort(
      (a, b) => a.length - b.length || shortest(b) - shortest(a),
    )[0];
    if (best === undefined) return [];
    joined.push(...best);
  }
  return [[...new Set(joined)]];
}

const shortest = (clause: string[]): number => Math.min(...clause.map((s) => s.length));

/** Tokens one after another: runs of plain characters are literals; groups add their clauses. */
function sequence(tokens: Token[]): Literals {
  const out: Literals = [];
  let run = '';
  const flush = () => {
    if (run !== '') out.push([run]);
    run = '';
  };
  for (const token of tokens) {
    switch (token.type) {
      case types.CHAR:
        run += String.fromCharCode(token.value);
        break;
      case types.POSITION:
        // ^ $ \b \B match no character: the characters on either side stay next to each other.
        break;
      case types.GROUP:
        flush();
        if (!token.followedBy && !token.notFollowedBy && !token.lookBehind)
          out.push(...alternatives(token.options ?? [token.stack ?? []]));
        break;
      case types.REPETITION:
        flush();
        if (token.min >= 1) out.push(...sequence([token.value]));
        break;
      default:
        // A set (`[a-z]`, `\s`, `.`) or a back-reference: no literal, and the run ends.
        flush();
    }
  }
  flush();
  return out;
}
